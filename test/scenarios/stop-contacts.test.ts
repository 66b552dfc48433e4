// `connect-harness stop-contacts` against the embedded emulator: the contacts a k6 run kept in its
// ledger (k6 --out json, written here from a shim run's samples in k6's own line format) are
// stopped, a second run finds them already ended, and bad input fails before anything is sent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactListFrom, stopContactsCommand } from '../../harness/cli/commands/stop-contacts.ts';
import { UsageError, type CommandIo } from '../../harness/cli/command.ts';
import { k6Metrics } from '../../harness/contract/metric-names.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { clientFor, startInput } from '../support/connect-client.ts';
import { HarnessError } from '../../harness/targets/harness-error.ts';
import { runInShim } from './run-in-shim.ts';
import type { Sample } from './shim/state.ts';

let emulator: RunningEmulator;
let dir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quotas: { preset: 'unlimited' } });
  dir = mkdtempSync(join(tmpdir(), 'stop-contacts-'));
  // --endpoint takes credentials from the AWS default provider chain: the emulator's test key.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  delete process.env.AWS_PROFILE;
});
afterAll(async () => {
  process.env = savedEnv;
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

function captureIo(): CommandIo & { out: () => string } {
  let out = '';
  return { stdout: (t) => (out += t), stderr: () => undefined, stdin: async () => Buffer.alloc(0), interactive: false, out: () => out };
}

/** The lines `k6 run --out json=FILE` writes for these samples. */
function k6JsonOutput(samples: readonly Sample[]): string {
  const metrics = [...new Set(samples.map((s) => s.metric))].map((metric) => JSON.stringify({ type: 'Metric', data: { name: metric, type: 'counter', contains: 'default', thresholds: [], submetrics: null }, metric }));
  const points = samples.map((s) => JSON.stringify({ metric: s.metric, type: 'Point', data: { time: new Date(s.time).toISOString(), value: s.value, tags: s.tags, ...(s.metadata ? { metadata: s.metadata } : {}) } }));
  return `${[...metrics, ...points].join('\n')}\n`;
}

/** A contact started on the test emulator and left active. */
async function fetchStartedContactId(): Promise<string> {
  const client = clientFor(emulator);
  try {
    return (await client.send(new StartWebRTCContactCommand(startInput()))).ContactId!;
  } finally {
    client.destroy();
  }
}

const run = (args: string[], io = captureIo()) => stopContactsCommand.run(args, io).then((status) => ({ status, out: io.out() }));

describe('stop-contacts', () => {
  it('stops the contacts a k6 run kept in its ledger, and a rerun finds them ended', async () => {
    const result = await runInShim('load', { env: { TARGET_URL: emulator.url, CONTACT_LEDGER: '1' }, iterations: { load: 3 } });
    expect(result.iterationErrors).toEqual([]);
    const file = join(dir, 'k6-out.json');
    writeFileSync(file, k6JsonOutput(result.samples));

    const first = await run(['--file', file, '--endpoint', emulator.url]);
    expect(first).toEqual({ status: 0, out: 'stop-contacts: 3 stopped, 0 had already ended, 0 failed\n' });
    const again = await run(['--file', file, '--endpoint', emulator.url]);
    expect(again).toEqual({ status: 0, out: 'stop-contacts: 0 stopped, 3 had already ended, 0 failed\n' });
  });

  it('reads gzipped k6 output, JSON arrays and {contactIds, instanceId}', () => {
    const id = 'c0ffee00-0000-4000-8000-000000000001';
    const line = JSON.stringify({ metric: k6Metrics.contactsStarted, type: 'Point', data: { value: 1, tags: {}, metadata: { contact_id: id } } });
    expect(contactListFrom(`${line}\n${line}\n`)).toEqual({ contactIds: [id] });
    expect(contactListFrom(JSON.stringify([id, id, 'other']))).toEqual({ contactIds: [id, 'other'] });
    expect(contactListFrom(JSON.stringify({ contactIds: [id], instanceId: 'i' }))).toEqual({ contactIds: [id], instanceId: 'i' });
    expect(() => contactListFrom('[1, 2]')).toThrow(UsageError);
    expect(() => contactListFrom('not json\n')).toThrow(UsageError);
    const gz = join(dir, 'out.json.gz');
    writeFileSync(gz, gzipSync(`${line}\n`));
    return expect(run(['--file', gz, '--endpoint', emulator.url])).resolves.toEqual({ status: 0, out: 'stop-contacts: 0 stopped, 1 had already ended, 0 failed\n' });
  });

  it('exits 1 when contacts cannot be stopped, naming the error and not the ids', async () => {
    const file = join(dir, 'ids.json');
    writeFileSync(file, JSON.stringify({ contactIds: ['c0ffee00-0000-4000-8000-000000000002'], instanceId: '99999999-2222-4333-8444-555555555555' }));
    const { status, out } = await run(['--file', file, '--endpoint', emulator.url]);
    expect(status).toBe(1);
    expect(out).toContain('1 × ResourceNotFoundException (HTTP 404)');
    expect(out).not.toContain('c0ffee00');
  });

  it('sends only ContactIds (UUIDs): the rest are reported apart, never counted as ended', async () => {
    const started = await fetchStartedContactId();
    const file = join(dir, 'mixed.json');
    writeFileSync(file, JSON.stringify([started, 'not-a-uuid', 'c0ffee00-0000-4000-8000-00000000000z']));
    const { status, out } = await run(['--file', file, '--endpoint', emulator.url]);
    expect(status).toBe(1);
    expect(out).toBe(
      'stop-contacts: 1 stopped, 0 had already ended, 0 failed\n' +
        'stop-contacts: 2 ids are not a ContactId (a UUID) and were not sent: "not-a-uuid", "c0ffee00-0000-4000-8000-00000000000z"\n',
    );
    const onlyBad = join(dir, 'bad.json');
    writeFileSync(onlyBad, JSON.stringify(['not-a-uuid']));
    expect(await run(['--file', onlyBad, '--endpoint', emulator.url])).toEqual({
      status: 1,
      out: 'stop-contacts: 0 stopped, 0 had already ended, 0 failed\nstop-contacts: 1 id is not a ContactId (a UUID) and was not sent: "not-a-uuid"\n',
    });
  });

  it('refuses bad calls before sending anything', async () => {
    const file = join(dir, 'one.json');
    writeFileSync(file, '["c0ffee00-0000-4000-8000-000000000003"]');
    await expect(run(['--endpoint', emulator.url])).rejects.toThrow(/--file is required/);
    await expect(run(['--file', file])).rejects.toThrow(UsageError);
    await expect(run(['--file', join(dir, 'missing.json'), '--endpoint', emulator.url])).rejects.toThrow(/ENOENT/);
    await expect(run(['--file', file, '--endpoint', 'https://connect.us-east-1.amazonaws.com'])).rejects.toThrow(HarnessError);
    await expect(run(['--file', file, '--real-aws', '--rate', '5', '--instance-id', 'x'])).rejects.toThrow(/above the documented/);
  });
});
