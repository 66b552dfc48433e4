// `connect-harness report` as CI calls it: files and directories in, one page and a Markdown
// summary out, k6's JSON output (gzip too) for charts over time, bad input refused with one line;
// and `conformance --html` writing the page of the run it just made.
import { mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantedValues } from '../fixtures/report/planted-secrets.ts';
import { runCli } from '../support/run-cli.ts';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'report');
const fixture = (name: string) => join(fixtures, name);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-command-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('connect-harness report', () => {
  it('several inputs, one page: the worst verdict on top, a section per run', async () => {
    const out = join(dir, 'all.html');
    const ran = await runCli(['report', fixture('conformance-pass.json'), fixture('k6-capacity-knee-legacy.json'), fixture('diff.json'), '--out', out]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toBe(`report: FAIL → ${out}\n`);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('data-verdict="fail"');
    expect(html.match(/<section class="input /g)).toHaveLength(3);
    expect(html).toContain('Content-Security-Policy');
    // Nothing to load: no script, no stylesheet link, no src or href but the page's own anchors.
    expect(html.match(/<script|<link |<img |\b(?:src|href|xlink:href)="(?!#)[^"]*"/g) ?? []).toEqual([]);
  });

  it('a directory: every report in it, other JSON skipped with a note; the page defaults to DIR/report.html', async () => {
    const folder = join(dir, 'reports');
    await rm(folder, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(folder));
    await copyFile(fixture('k6-smoke-legacy.json'), join(folder, 'smoke-summary.json'));
    await copyFile(fixture('conformance-findings.json'), join(folder, 'conformance.json'));
    await writeFile(join(folder, 'vitest-node20.json'), '{"numPassedTests": 3}');
    const ran = await runCli(['report', folder]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stderr).toMatch(/skipped .*vitest-node20\.json: not a conformance report/);
    expect(ran.stdout).toBe(`report: FAIL → ${join(folder, 'report.html')}\n`);
    const html = await readFile(join(folder, 'report.html'), 'utf8');
    expect(html.match(/<section class="input /g)).toHaveLength(2);
  });

  it('--markdown-summary appends the verdict, the counts and the artifact link, and writes no page unless --out', async () => {
    const md = join(dir, 'summary.md');
    await writeFile(md, 'earlier step\n');
    const ran = await runCli(['report', fixture('conformance-findings.json'), fixture('k6-smoke-machine-readable.json'), '--markdown-summary', md, '--artifact-name', 'nightly-reports-7', '--artifact-url', 'https://example.invalid/artifacts/7']);
    expect(ran.status, ran.stderr).toBe(0);
    const text = await readFile(md, 'utf8');
    expect(text).toMatch(/^earlier step\n### connect-harness report: FAIL\n/);
    expect(text).toContain('| conformance: 3 findings, 1 divergence from assumptions | FAIL | findings 3, divergences 1, flaky 0, harness errors 0, checks 3, cases 765 |');
    expect(text).toMatch(/\| k6 smoke: no threshold crossed, but 1 verdict is unavailable \| INCONCLUSIVE \|/);
    expect(text).toContain('in artifact [nightly-reports-7](https://example.invalid/artifacts/7)');
    for (const secret of plantedValues) expect(text).not.toContain(secret);
    expect(ran.stdout).not.toContain('.html');
  });

  it('--k6-out reads k6\'s JSON output, gzipped too', async () => {
    const gz = join(dir, 'load.json.gz');
    await writeFile(gz, gzipSync(await readFile(fixture('k6-out-load.json'))));
    const out = join(dir, 'over-time.html');
    const ran = await runCli(['report', fixture('k6-smoke-legacy.json'), '--k6-out', gz, '--out', out]);
    expect(ran.status, ran.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('k6 load over time');
    expect(html).toContain('data-chart="k6-outcomes-over-time"');
    expect(html).not.toContain('contact-');
  });

  it.each([
    ['a file that is not a report', () => fixture('planted-secrets.ts'), /not JSON/],
    ['JSON of another kind', async () => (await writeFile(join(dir, 'other.json'), '{"a": 1}'), join(dir, 'other.json')), /not a conformance report \(--json\), a diff report/],
    ['a missing file', () => join(dir, 'nope.json'), /nope\.json: ENOENT/],
  ])('%s: exit 2 with one line', async (_, path, message) => {
    const ran = await runCli(['report', await path(), '--out', join(dir, 'x.html')]);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(message);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--profile shows beside a divergence what the observed profile says of its rule', async () => {
    const profile = join(dir, 'observed.json');
    await writeFile(profile, JSON.stringify({ name: 'observed eu-west-2', entries: { length: { error: 'ValidationException', status: 400, source: 'observed' } }, evidence: { length: { cases: 12, agreed: true } } }));
    const out = join(dir, 'with-profile.html');
    const ran = await runCli(['report', fixture('conformance-findings.json'), '--profile', profile, '--out', out]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/Observed profile <strong>observed eu-west-2<\/strong> on <code>length<\/code>: 400 ValidationException \(observed, 12 cases observed\)/);
  });
});

describe('conformance --html', () => {
  it('writes the page of the run it made and prints where', async () => {
    const out = join(dir, 'conformance.html');
    const ran = await runCli(['conformance', '--check', 'accepts-valid', '--phases', 'random', '--runs', '5', '--seed', '11', '--html', out]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(`HTML report: ${out}`);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('data-verdict="pass"');
    expect(html).toContain('npx connect-harness conformance --seed 11 --runs 5 --phases random');
  });
});
