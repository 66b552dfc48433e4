// Injected faults and latency: reproducible from a seed, visible to the SDK as the service's own
// errors, retried by the SDK, and latency that is at least what was asked for (never asserted from
// above: timing upper bounds are flaky on a loaded machine).
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../harness/contract/index.ts';
import type { FaultOptions } from '../../harness/emulator/faults.ts';
import { startEmulator } from '../../harness/emulator/server.ts';
import { clientFor, startInput } from '../support/connect-client.ts';

const fault = defaultProfile.entries['injected-fault'];
const injectedThrottle = defaultProfile.entries['injected-throttle'];

/** The outcome of `n` sequential starts against a fresh emulator with `faults`: "ok" or the error name and status. */
async function outcomes(faults: FaultOptions, n = 60): Promise<string[]> {
  await using emu = await startEmulator({ port: 0, faults, quotas: { preset: 'unlimited' } });
  const client = clientFor(emu);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      await client.send(new StartWebRTCContactCommand(startInput()));
      out.push('ok');
    } catch (error) {
      const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
      out.push(`${e.name} ${e.$metadata?.httpStatusCode}`);
    }
  }
  client.destroy();
  return out;
}

describe('seeded faults', () => {
  it('faultRate 0.3, seed 42: the same requests fail on two emulators; another seed fails others', async () => {
    const first = await outcomes({ faultRate: 0.3, seed: 42 });
    const second = await outcomes({ faultRate: 0.3, seed: 42 });
    const other = await outcomes({ faultRate: 0.3, seed: 43 });
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    const failed = first.filter((o) => o !== 'ok');
    expect(new Set(failed)).toEqual(new Set([`${fault.error} ${fault.status}`]));
    // Deterministic for the seed, so a loose band is not flaky: it only says "about 30 %".
    expect(failed.length).toBeGreaterThan(first.length * 0.1);
    expect(failed.length).toBeLessThan(first.length * 0.5);
  });

  it('throttleRate 0.3 answers the injected-throttle error (429), reproducibly', async () => {
    const first = await outcomes({ throttleRate: 0.3, seed: 7 });
    const second = await outcomes({ throttleRate: 0.3, seed: 7 });
    const other = await outcomes({ throttleRate: 0.3, seed: 8 });
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    const failed = first.filter((o) => o !== 'ok');
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed)).toEqual(new Set([`${injectedThrottle.error} ${injectedThrottle.status}`]));
  });

  it('faults and throttles together split the requests, reproducibly', async () => {
    const first = await outcomes({ faultRate: 0.2, throttleRate: 0.2, seed: 5 });
    expect(await outcomes({ faultRate: 0.2, throttleRate: 0.2, seed: 5 })).toEqual(first);
    expect(first).toContain(`${fault.error} ${fault.status}`);
    expect(first).toContain(`${injectedThrottle.error} ${injectedThrottle.status}`);
    expect(first).toContain('ok');
  });

  it('turning latency on does not move which requests fail', async () => {
    const without = await outcomes({ faultRate: 0.3, seed: 42 }, 30);
    const withLatency = await outcomes({ faultRate: 0.3, seed: 42, latency: 'uniform:0-2' }, 30);
    expect(withLatency).toEqual(without);
  });

  it('faultRate 0 and 1 are the extremes', async () => {
    expect(new Set(await outcomes({ faultRate: 0, seed: 1 }, 10))).toEqual(new Set(['ok']));
    expect(new Set(await outcomes({ faultRate: 1, seed: 1 }, 10))).toEqual(new Set([`${fault.error} ${fault.status}`]));
  });
});

describe('the SDK retries injected failures', () => {
  it('with maxAttempts 3, some requests succeed after a retried 500', async () => {
    await using emu = await startEmulator({ port: 0, faults: { faultRate: 0.3, seed: 42 }, quotas: { preset: 'unlimited' } });
    const client = clientFor(emu, { maxAttempts: 3 });
    const attempts: number[] = [];
    let failures = 0;
    for (let i = 0; i < 20; i++) {
      try {
        const out = await client.send(new StartWebRTCContactCommand(startInput({ ClientToken: `retry-${i}` })));
        attempts.push(out.$metadata.attempts ?? 1);
      } catch (error) {
        failures++;
        expect((error as { $metadata: { attempts?: number } }).$metadata.attempts).toBe(3);
      }
    }
    client.destroy();
    expect(attempts.some((a) => a > 1)).toBe(true);
    expect(attempts.length).toBeGreaterThan(failures);
  });
});

describe('latency', () => {
  // Ordering, not a stopwatch: the emulator runs in this process, and Node fires timers of one
  // duration in the order they were set. A timer of the same 50 ms set just before each request has
  // always fired when the answer arrives if, and only if, the emulator held the answer for 50 ms.
  it('fixed:50 holds every answer for 50 ms', async () => {
    await using emu = await startEmulator({ port: 0, faults: { latency: 'fixed:50' }, quotas: { preset: 'unlimited' } });
    const client = clientFor(emu);
    for (let i = 0; i < 5; i++) {
      let timerFired = false;
      const timer = setTimeout(() => (timerFired = true), 50);
      await client.send(new StartWebRTCContactCommand(startInput()));
      clearTimeout(timer);
      expect(timerFired).toBe(true);
    }
    client.destroy();
  });

  it('without latency the answer does not wait for the timer (the check above can fail)', async () => {
    await using emu = await startEmulator({ port: 0, quotas: { preset: 'unlimited' } });
    const client = clientFor(emu);
    await client.send(new StartWebRTCContactCommand(startInput()));
    let timerFired = false;
    const timer = setTimeout(() => (timerFired = true), 10_000);
    await client.send(new StartWebRTCContactCommand(startInput()));
    clearTimeout(timer);
    expect(timerFired).toBe(false);
    client.destroy();
  });

  /** Starts with `faults` expecting a refusal; closes the emulator if it started after all. */
  async function refusal(faults: FaultOptions): Promise<unknown> {
    try {
      const emu = await startEmulator({ port: 0, faults });
      await emu.close();
    } catch (error) {
      return error;
    }
    throw new Error(`startEmulator accepted ${JSON.stringify(faults)}`);
  }

  it('invalid fault options are refused at start', async () => {
    expect(String(await refusal({ latency: 'sometimes' }))).toMatch(/latency/);
    expect(String(await refusal({ latency: 'uniform:9-1' }))).toMatch(/latency/);
    expect(String(await refusal({ faultRate: 1.5 }))).toMatch(/fault rate/);
    expect(String(await refusal({ throttleRate: -0.1 }))).toMatch(/throttle rate/);
  });

  // The minus sign of "fixed:-1" must not be read as a separator.
  it('a negative latency ("fixed:-1") is refused at start', async () => {
    expect(String(await refusal({ latency: 'fixed:-1' }))).toMatch(/latency/);
  });
});
