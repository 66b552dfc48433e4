// `conformance --observe`: a run records, per condition of the fidelity profile, what the target
// answered, and writes it as a profile `--profile` reads. Against an emulator answering with a
// profile unlike the default, the written file must give back that profile's names, statuses and
// message templates; a target answering one condition two ways gives a disagreement, not an entry;
// files merge; and nothing secret is ever written.
import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeObservedFile } from '../../harness/conformance/observe/observed-file.ts';
import { summaryLines, type MergeSummary } from '../../harness/conformance/observe/observed-profile.ts';
import { ObservationRecorder } from '../../harness/conformance/observe/recorder.ts';
import { runConformance } from '../../harness/conformance/runner.ts';
import { observeCases, sendStart } from '../../harness/conformance/send-case.ts';
import { profileFromJson, type FidelityProfile } from '../../harness/contract/index.ts';
import { withDefects, type Defect } from '../support/defects.ts';
import { openEmulatorTarget, type EmulatorTarget } from '../../harness/targets/emulator-target.ts';
import { SdkTarget, type Target } from '../../harness/targets/target.ts';
import { runCli } from '../support/run-cli.ts';

const ACCESS_KEY = 'AKIDOBSERVEMARKER77';
const SECRET_KEY = 'observe-secret-key-MARKER-0f3a9c';
const DESCRIPTION = 'description-marker-Q7xv2-do-not-store';

/** Entries unlike the default profile's: other names, a status, other wording. */
const custom = profileFromJson({
  name: 'custom, for observe',
  entries: {
    required: { error: 'ValidationException', status: 400, message: 'Missing member {path}' },
    enum: { error: 'ValidationException', status: 422, message: 'Member {path} takes one of [{limit}]' },
    'attribute-key-charset': { error: 'BadAttributeException', status: 400, message: "Attribute name '{actual}' is not allowed" },
    'rate-throttle': { error: 'TooManyRequestsException', status: 429, message: 'Slow down' },
  },
});

let dir: string;
const opened: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'observe-test-'));
});
afterAll(async () => {
  for (const o of opened.reverse()) await o.close();
  await rm(dir, { recursive: true, force: true });
});

async function emulator(profile: FidelityProfile, defects: readonly Defect[] = []): Promise<EmulatorTarget> {
  const target = await openEmulatorTarget({ profile, ...withDefects(defects), credentials: [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY }] });
  opened.push(target);
  return target;
}

/** Runs the given checks' coverage phase with a recorder listening, and merges what it heard into `file`. */
async function observeRun(target: Target, file: string, checks: readonly string[] = ['rejects-invalid']): Promise<MergeSummary> {
  const recorder = new ObservationRecorder(target);
  await runConformance({ target, profile: custom, runs: 1, seed: 1, checks, phases: ['coverage'], observe: recorder });
  return writeObservedFile(file, recorder.observations());
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, Record<string, unknown>>>;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A proxy in front of `upstream` that may rewrite each answer (signatures still verify: the request is forwarded untouched). */
async function proxy(upstream: string, rewrite: (reply: Reply, requestBody: string) => Reply): Promise<string> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const out = httpRequest(`${upstream}${req.url}`, { method: req.method, headers: req.headers as IncomingHttpHeaders }, (up) => {
        const back: Buffer[] = [];
        up.on('data', (c: Buffer) => back.push(c));
        up.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(up.headers)) if (typeof v === 'string' && !['content-length', 'transfer-encoding', 'connection'].includes(k)) headers[k] = v;
          const reply = rewrite({ status: up.statusCode ?? 502, headers, body: Buffer.concat(back).toString('utf8') }, body.toString('utf8'));
          res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
          res.end(reply.body);
        });
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

/** An endpoint target at `url` for the emulator behind it. */
function targetAt(url: string, behind: Target): Target {
  const target = new SdkTarget({
    kind: 'endpoint', description: `proxy ${url}`, endpoint: url, region: behind.region, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    instanceId: behind.instanceId, contactFlowId: behind.contactFlowId, authEnforced: true, concurrency: 10, stopContactsOnClose: false,
  });
  opened.push(target);
  return target;
}

describe('an observed profile', () => {
  let file: string;
  let target: EmulatorTarget;
  let summary: MergeSummary;
  beforeAll(async () => {
    target = await emulator(custom);
    file = join(dir, 'nested', 'folder', 'observed.json');
    await mkdir(join(dir, 'nested', 'folder'), { recursive: true });
    summary = await observeRun(target, file, ['rejects-invalid', 'throttling']);
  });

  it("gives back the target's error names, statuses and message templates, as observed entries", async () => {
    const json = await readJson(file);
    expect(json.entries!.required).toEqual({ error: 'ValidationException', status: 400, message: 'Missing member {path}', allowed: ['ValidationException'], source: 'observed' });
    expect(json.entries!.enum).toEqual({ error: 'ValidationException', status: 422, message: 'Member {path} takes one of [{limit}]', allowed: ['ValidationException'], source: 'observed' });
    expect(json.entries!['attribute-key-charset']).toMatchObject({ error: 'BadAttributeException', status: 400, message: "Attribute name '{actual}' is not allowed", source: 'observed' });
    expect(json.entries!['rate-throttle']).toMatchObject({ error: 'TooManyRequestsException', status: 429, message: 'Slow down', source: 'observed' });
    // Entries the emulator kept from the default profile come back as the default words them.
    expect(json.entries!.length).toMatchObject({ error: 'InvalidParameterException', message: "Value at '{path}' failed to satisfy constraint: Member must have length {relation} {limit}" });
    expect(json.disagreements).toEqual({});
    expect(summary.disagreed).toEqual([]);
    expect(summary.agreed).toEqual(expect.arrayContaining(['required', 'enum', 'attribute-key-charset', 'rate-throttle', 'length']));
  });

  it('carries evidence per condition: counts, agreement, when and where', async () => {
    const evidence = (await readJson(file)).evidence!.required!;
    expect(evidence).toMatchObject({ agreed: true, endpoint: target.endpoint, region: 'us-east-1' });
    expect(evidence.cases).toBeGreaterThan(0);
    expect(evidence.answers).toEqual([{ status: 400, error: 'ValidationException', message: 'Missing member {path}', cases: evidence.cases }]);
    expect(Date.parse(evidence.firstSeen as string)).toBeLessThanOrEqual(Date.parse(evidence.lastSeen as string));
  });

  it('holds no key nor id of the run that recorded it', async () => {
    const text = await readFile(file, 'utf8');
    for (const secret of [SECRET_KEY, ACCESS_KEY, target.instanceId, target.contactFlowId]) expect(text).not.toContain(secret);
  });

  it('is a profile --profile reads, with the observed answers', async () => {
    const loaded = profileFromJson(await readJson(file));
    expect(loaded.entries.required).toMatchObject({ error: 'ValidationException', status: 400, message: 'Missing member {path}', source: 'observed' });
    expect(loaded.entries.enum.status).toBe(422);
  });

  it('merges a later run: counts add up, a changed answer becomes a disagreement, the rest stays', async () => {
    const merged = join(dir, 'merged.json');
    const before = await readJson(file);
    await writeFile(merged, JSON.stringify({ ...before, limits: { nestingDepth: 64 } }));
    const changed = profileFromJson({ entries: { ...before.entries, required: { error: 'ValidationException', status: 400, message: 'Member {path} is required' } } });
    const later = await observeRun(await emulator(changed), merged);
    const after = await readJson(merged);
    expect(after.entries!.required).toBeUndefined();
    const cases = before.evidence!.required!.cases;
    expect(after.disagreements!.required!.answers).toHaveLength(2);
    expect(after.disagreements!.required!.answers).toEqual(expect.arrayContaining([
      { status: 400, error: 'ValidationException', message: 'Member {path} is required', cases },
      { status: 400, error: 'ValidationException', message: 'Missing member {path}', cases },
    ]));
    expect(later.disagreed).toMatchObject([{ condition: 'required', conflict: true }]);
    expect(summaryLines(later, merged)).toMatch(/disagreed: required \(differs from what the file held\)/);
    expect(after.evidence!.enum!.cases).toBe((before.evidence!.enum!.cases as number) * 2);
    expect(after.evidence!.enum!.firstSeen).toBe(before.evidence!.enum!.firstSeen);
    expect(after.evidence!.enum!.lastSeen! >= before.evidence!.enum!.lastSeen!).toBe(true);
    // Not exercised by the later run (no throttling check): untouched.
    expect(after.evidence!['rate-throttle']).toEqual(before.evidence!['rate-throttle']);
    expect(after.entries!['rate-throttle']).toEqual(before.entries!['rate-throttle']);
    expect(after.limits).toEqual({ nestingDepth: 64 });
  });
});

describe('a target that answers one condition two ways', () => {
  it('gives a disagreement, not an entry, and says so', async () => {
    const behind = await emulator(custom);
    let n = 0;
    // Every other "required" answer (400 ValidationException) is renamed.
    const url = await proxy(behind.endpoint, (reply) => {
      if (reply.status !== 400 || reply.headers['x-amzn-errortype'] !== 'ValidationException' || n++ % 2 === 0) return reply;
      return { ...reply, headers: { ...reply.headers, 'x-amzn-errortype': 'InvalidParameterException' } };
    });
    const file = join(dir, 'alternating.json');
    const summary = await observeRun(targetAt(url, behind), file);
    const json = await readJson(file);
    expect(json.entries!.required).toBeUndefined();
    const answers = json.disagreements!.required!.answers as { error: string; cases: number }[];
    expect(answers.map((a) => a.error).sort()).toEqual(['InvalidParameterException', 'ValidationException']);
    expect(json.evidence!.required).toMatchObject({ agreed: false });
    expect(json.entries!.enum).toMatchObject({ error: 'ValidationException', status: 422 });
    expect(summary.disagreed.map((d) => d.condition)).toEqual(['required']);
    expect(summaryLines(summary, file)).toMatch(/^ {2}disagreed: required: 400 \w+Exception "Missing member \{path\}" ×\d+; 400 \w+Exception "Missing member \{path\}" ×\d+$/m);
  });
});

describe('a target that accepts what a rule refuses', () => {
  it('is evidence with accepted: true, not an entry', async () => {
    const file = join(dir, 'accepting.json');
    const summary = await observeRun(await emulator(custom, ['accept-oversized-attributes']), file);
    const json = await readJson(file);
    expect(json.entries!['attribute-byte-budget']).toBeUndefined();
    expect(json.disagreements!['attribute-byte-budget']).toBeUndefined();
    expect(json.evidence!['attribute-byte-budget']).toMatchObject({ agreed: true, accepted: true, answers: [{ status: 200, error: null, message: null }] });
    expect(summary.accepted.map((a) => a.condition)).toEqual(['attribute-byte-budget']);
    expect(summaryLines(summary, file)).toMatch(/accepted: attribute-byte-budget: all \d+ cases accepted/);
  });
});

describe('secrets', () => {
  it('no key, signature, token, id or sensitive value is written, even when the target echoes them', async () => {
    const behind = await emulator(custom);
    let n = 0;
    // The target echoes the request's Description into its messages: whole, or its first 12 characters.
    const url = await proxy(behind.endpoint, (reply, requestBody) => {
      if (reply.status < 400) return reply;
      const description = (JSON.parse(requestBody || '{}') as { Description?: string }).Description ?? '';
      const echo = n++ % 2 === 0 ? description : description.slice(0, 12);
      const { Message } = JSON.parse(reply.body) as { Message: string };
      return { ...reply, body: JSON.stringify({ Message: `${Message} (about "${echo}")` }) };
    });
    const target = targetAt(url, behind);
    const recorder = new ObservationRecorder(target);
    const stop = observeCases(target, recorder);
    for (let i = 0; i < 4; i++) {
      const request = { InstanceId: target.instanceId, ContactFlowId: target.contactFlowId, ParticipantDetails: { DisplayName: 'a' }, Description: DESCRIPTION, AllowedCapabilities: { Customer: { Video: 'sideways' } } };
      await sendStart(target, custom, request);
    }
    stop();
    const file = join(dir, 'secrets.json');
    await writeObservedFile(file, recorder.observations());
    const text = await readFile(file, 'utf8');
    for (const secret of [SECRET_KEY, ACCESS_KEY, DESCRIPTION, DESCRIPTION.slice(0, 12), 'Authorization', 'Signature', 'Credential', 'X-Amz', 'ClientToken']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    const json = await readJson(file);
    expect(json.entries!.enum).toMatchObject({ message: 'Member {path} takes one of [{limit}] (about "{value}")' });
    expect(json.evidence!.enum).toMatchObject({ cases: 2, withheld: 2 });
    expect(recorder.withheld()).toBe(2);
  });
});

describe('connect-harness conformance --observe FILE', () => {
  const run = runCli;

  it('creates the folder, writes the profile and prints a summary after the report', async () => {
    const file = join(dir, 'cli', 'deeper', 'observed.json');
    const ran = await run(['conformance', '--check', 'rejects-invalid', '--phases', 'coverage', '--seed', '1', '--observe', file]);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/\nObserved \d+ conditions \(\d+ agreed, 0 disagreed, 0 accepted\) → .*observed\.json\n$/);
    const json = await readJson(file);
    expect(json.entries!.required).toMatchObject({ error: 'InvalidParameterException', source: 'observed' });
  });

  it('refuses, before the run, a file it could not merge into', async () => {
    const file = join(dir, 'garbage.json');
    await writeFile(file, '{"entries": {"required": 3}}');
    const ran = await run(['conformance', '--check', 'rejects-invalid', '--phases', 'coverage', '--observe', file]);
    expect(ran.status).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/--observe .*garbage\.json: entries\.required/);
    expect(await readFile(file, 'utf8')).toBe('{"entries": {"required": 3}}');
  });
});
