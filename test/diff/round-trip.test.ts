// The round trip the three commands exist for: observe a target that answers otherwise than this
// project assumes (`conformance --observe`), start the emulator with what was observed
// (`--profile`), and `diff` the two: no disagreement on statuses and error names. Changing one
// observed entry makes `diff` name exactly that condition.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileFromJson } from '../../harness/contract/index.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

const run = runCli;

/** A target that names its refusals otherwise than the default profile assumes. */
const theirs = {
  name: 'another service',
  entries: {
    required: { error: 'MissingParameterException', status: 400, message: 'Missing {path}' },
    length: { error: 'ValidationException', status: 400, message: '{path} is out of range' },
    enum: { error: 'ValidationException', status: 400, message: '{path} is not one of the allowed values' },
    'attribute-key-charset': { error: 'InvalidParameterException', status: 400, message: 'Bad attribute key' },
    'reference-type-at-creation': { error: 'InvalidParameterException', status: 400, message: 'Reference type not allowed' },
  },
};

const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true' } as const;
const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
const started: RunningEmulator[] = [];
const emulator = async (profile: ReturnType<typeof profileFromJson>) => {
  const e = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, profile });
  started.push(e);
  return e;
};

let dir: string;
let target: RunningEmulator;
let observedFile: string;

beforeAll(async () => {
  Object.assign(process.env, env);
  dir = await mkdtemp(join(tmpdir(), 'connect-harness-round-trip-'));
  target = await emulator(profileFromJson(theirs));
  observedFile = join(dir, 'observed.json');
  const observed = await run(['conformance', '--endpoint', target.url, '--no-throttle-probe', '--runs', '30', '--seed', '3', '--check', 'rejects-invalid', '--observe', observedFile]);
  // The default profile's assumed names differ from this target's: divergences, not findings.
  expect(observed.status, observed.stderr).toBe(0);
});

afterAll(async () => {
  await Promise.all(started.map((e) => e.close()));
  await rm(dir, { recursive: true, force: true });
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('observe → emulator --profile → diff', () => {
  it('the observed profile records what the target answered, as observed entries', async () => {
    const file = JSON.parse(await readFile(observedFile, 'utf8')) as { entries: Record<string, { error: string; status: number; source: string }> };
    for (const [condition, entry] of Object.entries(theirs.entries)) {
      expect(file.entries[condition], condition).toMatchObject({ error: entry.error, status: entry.status, source: 'observed' });
    }
  });

  it('an emulator started with it agrees with the target on statuses and error names', async () => {
    const becomes = await emulator(profileFromJson(JSON.parse(await readFile(observedFile, 'utf8'))));
    const diff = await run(['diff', '--baseline', target.url, '--candidate', becomes.url, '--seed', '5', '--runs', '30']);
    expect(diff.status, diff.stdout.slice(-2000)).toBe(0);
  });

  it('one changed entry is exactly the condition diff names', async () => {
    const observed = JSON.parse(await readFile(observedFile, 'utf8')) as { entries: Record<string, Record<string, unknown>> };
    observed.entries.enum = { ...observed.entries.enum, error: 'SomethingElseException' };
    const drifted = await emulator(profileFromJson(observed));
    const json = join(dir, 'diff.json');
    const diff = await run(['diff', '--baseline', target.url, '--candidate', drifted.url, '--seed', '5', '--runs', '30', '--json', json]);
    expect(diff.status).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as { groups: { condition: string; flaky: boolean }[] };
    // Grouped by rule and site: every disagreeing group is the enum rule, at whichever member.
    const conditions = report.groups.filter((g) => !g.flaky).map((g) => g.condition);
    expect(conditions.length).toBeGreaterThan(0);
    expect(conditions.filter((c) => !c.startsWith('enum at '))).toEqual([]);
  });
});
