// The nightly workflow's report steps (.github/workflows/nightly.yml): a valid workflow; the HTML
// page written after every run step and before the upload, so the artifact holds it; the Markdown
// summary written after the upload, linking the artifact it made; every report flag one the command
// documents; and both command lines, as the workflow writes them, run here over a folder holding
// what the nightly leaves (a conformance report, k6 summaries, JUnit and logs).
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../harness/cli/commands/index.ts';
import { runCli } from '../support/run-cli.ts';

const root = resolve(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'report');

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}

let source: string;
let steps: readonly Step[];
let dir: string;

beforeAll(async () => {
  source = await readFile(join(root, '.github', 'workflows', 'nightly.yml'), 'utf8');
  const workflow = parse(source) as { jobs: Record<string, { steps: Step[] }> };
  steps = Object.values(workflow.jobs)[0]!.steps;
  dir = await mkdtemp(join(tmpdir(), 'nightly-workflow-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Shell words of a step's command; `${{ … }}` stays one word, quotes are dropped. */
function words(step: Step): string[] {
  return (step.run!.replace(/\s*\n\s*/g, ' ').match(/"[^"]*"|(?:\$\{\{[^}]*\}\}|[^\s"])+/g) ?? []).map((w) => w.replace(/^"|"$/g, ''));
}

const reportSteps = () => steps.filter((s) => s.run?.includes('connect-harness report'));
const index = (s: Step) => steps.indexOf(s);

describe('nightly.yml', () => {
  it('is a valid workflow', () => {
    expect(validateWorkflow(source).errors).toEqual([]);
  });

  it('writes the HTML page after every run step, uploads it, then writes the summary linking the artifact', () => {
    const [html, summary] = reportSteps();
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    const lastRun = Math.max(...steps.filter((s) => s.run?.includes('connect-harness conformance') || s.uses?.startsWith('grafana/run-k6-action')).map(index));
    expect(index(html!)).toBeGreaterThan(lastRun);
    expect(index(upload)).toBeGreaterThan(index(html!));
    expect(index(summary!)).toBeGreaterThan(index(upload));
    expect(words(html!)).toContain('--out');
    expect(String(upload.with?.path)).toBe('reports/');
    expect(words(html!)[words(html!).indexOf('--out') + 1]).toMatch(/^reports\//);
    expect(upload.id).toBe('upload');
    expect(summary!.run).toContain('"$GITHUB_STEP_SUMMARY"');
    expect(summary!.run).toContain('${{ steps.upload.outputs.artifact-url }}');
    expect(summary!.run).toContain(`--artifact-name ${String(upload.with?.name)}`);
    // A failed run step must not stop the report: the page matters most then.
    for (const s of [html!, upload, summary!]) expect(s.if).toBe('${{ !cancelled() }}');
  });

  it('passes only flags the report command documents', async () => {
    const { usage } = await commands.find((c) => c.name === 'report')!.load();
    for (const step of reportSteps()) {
      for (const flag of words(step).filter((w) => w.startsWith('--'))) expect(usage, `${step.name}: ${flag}`).toMatch(new RegExp(`^ {2}${flag}\\b`, 'm'));
    }
  });

  it('both command lines run over what the nightly leaves in reports/', async () => {
    const reports = join(dir, 'reports');
    await import('node:fs/promises').then((fs) => fs.mkdir(reports, { recursive: true }));
    await copyFile(join(fixtures, 'conformance-pass.json'), join(reports, 'conformance.json'));
    await copyFile(join(fixtures, 'k6-smoke-legacy.json'), join(reports, 'smoke-summary.json'));
    await writeFile(join(reports, 'conformance-junit.xml'), '<testsuites/>');
    await writeFile(join(reports, 'emulator.log'), 'emulator listening on http://127.0.0.1:4599\n');
    const stepSummary = join(dir, 'step-summary.md');
    const github = (w: string) =>
      w.replace('${{ github.run_id }}', '4242').replace('${{ steps.upload.outputs.artifact-url }}', 'https://example.invalid/artifacts/4242').replace('$GITHUB_STEP_SUMMARY', stepSummary).replace(/^reports\//, `${reports}/`);
    for (const step of reportSteps()) {
      const argv = words(step).slice(words(step).indexOf('report')).map(github);
      const ran = await runCli(argv);
      expect(ran.status, `${step.name}: ${ran.stderr}`).toBe(0);
    }
    const page = await readFile(join(reports, 'nightly-report.html'), 'utf8');
    expect(page).toContain('data-verdict="pass"');
    expect(page.match(/<section class="input /g)).toHaveLength(2);
    const summary = await readFile(stepSummary, 'utf8');
    expect(summary).toMatch(/^### connect-harness report: PASS/);
    expect(summary).toContain('[nightly-reports-4242](https://example.invalid/artifacts/4242)');
  });
});
