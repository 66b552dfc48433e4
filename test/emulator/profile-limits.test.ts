// The assumed bounds are the fidelity profile's (`limits`): an emulator started with a profile that
// raises or switches off the nesting bound validates with it, and the conformance oracle judges the
// same request the same way. The profile arrives as `--profile FILE` would bring it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeContactCommand, StartWebRTCContactCommand, type ConnectClient, type SegmentAttributeValue } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile, maxNestingDepth, type FidelityProfile } from '../../harness/contract/index.ts';
import { expectedOutcome } from '../../harness/conformance/expected-outcome.ts';
import { emulatorOptionsFromArgs } from '../../harness/cli/commands/emulator.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { clientFor, contactFlowId, instanceId, rejectionOf, startInput } from '../support/connect-client.ts';
import { httpRequest, jsonOf, rawExchange, responseOf } from '../support/raw-http.ts';

/** SegmentAttributes holding a chain of `levels` ValueMaps: its deepest container is 2 + 2 × levels deep. */
function chain(levels: number): Record<string, SegmentAttributeValue> {
  let value: SegmentAttributeValue = { ValueString: 'leaf' };
  for (let i = 0; i < levels; i++) value = { ValueMap: { k: value } };
  return { top: value };
}

/** How many ValueMaps a described contact's SegmentAttributes came back with. */
function levelsOf(attributes: Record<string, SegmentAttributeValue> | undefined): number {
  let levels = 0;
  for (let value = attributes?.top; value?.ValueMap !== undefined; value = value.ValueMap.k) levels++;
  return levels;
}

let dir: string;
const running: { emulator: RunningEmulator; client: ConnectClient }[] = [];

/** An emulator as `connect-harness emulator --profile FILE` starts it, the file holding `profile`. */
async function emulatorWithProfileFile(name: string, profile: unknown, extra: readonly string[] = []): Promise<{ emulator: RunningEmulator; client: ConnectClient }> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(profile));
  const options = await emulatorOptionsFromArgs(['--port', '0', '--quotas', 'unlimited', '--profile', file, ...extra]);
  const emulator = await startEmulator(options);
  const started = { emulator, client: clientFor(emulator) };
  running.push(started);
  return started;
}

let unbounded: { emulator: RunningEmulator; client: ConnectClient };
let bounded64: { emulator: RunningEmulator; client: ConnectClient };
let plain: { emulator: RunningEmulator; client: ConnectClient };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profile-limits-'));
  unbounded = await emulatorWithProfileFile('unbounded', { name: 'no nesting bound', limits: { nestingDepth: null } });
  bounded64 = await emulatorWithProfileFile('bounded-64', { name: 'nesting bound 64', limits: { nestingDepth: 64 } });
  plain = await emulatorWithProfileFile('empty', {});
});

afterAll(async () => {
  for (const { emulator, client } of running) {
    client.destroy();
    await emulator.close();
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

const target = { instanceId, contactFlowId };
const deep = 40; // 82 containers deep: past the default 32 and past 64

describe('nesting bound from the profile file', () => {
  it('the profiles loaded with the limits the files give', () => {
    expect(unbounded.emulator.options.profile.limits).toEqual({ nestingDepth: null });
    expect(bounded64.emulator.options.profile.limits).toEqual({ nestingDepth: 64 });
    expect(plain.emulator.options.profile.limits).toEqual({ nestingDepth: maxNestingDepth });
  });

  it(`the default bound (${maxNestingDepth}) refuses a ${deep}-deep ValueMap chain with the profile's nesting-depth error`, async () => {
    const error = await rejectionOf(plain.client.send(new StartWebRTCContactCommand(startInput({ SegmentAttributes: chain(deep) }))));
    const entry = defaultProfile.entries['nesting-depth'];
    expect(error.name).toBe(entry.error);
    expect(error.$metadata.httpStatusCode).toBe(entry.status);
    expect(error.message).toContain(`${maxNestingDepth} levels`);
  });

  it(`nestingDepth null accepts the ${deep}-deep chain, and DescribeContact gives it back whole`, async () => {
    const { client } = unbounded;
    const started = await client.send(new StartWebRTCContactCommand(startInput({ SegmentAttributes: chain(deep) })));
    expect(started.ContactId).toEqual(expect.any(String));
    const described = await client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: started.ContactId }));
    expect(levelsOf(described.Contact?.SegmentAttributes)).toBe(deep);
  });

  it('nestingDepth null accepts 2,000 ValueMaps (4,002 containers) sent as raw JSON', async () => {
    const { emulator } = await emulatorWithProfileFile('unbounded-no-auth', { limits: { nestingDepth: null } }, ['--no-auth']);
    const levels = 2_000;
    const members = `"InstanceId":"${instanceId}","ContactFlowId":"${contactFlowId}","ParticipantDetails":{"DisplayName":"a"}`;
    const body = `{${members},"SegmentAttributes":{"top":${'{"ValueMap":{"k":'.repeat(levels)}{"ValueString":"leaf"}${'}}'.repeat(levels)}}}`;
    const response = responseOf(await rawExchange(emulator.port, httpRequest('PUT', '/contact/webrtc', { 'content-type': 'application/json' }, body)));
    expect(response.status, response.text).toBe(200);
    expect(jsonOf(response)).toMatchObject({ ContactId: expect.any(String) });
  });

  it('nestingDepth 64 accepts a chain 64 containers deep and refuses one level more, naming 64', async () => {
    const { client } = bounded64;
    const fits = await client.send(new StartWebRTCContactCommand(startInput({ SegmentAttributes: chain(31) })));
    expect(fits.ContactId).toEqual(expect.any(String));
    for (const levels of [32, deep]) {
      const error = await rejectionOf(client.send(new StartWebRTCContactCommand(startInput({ SegmentAttributes: chain(levels) }))));
      expect(error.name).toBe(defaultProfile.entries['nesting-depth'].error);
      expect(error.message).toContain('64 levels');
    }
  });
});

describe('the conformance oracle judges with the same profile limits', () => {
  const wire = JSON.stringify({ ...startInput(), SegmentAttributes: chain(deep) });
  const judged = (profile: FidelityProfile) => expectedOutcome(wire, profile, target);

  it('accepted under the unbounded profile, refused (nesting-depth) under the default and 64', () => {
    expect(judged(unbounded.emulator.options.profile)).toEqual({ kind: 'accepted' });
    expect(judged(defaultProfile)).toMatchObject({ kind: 'rejected', rules: ['nesting-depth'] });
    expect(judged(bounded64.emulator.options.profile)).toMatchObject({ kind: 'rejected', rules: ['nesting-depth'] });
  });
});
