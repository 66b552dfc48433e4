// Cassettes: `conformance --cassette FILE` writes every exchange of a run as one JSON line, with no
// secret in it (the secrets a run really sent and received are planted and looked for), and
// `conformance --replay-cassette FILE` sends the requests again to another target and compares.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASSETTE_FORMAT, parseCassette, type CassetteEntry } from '../../harness/conformance/cassette/cassette-format.ts';
import { CassetteRecorder } from '../../harness/conformance/cassette/cassette-recorder.ts';
import { replayCassette } from '../../harness/conformance/cassette/replay-cassette.ts';
import { runConformance } from '../../harness/conformance/runner.ts';
import { defaultProfile } from '../../harness/contract/index.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID } from '../../harness/contract/defaults.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { openEmulatorTarget } from '../../harness/targets/emulator-target.ts';
import { openEndpointTarget } from '../../harness/targets/endpoint-target.ts';
import type { Exchange } from '../../harness/targets/exchange.ts';
import { runCli } from '../support/run-cli.ts';
import { withDefects } from '../support/defects.ts';

const ACCESS_KEY_ID = 'AKIDCASSETTEPLANTED';
const SECRET = 'Planted-Secret-Key-0000000000000000000000';
const SESSION_TOKEN = 'PLANTED-SESSION-TOKEN-IQoJb3JpZ2luX2VjEJr';
const DESCRIPTION = 'PLANTED-DESCRIPTION personal data 😀';

let dir: string;
const savedEnv = { ...process.env };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cassette-'));
});
afterAll(async () => {
  process.env = savedEnv;
  await rm(dir, { recursive: true, force: true });
});

/** Every secret an exchange carried, raw, as it went over the wire. */
function secretsIn(exchange: Exchange): string[] {
  const found: string[] = [];
  for (const attempt of exchange.attempts) {
    const signature = /Signature=([0-9a-f]+)/.exec(attempt.request.headers.authorization ?? '')?.[1];
    if (signature) found.push(signature);
    if (attempt.request.headers['x-amz-security-token']) found.push(attempt.request.headers['x-amz-security-token']);
    try {
      const body = JSON.parse(attempt.response?.body ?? '') as { ParticipantToken?: string; ConnectionData?: { Attendee?: { JoinToken?: string } } };
      if (body.ParticipantToken) found.push(body.ParticipantToken);
      if (body.ConnectionData?.Attendee?.JoinToken) found.push(body.ConnectionData.Attendee.JoinToken);
    } catch {
      // not JSON: no token
    }
  }
  return found;
}

describe('what a cassette holds', () => {
  let emulator: RunningEmulator;
  let text: string;
  const planted = new Set<string>([ACCESS_KEY_ID, SECRET, SESSION_TOKEN, 'PLANTED-DESCRIPTION']);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET }] });
    const target = openEndpointTarget({
      kind: 'endpoint',
      endpoint: emulator.url,
      region: 'us-east-1',
      instanceId: DEFAULT_INSTANCE_ID,
      contactFlowId: DEFAULT_CONTACT_FLOW_ID,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION_TOKEN },
    });
    const file = join(dir, 'secrets.jsonl');
    const recorder = new CassetteRecorder(file, target, { seed: 5, runs: 3 });
    // What really went over the wire, heard beside the recorder.
    target.onExchange((exchange) => secretsIn(exchange).forEach((s) => planted.add(s)));
    const start = { InstanceId: DEFAULT_INSTANCE_ID, ContactFlowId: DEFAULT_CONTACT_FLOW_ID, ParticipantDetails: { DisplayName: 'caller' } };
    recorder.check = 'planted';
    expect((await target.call('StartWebRTCContact', { ...start, Description: DESCRIPTION })).ok).toBe(true);
    expect((await target.call('StartWebRTCContact', { ...start, Description: 12345 })).ok).toBe(false);
    await target.call('StartWebRTCContact', start, { auth: 'wrong-secret' });
    await runConformance({ target, profile: defaultProfile, runs: 3, seed: 5, checks: ['accepts-valid', 'attribute-round-trip', 'auth-enforced', 'describe-contact'], onCheckStart: (check) => (recorder.check = check) });
    recorder.check = 'planted';
    expect((await target.call('StartWebRTCContact', start)).ok).toBe(true); // left active for close() to stop
    recorder.check = 'cleanup';
    await target.close(); // stops the contacts it started: those exchanges are recorded too
    await recorder.close();
    text = await readFile(file, 'utf8');
    expect(recorder.recorded).toBe(text.trim().split('\n').length - 1);
  });
  afterAll(() => emulator?.close());

  it('is one JSON object a line: a header, then every exchange in order, each with its check, signing, timing, request and answer', () => {
    const { header, entries } = parseCassette(text);
    expect(header).toMatchObject({ cassette: CASSETTE_FORMAT, seed: 5, runs: 3, target: { kind: 'endpoint', instanceId: DEFAULT_INSTANCE_ID, contactFlowId: DEFAULT_CONTACT_FLOW_ID } });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(new Set(entries.map((e) => e.check))).toEqual(new Set(['planted', 'accepts-valid', 'attribute-round-trip', 'auth-enforced', 'describe-contact', 'cleanup']));
    expect(new Set(entries.map((e) => e.auth))).toEqual(new Set(['signed', 'wrong-secret', 'unsigned', 'unknown-key', 'skewed-clock']));
    expect(entries.filter((e) => e.check === 'cleanup').every((e) => e.operation === 'StopContact')).toBe(true);
    for (const entry of entries) {
      expect(entry.durationMs).toBe(Math.round(entry.durationMs * 10) / 10);
      expect(entry.attempts[0]!.request).toMatchObject({ method: expect.any(String), path: expect.any(String), body: expect.any(String) });
      expect(entry.attempts[0]!.response?.status).toBeGreaterThanOrEqual(200);
    }
  });

  it('holds no secret the run sent or received: key, secret, session token, signatures, Description, ParticipantToken, JoinToken', () => {
    expect(planted.size).toBeGreaterThan(20); // signatures and tokens really were on the wire
    for (const secret of planted) expect(text.includes(secret), secret.slice(0, 12)).toBe(false);
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
  });

  it('shows what was redacted, with the length or type a replay needs', () => {
    const planted = parseCassette(text).entries.filter((e) => e.check === 'planted').map((e) => JSON.parse(e.attempts[0]!.request.body) as { Description: unknown });
    expect(planted.map((b) => b.Description)).toEqual([`<redacted:${[...DESCRIPTION].length}>`, '<redacted:number>', undefined, undefined]);
    const answer = JSON.parse(parseCassette(text).entries[0]!.attempts[0]!.response!.body) as { ParticipantToken: string; ConnectionData: { Attendee: { JoinToken: string } } };
    expect(answer.ParticipantToken).toMatch(/^<redacted:\d+>$/);
    expect(answer.ConnectionData.Attendee.JoinToken).toMatch(/^<redacted:\d+>$/);
    expect(text).toContain('Credential=<redacted>');
    expect(text).toContain('"x-amz-security-token":"<redacted>"');
  });
});

describe('conformance --cassette, then --replay-cassette', () => {
  const file = () => join(dir, 'run', 'cassette.jsonl');
  let entries: CassetteEntry[];

  beforeAll(async () => {
    const ran = await runCli(['conformance', '--runs', '3', '--seed', '9', '--check', 'rejects-invalid', '--check', 'idempotent-replay', '--check', 'describe-contact', '--check', 'auth-enforced', '--cassette', file()]);
    expect(ran.status, ran.stderr).toBe(0);
    ({ entries } = parseCassette(await readFile(file(), 'utf8')));
    expect(ran.stderr).toContain(`conformance: ${entries.length} exchanges recorded in ${file()}\n`);
  }, 120_000);

  it('records the preflight and every check, in run order', () => {
    const checks = [...new Set(entries.map((e) => e.check))];
    expect(checks).toEqual(['preflight', 'rejects-invalid', 'idempotent-replay', 'describe-contact', 'auth-enforced']);
    expect(entries.filter((e) => e.operation === 'DescribeContact').length).toBeGreaterThan(0);
  });

  it('replayed to a fresh emulator: every answer as recorded (ids follow the new target: DescribeContact finds the new contact)', async () => {
    const ran = await runCli(['conformance', '--replay-cassette', file()]);
    expect(ran.status, ran.stdout).toBe(0);
    expect(ran.stdout).toContain(`${entries.length} exchanges re-sent: ${entries.length} answered as recorded, 0 differently`);
  }, 120_000);

  it('replayed to an emulator with a defect: the differences, each named, and exit 1', async () => {
    const defective = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, ...withDefects(['accept-oversized-attributes']) });
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    try {
      const out = join(dir, 'run', 'replayed.jsonl');
      const ran = await runCli(['conformance', '--replay-cassette', file(), '--endpoint', defective.url, '--cassette', out]);
      expect(ran.status, ran.stdout).toBe(1);
      expect(ran.stdout).toMatch(/answered as recorded, [1-9]\d* differently/);
      expect(ran.stdout).toMatch(/#\d+ rejects-invalid, StartWebRTCContact: recorded 400 InvalidRequestException, now 200\n/);
      // The replay itself was recorded: the same requests, now with the defect's answers.
      const replayed = parseCassette(await readFile(out, 'utf8')).entries.filter((e) => e.check === 'replay');
      expect(replayed).toHaveLength(entries.length);
    } finally {
      await defective.close();
    }
  }, 120_000);

  it('a file that is not a cassette, or flags that do not apply: exit 2, one line', async () => {
    const notOne = await runCli(['conformance', '--replay-cassette', join(dir, 'missing.jsonl')]);
    expect(notOne).toMatchObject({ status: 2, stdout: '' });
    expect(notOne.stderr).toMatch(/^connect-harness conformance: --replay-cassette .*missing\.jsonl: ENOENT\n$/);
    const wrongFlag = await runCli(['conformance', '--replay-cassette', file(), '--runs', '5']);
    expect(wrongFlag.stderr).toBe('connect-harness conformance: --runs does not apply to --replay-cassette, which re-sends the recorded requests (it takes the target flags and --cassette)\n');
  });
});

describe('replayCassette', () => {
  it('sends a redacted value back with its length, and an ill-formed one still ill-formed', async () => {
    const target = await openEmulatorTarget();
    try {
      const body = (description: string) => JSON.stringify({ InstanceId: DEFAULT_INSTANCE_ID, ContactFlowId: DEFAULT_CONTACT_FLOW_ID, ParticipantDetails: { DisplayName: 'x' }, Description: description });
      const entry = (seq: number, description: string, status: number, errorType?: string): CassetteEntry => ({
        seq,
        at: '',
        check: 'c',
        operation: 'StartWebRTCContact',
        auth: 'signed',
        durationMs: 1,
        attempts: [{ request: { origin: '', method: 'PUT', path: '/contact/webrtc', query: {}, headers: {}, body: body(description) }, response: { status, headers: errorType ? { 'x-amzn-errortype': errorType } : {}, body: '{}' }, networkError: null }],
      });
      const header = { cassette: CASSETTE_FORMAT, recordedAt: '', target: { kind: 'emulator', description: 'd', region: 'us-east-1', instanceId: DEFAULT_INSTANCE_ID, contactFlowId: DEFAULT_CONTACT_FLOW_ID } } as const;
      // 4097 code points is one over Description's maximum; a lone surrogate is refused as not well-formed.
      const entries = [entry(1, '<redacted:4096>', 200), entry(2, '<redacted:4097>', 400, 'InvalidParameterException'), entry(3, '<redacted:3:ill-formed>', 400, 'SerializationException')];
      const report = await replayCassette({ header, entries }, target);
      expect(report.exchanges.map((e) => [e.replayed.status, e.replayed.errorType, e.verdict])).toEqual([
        [200, undefined, 'same'],
        [400, 'InvalidParameterException', 'same'],
        [400, 'SerializationException', 'same'],
      ]);
    } finally {
      await target.close();
    }
  });
});
