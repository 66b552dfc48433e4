// `connect-harness diff`, run in-process through main(argv, io) against emulators started in this
// process: an emulator agrees with itself; one whose profile changes one entry's error name
// disagrees on exactly the conditions that entry decides; a side that cannot be reached is one line
// naming the side and exit 2, before or during the run.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileFromJson } from '../../harness/contract/index.ts';
import { answerOf, differences } from '../../harness/diff/answer.ts';
import { isAboutTokens, requestFor, type DiffCase } from '../../harness/diff/cases.ts';
import { conditionOf, readBody } from '../../harness/diff/condition.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID } from '../../harness/contract/defaults.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import type { CallResult } from '../../harness/targets/exchange.ts';
import { elements, parseXml } from '../conformance/xml-well-formed.ts';
import { runCli } from '../support/run-cli.ts';
import { closedPort } from '../support/closed-port.ts';

const run = runCli;

interface JsonReport {
  readonly summary: { readonly cases: number; readonly disagreeing: number; readonly groups: number; readonly exitStatus: number };
  readonly conditions: readonly { condition: string; cases: number; disagreeing: number; failing: boolean }[];
  readonly groups: readonly { group: string; condition: string; differences: string[]; flaky: boolean; replayCommand: string; baseline: { answer: { error?: string } }; candidate: { answer: { error?: string } } }[];
  readonly error?: string;
}

const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true' } as const;
const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));

const emulators: RunningEmulator[] = [];
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, ...options });
  emulators.push(started);
  return started;
}


let dir: string;
let baseline: RunningEmulator;
let same: RunningEmulator;
let renamed: RunningEmulator;

beforeAll(async () => {
  Object.assign(process.env, env);
  dir = await mkdtemp(join(tmpdir(), 'connect-harness-diff-'));
  baseline = await emulator();
  same = await emulator();
  renamed = await emulator({ profile: profileFromJson({ entries: { length: { error: 'ValidationException', status: 400 } } }) });
});

afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  await rm(dir, { recursive: true, force: true });
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('diff of an emulator against itself', () => {
  it('seed 1, both phases: nothing differs, exit 0', async () => {
    const json = join(dir, 'same.json');
    const ran = await run(['diff', '--baseline', baseline.url, '--candidate', same.url, '--seed', '1', '--runs', '100', '--json', json]);
    expect(ran.stdout).toMatch(/the sides agree \(exit 0\)/);
    expect(ran.status).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(report.summary).toMatchObject({ disagreeing: 0, groups: 0, exitStatus: 0 });
    expect(report.summary.cases).toBeGreaterThan(700); // the coverage phase and the random one
    expect(report.conditions.map((c) => c.condition)).toContain('accepted');
  }, 120_000);

  it('seed 2 (the coverage phase is the same at every seed: random cases only), with messages: nothing differs, exit 0', async () => {
    const ran = await run(['diff', '--baseline', baseline.url, '--candidate', same.url, '--seed', '2', '--phases', 'random', '--runs', '200', '--messages']);
    expect(ran.stdout).toMatch(/200 cases sent to both \(200 random\).*200 agree, 0 disagree/);
    expect(ran.status).toBe(0);
  }, 120_000);
});

describe('an emulator whose profile names the length error ValidationException', () => {
  it('disagrees on the conditions the length entry decides, and on nothing else: exit 1', async () => {
    const json = join(dir, 'renamed.json');
    const junit = join(dir, 'renamed.xml');
    const ran = await run(['diff', '--baseline', baseline.url, '--candidate', renamed.url, '--seed', '5', '--runs', '60', '--max-findings', '100', '--json', json, '--junit', junit]);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toContain('DIFFERS length at /ParticipantDetails/DisplayName: baseline 400 InvalidParameterException vs candidate 400 ValidationException');
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(report.summary.exitStatus).toBe(1);
    expect(report.groups.length).toBeGreaterThan(0);
    for (const group of report.groups) {
      expect(group.condition).toMatch(/^length at /);
      expect(group.group).toBe(`${group.condition}: baseline 400 InvalidParameterException vs candidate 400 ValidationException`);
      expect(group.differences).toEqual(['error name']);
      expect(group.flaky).toBe(false);
      expect(group.replayCommand).toContain(`--baseline ${baseline.url} --candidate ${renamed.url}`);
    }
    // Exactly the length conditions fail: every one met, and no other (a body breaking a pattern
    // and a length at once is filed under the rule that names the error).
    const failing = report.conditions.filter((c) => c.failing).map((c) => c.condition);
    const length = report.conditions.filter((c) => c.condition.startsWith('length at ')).map((c) => c.condition);
    expect(failing.sort()).toEqual(length.sort());
    expect(new Set(report.groups.map((g) => g.condition))).toEqual(new Set(length));
    for (const c of report.conditions) expect(c.disagreeing === c.cases).toBe(c.failing);

    // JUnit: one test case per condition, failed for the length ones; the suite named without URLs.
    const xml = parseXml(await readFile(junit, 'utf8'));
    const named = (root: typeof xml, name: string) => elements(root).filter((e) => e.name === name);
    const suite = named(xml, 'testsuite')[0]!;
    expect(suite.attributes.name).toBe('diff: endpoint vs endpoint');
    const cases = named(xml, 'testcase');
    expect(cases.map((c) => c.attributes.name).sort()).toEqual(report.conditions.map((c) => c.condition).sort());
    const failed = cases.filter((c) => named(c, 'failure').length > 0).map((c) => c.attributes.name);
    expect(failed.sort()).toEqual(length.sort());
    for (const c of cases) expect(c.attributes.time).toMatch(/^\d+\.\d{3}$/);
  }, 120_000);

  it('a printed replay command sends that one case again and finds the same group', async () => {
    const json = join(dir, 'renamed-random.json');
    await run(['diff', '--baseline', baseline.url, '--candidate', renamed.url, '--seed', '7', '--phases', 'random', '--runs', '100', '--json', json]);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    const group = report.groups[0]!;
    // npx connect-harness diff … --seed S --path 'P'
    const argv = group.replayCommand.split(' ').slice(2).map((a) => a.replace(/^'(.*)'$/, '$1'));
    expect(argv).toContain('--seed');
    const replayed = await run(argv);
    expect(replayed.status).toBe(1);
    expect(replayed.stdout).toContain(`DIFFERS ${group.group}`);
    expect(replayed.stdout).toContain('1 case sent to both');
  }, 120_000);
});

describe('credentials per side', () => {
  it('--candidate-profile signs the candidate with a shared-config profile; the baseline keeps the default chain', async () => {
    const profiled = await emulator({ credentials: [{ accessKeyId: 'profiled', secretAccessKey: 'profiled-secret' }] });
    const credentials = join(dir, 'credentials');
    await writeFile(credentials, '[other]\naws_access_key_id = profiled\naws_secret_access_key = profiled-secret\n');
    const files = { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(dir, 'no-config') };
    const before = Object.fromEntries(Object.keys(files).map((k) => [k, process.env[k]]));
    Object.assign(process.env, files);
    try {
      const ran = await run(['diff', '--baseline', baseline.url, '--candidate', profiled.url, '--candidate-profile', 'other', '--seed', '1', '--phases', 'random', '--runs', '20']);
      expect(ran.stdout).toMatch(/the sides agree \(exit 0\)/);
      expect(ran.status).toBe(0);
      // The default chain (test/test) is not a key this emulator knows.
      const unprofiled = await run(['diff', '--baseline', baseline.url, '--candidate', profiled.url, '--seed', '1']);
      expect(unprofiled.status).toBe(2);
      expect(unprofiled.stderr).toMatch(/^connect-harness diff: candidate: unknown access key[^\n]*\n$/);
      const missing = await run(['diff', '--baseline', baseline.url, '--candidate', profiled.url, '--candidate-profile', 'nope', '--seed', '1']);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toBe('connect-harness diff: candidate: the profile "nope" gave no credentials (--candidate-profile)\n');
    } finally {
      for (const [key, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 60_000);
});

describe('a side that cannot be asked', () => {
  it.each(['baseline', 'candidate'] as const)('%s unreachable: one line naming the side, exit 2', async (side) => {
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const urls = side === 'baseline' ? [closed, same.url] : [baseline.url, closed];
    const ran = await run(['diff', '--baseline', urls[0]!, '--candidate', urls[1]!, '--seed', '1']);
    expect(ran.status).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^[^\n]+\n$/);
    expect(ran.stderr.startsWith(`connect-harness diff: ${side}: nothing listening at ${closed}`)).toBe(true);
  });

  it('a side that stops answering mid-run: a harness error naming it (exit 2), not a disagreement', async () => {
    // A TCP relay to an emulator that cuts every connection after a few dozen client writes.
    let writes = 0;
    const sockets = new Set<Socket>();
    const relay: Server = createServer((client) => {
      if (writes > 60) return void client.destroy();
      const upstream = createConnection(same.port);
      sockets.add(client).add(upstream);
      client.on('data', (chunk) => {
        if (++writes > 60) for (const s of sockets) s.destroy();
        else upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      for (const s of [client, upstream]) s.on('error', () => {}).on('close', () => sockets.delete(s));
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(relay.address() as { port: number }).port}`;
    try {
      const ran = await run(['diff', '--baseline', baseline.url, '--candidate', url, '--seed', '1', '--runs', '10']);
      expect(ran.status).toBe(2);
      expect(ran.stdout).toMatch(/^ERR candidate: /m);
      expect(ran.stdout).toMatch(/stopped: candidate: .*\(exit 2\)/);
      expect(ran.stdout).not.toMatch(/DIFFERS/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  }, 60_000);

  it('without --candidate: a usage error, exit 2', async () => {
    const ran = await run(['diff', '--baseline', baseline.url]);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(/^connect-harness diff: --candidate URL is required[^\n]*\n$/);
  });

  it('a real-AWS side without --real-aws: refused before anything is sent, naming the side', async () => {
    const ran = await run(['diff', '--baseline', baseline.url, '--candidate', 'https://connect.us-east-1.amazonaws.com']);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(/^connect-harness diff: candidate: .*--real-aws[^\n]*\n$/);
  });
});

describe('cases and answers', () => {
  const base = { instanceId: DEFAULT_INSTANCE_ID, contactFlowId: DEFAULT_CONTACT_FLOW_ID };
  const other = { instanceId: '99999999-2222-4333-8444-555555555555', contactFlowId: '99999999-bbbb-4ccc-8ddd-eeeeeeeeeeee' };
  const request = { InstanceId: DEFAULT_INSTANCE_ID, ContactFlowId: DEFAULT_CONTACT_FLOW_ID, ParticipantDetails: { DisplayName: 'a' }, ClientToken: 'generated' };

  it('the candidate gets its own ids, a mutated id stays mutated, and tokens are fresh unless the case is about them', () => {
    const valid: DiffCase = { kind: 'valid', request };
    const sent = requestFor(valid, base, other);
    expect(sent).toMatchObject({ InstanceId: other.instanceId, ContactFlowId: other.contactFlowId });
    expect(sent.ClientToken).not.toBe('generated');
    expect(requestFor(valid, base, other).ClientToken).not.toBe(sent.ClientToken);
    const mutated: DiffCase = { kind: 'invalid', request: { ...request, InstanceId: '' }, tag: { class: 'length/InstanceId/min-1', rule: 'length', path: '/InstanceId', note: '' } };
    expect(requestFor(mutated, base, other).InstanceId).toBe('');
    const token: DiffCase = { kind: 'invalid', request: { ...request, ClientToken: 'x'.repeat(501) }, tag: { class: 'length/ClientToken/max+1', rule: 'length', path: '/ClientToken', note: '' } };
    expect(isAboutTokens(token)).toBe(true);
    expect(requestFor(token, base, other).ClientToken).toBe('x'.repeat(501));
    expect(isAboutTokens({ kind: 'valid', request: { ...request, ClientToken: '' } })).toBe(true);
    expect(isAboutTokens({ kind: 'valid', request: { ...request, ClientToken: 'é'.repeat(500) } })).toBe(true);
  });

  it('the condition is the violation that names the error, read from the wire body', () => {
    const valid: DiffCase = { kind: 'valid', request };
    expect(conditionOf(JSON.stringify(request), valid, base)).toBe('accepted');
    // A pattern and a length broken at once: the first constraint violation names the error.
    const both = { ...request, ParticipantDetails: { DisplayName: '' }, Attributes: { 'a.b': 'x' } };
    expect(conditionOf(JSON.stringify(both), valid, base)).toBe('length at /ParticipantDetails/DisplayName');
    expect(conditionOf(JSON.stringify({ ...request, Attributes: { 'a.b': 'x' } }), valid, base)).toBe('attribute-key-charset at /Attributes/*');
    expect(conditionOf(JSON.stringify({ ...request, InstanceId: other.instanceId }), valid, base)).toBe('resource-not-found at /InstanceId');
    expect(conditionOf('{', valid, base)).toBe('malformed-json');
  });

  it('answers compare status class, error name and shape, never values', () => {
    const exchange = (status: number, body: string, headers: Record<string, string> = {}) => ({
      operation: 'StartWebRTCContact',
      durationMs: 1,
      attempts: [{ request: { origin: '', method: 'PUT', path: '/', query: {}, headers: {}, body: '' }, response: { status, headers, body }, networkError: undefined }],
    });
    const reading = readBody(JSON.stringify(request), { kind: 'valid', request }, base);
    const ok = (body: object): CallResult => ({ ok: true, output: {}, exchange: exchange(200, JSON.stringify(body)) });
    const error = (status: number, name: string, body: string): CallResult => ({ ok: false, error: { name: 'SdkName', status, message: '', fault: undefined }, exchange: exchange(status, body, { 'x-amzn-errortype': `${name}:http://internal` }) });
    expect(differences(answerOf(ok({ ContactId: 'a', X: { Y: 1 } }), reading), answerOf(ok({ ContactId: 'b', X: { Y: 2 } }), reading), true)).toEqual([]);
    expect(differences(answerOf(ok({ ContactId: 'a', X: { Y: 1 } }), reading), answerOf(ok({ ContactId: 'b' }), reading), false)).toEqual(['members only the baseline returns: /X, /X/Y']);
    const invalid = answerOf(error(400, 'InvalidParameterException', '{"Message":"Value is wrong"}'), reading);
    expect(invalid.error).toBe('InvalidParameterException');
    expect(differences(invalid, answerOf(error(404, 'InvalidParameterException', '{"Message":"Value is bad"}'), reading), false)).toEqual([]);
    expect(differences(invalid, answerOf(error(404, 'InvalidParameterException', '{"Message":"Value is bad"}'), reading), true)).toEqual(['message wording']);
    expect(differences(invalid, answerOf(error(400, 'InvalidParameterException', 'oops'), reading), false)).toEqual(['error body: baseline JSON with a message, candidate not JSON']);
    expect(differences(invalid, answerOf(error(500, 'InternalServiceException', '{"Message":"m"}'), reading), false)).toEqual(['status 4xx vs 5xx', 'error name']);
    // Messages are compared as templates: each side's own ids, and numbers, are placeholders.
    const otherRequest = { ...request, InstanceId: other.instanceId, ContactFlowId: other.contactFlowId };
    const otherReading = readBody(JSON.stringify(otherRequest), { kind: 'valid', request: otherRequest }, other);
    const a = answerOf(error(404, 'ResourceNotFoundException', `{"Message":"Instance not found: ${base.instanceId} (after 3 tries)"}`), reading);
    const b = answerOf(error(404, 'ResourceNotFoundException', `{"Message":"Instance not found: ${other.instanceId} (after 4 tries)"}`), otherReading);
    expect(a.message).toBe('Instance not found: {id} (after {n} tries)');
    expect(differences(a, b, true)).toEqual([]);
  });
});
