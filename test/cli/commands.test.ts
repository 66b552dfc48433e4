// The command line, run in-process through main(argv, io) with a fake CommandIo, and once through
// the real bin/connect-harness.js so the published wrapper is covered. Exit statuses: 0 success,
// 1 findings (an invalid request, a conformance failure), 2 usage or harness error (one line on stderr).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../../harness/cli/commands/corpus.ts';
import { allChecks } from '../../harness/conformance/checks/index.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID } from '../../harness/contract/defaults.ts';
import { elements, parseXml } from '../conformance/xml-well-formed.ts';
import { runCli as run, type Ran } from '../support/run-cli.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');



/** A usage or harness error: exit 2, nothing on stdout, one line on stderr. */
function expectOneLineError(ran: Ran, pattern: RegExp) {
  expect(ran.status).toBe(2);
  expect(ran.stdout).toBe('');
  expect(ran.stderr).toMatch(/^[^\n]+\n$/);
  expect(ran.stderr).toMatch(pattern);
}

interface ValidateOutput {
  readonly valid: boolean;
  readonly violations: readonly { path: string; rule: string }[];
  readonly error: { name: string; status: number; message: string } | null;
}
const parsedOutput = (ran: Ran) => JSON.parse(ran.stdout) as ValidateOutput;

const valid = { InstanceId: DEFAULT_INSTANCE_ID, ContactFlowId: DEFAULT_CONTACT_FLOW_ID, ParticipantDetails: { DisplayName: 'Caller' } };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'connect-harness-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const file = (name: string) => join(dir, name);

describe('help and dispatch', () => {
  it('--help lists every command and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const ran = await run([flag]);
      expect(ran.status).toBe(0);
      expect(ran.stdout).toContain('Usage: connect-harness <command>');
      for (const name of ['main', 'conformance', 'emulator', 'validate', 'corpus']) expect(ran.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
      expect(ran.stderr).toBe('');
    }
  });

  it('no command prints the help and exits 2', async () => {
    const ran = await run([]);
    expect(ran.status).toBe(2);
    expect(ran.stdout).toContain('Commands:');
  });

  it('an unknown command exits 2 with one line naming it', async () => {
    expectOneLineError(await run(['frobnicate', '--x']), /unknown command "frobnicate"/);
  });

  it.each(['conformance', 'validate', 'corpus', 'main', 'emulator'])('%s --help prints its usage and exits 0', async (name) => {
    const ran = await run([name, '--help']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(new RegExp(`^Usage: connect-harness ${name}`));
  });

  it('conformance --help names every check', async () => {
    const ran = await run(['conformance', '--help']);
    for (const check of allChecks) expect(ran.stdout).toContain(check.name);
  });

  it('an unknown flag is a usage error', async () => {
    expectOneLineError(await run(['validate', '--frob']), /frob/);
  });
});

describe('validate', () => {
  it('a valid request from stdin: exit 0, valid, no violations, no error', async () => {
    const ran = await run(['validate'], JSON.stringify(valid));
    expect(ran.status).toBe(0);
    expect(parsedOutput(ran)).toEqual({ valid: true, violations: [], error: null });
  });

  it('an invalid request from a file: exit 1, every violation, the error the emulator would answer', async () => {
    await writeFile(file('invalid.json'), JSON.stringify({ ...valid, ParticipantDetails: { DisplayName: '' }, References: { k: { Type: 'ATTACHMENT' } } }));
    const ran = await run(['validate', file('invalid.json')]);
    expect(ran.status).toBe(1);
    const output = parsedOutput(ran);
    expect(output.valid).toBe(false);
    expect(output.violations).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/ParticipantDetails/DisplayName', rule: 'length' }),
      expect.objectContaining({ path: '/References/k/Type', rule: 'reference-type-at-creation' }),
    ]));
    // The model constraint is read first: its error names the request.
    expect(output.error).toEqual({ name: 'InvalidParameterException', status: 400, message: expect.stringContaining('ParticipantDetails.DisplayName') });
  });

  it('"-" reads stdin too', async () => {
    const ran = await run(['validate', '-'], JSON.stringify({ ...valid, InstanceId: '' }));
    expect(ran.status).toBe(1);
    expect(parsedOutput(ran).violations).toEqual([expect.objectContaining({ path: '/InstanceId', rule: 'length' })]);
  });

  it.each([
    ['malformed JSON', Buffer.from('{"InstanceId": ')],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
    ['a duplicate key', Buffer.from('{"InstanceId":"a","InstanceId":"b"}')],
  ])('%s: exit 1, SerializationException', async (_name, bytes) => {
    const ran = await run(['validate'], bytes);
    expect(ran.status).toBe(1);
    const output = parsedOutput(ran);
    expect(output.valid).toBe(false);
    expect(output.violations).toEqual([]);
    expect(output.error).toMatchObject({ name: 'SerializationException', status: 400 });
  });

  it('a missing file: exit 2, one line', async () => {
    expectOneLineError(await run(['validate', file('no-such.json')]), /cannot read .*no-such\.json: no such file/);
  });

  it('two files: exit 2', async () => {
    expectOneLineError(await run(['validate', 'a.json', 'b.json']), /one FILE/);
  });

  it('--profile FILE decides the error', async () => {
    await writeFile(file('profile.json'), JSON.stringify({ name: 'observed', entries: { length: { error: 'ValidationException', status: 422, message: 'too long or short: {path}' } } }));
    const body = JSON.stringify({ ...valid, ParticipantDetails: { DisplayName: '' } });
    const ran = await run(['validate', '--profile', file('profile.json')], body);
    expect(ran.status).toBe(1);
    expect(parsedOutput(ran).error).toMatchObject({ name: 'ValidationException', status: 422 });
    const byDefault = await run(['validate'], body);
    expect(parsedOutput(byDefault).error).toMatchObject({ name: 'InvalidParameterException', status: 400 });
  });

  it('an unreadable or wrong profile: exit 2, one line', async () => {
    expectOneLineError(await run(['validate', '--profile', file('absent-profile.json')], '{}'), /cannot read profile/);
    await writeFile(file('typo-profile.json'), JSON.stringify({ entries: { lenght: {} } }));
    expectOneLineError(await run(['validate', '--profile', file('typo-profile.json')], '{}'), /lenght/);
  });
});

describe('corpus', () => {
  const corpus = async (name: string, ...args: string[]) => {
    const ran = await run(['corpus', '--out', file(name), ...args]);
    expect(ran.status, ran.stderr).toBe(0);
    return { text: await readFile(file(name), 'utf8'), ran };
  };
  const entries = (text: string) => JSON.parse(text) as CorpusEntry[];

  it('the same seed writes the same file; another seed another', async () => {
    // Its folder is made first, like the reports' (here one that did not exist).
    const a = await corpus('new-folder/a.json', '--seed', '42', '--count', '60');
    const b = await corpus('b.json', '--seed', '42', '--count', '60');
    const c = await corpus('c.json', '--seed', '43', '--count', '60');
    expect(b.text).toBe(a.text);
    expect(c.text).not.toBe(a.text);
    expect(entries(a.text)).toHaveLength(60);
    expect(a.ran.stderr).toMatch(/wrote 60 requests/);
  });

  it('every entry\'s expected outcome agrees with validate on its request', async () => {
    const { text } = await corpus('agree.json', '--seed', '7', '--count', '80');
    const list = entries(text);
    expect(new Set(list.map((e) => e.expected.outcome))).toEqual(new Set(['accepted', 'rejected']));
    for (const entry of list) {
      const ran = await run(['validate'], JSON.stringify(entry.request));
      const output = parsedOutput(ran);
      const label = `entry ${entry.id} (${entry.kind})`;
      if (entry.expected.outcome === 'accepted') {
        expect(entry.kind, label).toBe('valid');
        expect(ran.status, label).toBe(0);
        continue;
      }
      expect(entry.kind, label).toBe('invalid');
      expect(ran.status, label).toBe(1);
      expect(new Set(output.violations.map((v) => v.rule)), label).toEqual(new Set(entry.expected.rules));
      expect(entry.expected.allowedErrors, label).toContain(output.error!.name);
      expect(entry.expected.status, label).toBe(output.error!.status);
      expect(entry.expected.tag, label).toBeDefined();
      expect(entry.expected.rules, label).toContain(entry.expected.tag!.rule);
      expect(output.violations, label).toContainEqual(expect.objectContaining({ rule: entry.expected.tag!.rule, path: entry.expected.tag!.path }));
    }
  });

  it('honours --invalid-ratio, roughly', async () => {
    const share = async (ratio: string) => {
      const list = entries((await corpus(`ratio-${ratio}.json`, '--seed', '5', '--count', '300', '--invalid-ratio', ratio)).text);
      return list.filter((e) => e.expected.outcome === 'rejected').length / list.length;
    };
    expect(await share('0')).toBe(0);
    expect(await share('1')).toBe(1);
    const quarter = await share('0.25');
    expect(quarter).toBeGreaterThan(0.15);
    expect(quarter).toBeLessThan(0.35);
  });

  it.each([
    [['--count', '5', '--out', 'x.json'], /--seed, --count and --out are required/],
    [['--seed', '1', '--count', '0', '--out', 'x.json'], /--count/],
    [['--seed', '1', '--count', '5', '--out', 'x.json', '--invalid-ratio', '1.5'], /--invalid-ratio/],
    [['--seed', 'one', '--count', '5', '--out', 'x.json'], /--seed must be an integer, got one/],
  ])('usage errors exit 2: %j', async (args, pattern) => {
    expectOneLineError(await run(['corpus', ...args]), pattern);
  });
});

describe('conformance', () => {
  it('--runs 20 --seed 1 on the embedded emulator: exit 0, JUnit and JSON written (their folder made first, as the README example needs)', async () => {
    const junit = file('reports/conformance.xml');
    const json = file('reports/conformance.json');
    const ran = await run(['conformance', '--runs', '20', '--seed', '1', '--junit', junit, '--json', json]);
    expect(ran.status, ran.stdout).toBe(0);
    expect(ran.stdout).toContain(`${allChecks.length} passed, 0 failed, 0 diverged, 0 skipped, 0 errors`);
    expect(ran.stdout.trimEnd().split('\n').at(-1)).toBe('0 findings, 0 divergences from assumptions');
    expect(ran.stderr).toContain('seed 1, phases coverage, random, 20 random cases per property check');
    const report = JSON.parse(await readFile(json, 'utf8')) as { seed: number; runs: number; results: { check: string; status: string }[] };
    expect(report.seed).toBe(1);
    expect(report.runs).toBe(20);
    expect(report.results.map((r) => [r.check, r.status])).toEqual(allChecks.map((c) => [c.name, 'passed']));
    const xml = parseXml(await readFile(junit, 'utf8'));
    expect(xml.attributes).toMatchObject({ tests: String(allChecks.length), failures: '0', errors: '0' });
    expect(elements(xml).filter((e) => e.name === 'testcase').map((e) => e.attributes.name)).toEqual(allChecks.map((c) => c.name));
  });

  it('--check runs only the named checks', async () => {
    const ran = await run(['conformance', '--runs', '5', '--seed', '2', '--check', 'accepts-valid', '--check', 'error-shape']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain('2 passed, 0 failed');
  });

  it('--skip-check leaves checks out, each reported as skipped (repeatable); the rest run', async () => {
    const json = file('skip/report.json');
    const ran = await run(['conformance', '--runs', '2', '--seed', '2', '--skip-check', 'throttling', '--skip-check', 'rejects-invalid', '--json', json]);
    expect(ran.status, ran.stdout).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as { results: { check: string; status: string; cases: number; note?: string }[] };
    const skipped = ['rejects-invalid', 'throttling'];
    expect(report.results.map((r) => r.check)).toEqual(allChecks.map((c) => c.name));
    for (const r of report.results) {
      if (skipped.includes(r.check)) expect(r).toMatchObject({ status: 'skipped', cases: 0, note: 'skipped with --skip-check' });
      else expect(r.status, r.check).toBe('passed');
    }
  });

  it.each([
    [['--skip-check', 'nope'], '--skip-check: unknown check nope (known: accepts-valid, '],
    [['--check', 'error-shape', '--skip-check', 'error-shape'], 'error-shape is named by both --check and --skip-check'],
    [allChecks.flatMap((c) => ['--skip-check', c.name]), '--skip-check leaves no check to run'],
  ])('--skip-check %j: exit 2, one line', async (args, message) => {
    const ran = await run(['conformance', ...args]);
    expectOneLineError(ran, /./);
    expect(ran.stderr).toContain(message);
  });

  it('--check nope: exit 2, naming the unknown check', async () => {
    expectOneLineError(await run(['conformance', '--check', 'nope']), /unknown check nope/);
  });

  it('--path without --seed: exit 2', async () => {
    expectOneLineError(await run(['conformance', '--check', 'rejects-invalid', '--path', 'x']), /--path needs the --seed/);
  });

  it('--path with a seed but no single property check: exit 2, before any target is started', async () => {
    expectOneLineError(await run(['conformance', '--seed', '1', '--path', '0']), /--path replays one property check/);
    expectOneLineError(await run(['conformance', '--seed', '1', '--path', '0', '--check', 'auth-enforced']), /--path replays one property check/);
  });

  it('--check, --seed and --path replay exactly one case', async () => {
    const ran = await run(['conformance', '--check', 'rejects-invalid', '--seed', '9', '--path', '3:0']);
    expect(ran.status, ran.stdout).toBe(0);
    expect(ran.stdout).toMatch(/^ {2}rejects-invalid\s+ok\s+1\s/m);
  });

  it.each([['0'], ['-3'], ['1.5'], ['many']])('--runs %s: exit 2', async (runs) => {
    expectOneLineError(await run(['conformance', '--runs', runs]), /--runs/);
  });

  it('the real service without --real-aws: exit 2, naming the flag, nothing sent', async () => {
    expectOneLineError(await run(['conformance', '--endpoint', 'https://connect.us-east-1.amazonaws.com']), /--real-aws/);
  });

  it('an unreachable endpoint: exit 2 (a harness error, not a finding)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, imds: process.env.AWS_EC2_METADATA_DISABLED };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true' });
    try {
      const ran = await run(['conformance', '--endpoint', `http://127.0.0.1:${port}`, '--runs', '2', '--seed', '1', '--check', 'accepts-valid', '--check', 'auth-enforced']);
      // The preflight stops the run before any check, with the cause in one line.
      expectOneLineError(ran, new RegExp(`^connect-harness conformance: nothing listening at http://127\\.0\\.0\\.1:${port}\n`));
      expect(ran.stdout).toBe('');
    } finally {
      for (const [key, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_EC2_METADATA_DISABLED', saved.imds]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('main', () => {
  it('--runs 20: exit 0, the summary, the probes, "ALL HOLDS", and where its HTML report is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'main-report-'));
    const html = join(dir, 'main.html');
    const ran = await run(['main', '--runs', '20', '--seed', '3', '--html', html]);
    expect(ran.status, ran.stdout).toBe(0);
    expect(ran.stdout).toContain('ALL HOLDS');
    expect(ran.stdout).toMatch(/ok {2}\s+concurrency/);
    expect(ran.stdout).toMatch(/ok {2}\s+idempotency .*: 1 contact\b/);
    expect(ran.stdout).toContain('Replay this run with: npm start -- --runs 20 --seed 3\n');
    expect(ran.stdout).toContain(`Report: ${html}`);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('data-verdict="pass"');
    expect(page).toContain('npm start -- --runs 20 --seed 3');
    expect(page).toMatch(/idempotency/);
    await rm(dir, { recursive: true, force: true });
  });

  it('--junit and --json hold the probes it ran and the command that reruns it; that command runs the same cases', async () => {
    const [json, junit] = [file('main/report.json'), file('main/report.xml')];
    const page = file('main/report.html');
    const first = await run(['main', '--runs', '7', '--seed', '11', '--json', json, '--junit', junit, '--html', page]);
    expect(first.status, first.stdout).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as {
      rerun: string;
      summary: { probesFailed: number };
      results: { check: string; status: string; cases: number }[];
      probes: { name: string; ok: boolean; summary: string; metrics: Record<string, number>; durationMs: number }[];
    };
    expect(report.probes.map((p) => [p.name, p.ok])).toEqual([['concurrency', true], ['idempotency', true]]);
    expect(report.probes[1]!.metrics).toEqual({ duplicates: 200, contacts: 1, refused: 0 });
    expect(report.summary.probesFailed).toBe(0);
    // Durations and measured figures to 0.1 ms at most: no float noise.
    for (const probe of report.probes) for (const value of [probe.durationMs, ...Object.values(probe.metrics)]) expect(Math.round(value * 10)).toBeCloseTo(value * 10, 9);
    expect(report.rerun).toBe('npm start -- --runs 7 --seed 11');
    expect(first.stdout).toContain(`Replay this run with: ${report.rerun}\n`);

    const xml = await readFile(junit, 'utf8');
    const testcases = elements(parseXml(xml)).filter((e) => e.name === 'testcase');
    expect(testcases.filter((t) => t.attributes.classname === 'probe').map((t) => t.attributes.name)).toEqual(['concurrency', 'idempotency']);
    expect(elements(parseXml(xml)).find((e) => e.name === 'testsuite')!.attributes.tests).toBe(String(allChecks.length + 2));
    expect(xml).toContain('<property name="rerun" value="npm start -- --runs 7 --seed 11"/>');

    // The rerun command's arguments, run again: the same checks send the same number of cases.
    const again = await run(['main', ...report.rerun.split(' ').slice(3), '--json', json, '--html', page]);
    expect(again.status).toBe(0);
    const second = JSON.parse(await readFile(json, 'utf8')) as typeof report;
    expect(second.results.map((r) => [r.check, r.status, r.cases])).toEqual(report.results.map((r) => [r.check, r.status, r.cases]));
  }, 120_000);

  it('--runs 0: exit 2', async () => {
    expectOneLineError(await run(['main', '--runs', '0']), /--runs/);
  });
});

describe('the published bin/connect-harness.js', () => {
  const spawn = (args: readonly string[], input?: string) =>
    new Promise<Ran>((resolve, reject) => {
      const child = execFile(process.execPath, [join(root, 'bin', 'connect-harness.js'), ...args], { cwd: root, timeout: 20_000 }, (error, stdout, stderr) => {
        const status = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        if (error && status === -1) reject(error);
        else resolve({ status, stdout, stderr });
      });
      child.stdin?.end(input ?? '');
    });

  it('--help exits 0 with the command list', async () => {
    const ran = await spawn(['--help']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain('Usage: connect-harness <command>');
    expect(ran.stderr).toBe('');
  });

  it('validate reads stdin and exits 1 for an invalid request', async () => {
    const ran = await spawn(['validate'], JSON.stringify({ ...valid, ParticipantDetails: {} }));
    expect(ran.status).toBe(1);
    expect((JSON.parse(ran.stdout) as ValidateOutput).violations).toEqual([expect.objectContaining({ path: '/ParticipantDetails/DisplayName', rule: 'required' })]);
  });
});
