// `npm run test:under-load`: runs the whole suite several times in a row with CPU hogs beside it,
// the way a shared CI machine runs it, and says which runs failed and where. It proves the suite
// asserts on behaviour, not on time. Bounded: the hogs stop with each run, and the whole thing stops
// at --max-minutes (a run cut there counts as failed).
//
//   npm run test:under-load -- [--runs 5] [--hogs 2] [--max-minutes 60] [-- vitest args]
//
// Hogs are `stress-ng --cpu N` when Debian's stress-ng is installed, else N busy `node` loops.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findExecutable } from '../../harness/services/find-executable.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');

function usage(message: string): never {
  process.stderr.write(`test:under-load: ${message}\n`);
  process.exit(2);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} expects a whole number of at least 1, got "${text}"`);
  return n;
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      options: { runs: { type: 'string', default: '5' }, hogs: { type: 'string', default: '2' }, 'max-minutes': { type: 'string', default: '60' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (error) {
    usage((error as Error).message);
  }
})();
if (values.help) {
  process.stdout.write('usage: npm run test:under-load -- [--runs 5] [--hogs 2] [--max-minutes 60] [-- vitest args]\n');
  process.exit(0);
}
const runs = positive('runs', values.runs);
const hogCount = positive('hogs', values.hogs);
const deadline = Date.now() + positive('max-minutes', values['max-minutes']) * 60_000;

function startHogs(): ChildProcess[] {
  const stressNg = findExecutable('stress-ng');
  if (stressNg) return [spawn(stressNg, ['--cpu', String(hogCount), '--quiet'], { stdio: 'ignore' })];
  return Array.from({ length: hogCount }, () => spawn(process.execPath, ['-e', 'for(;;);'], { stdio: 'ignore' }));
}

function stopHogs(hogs: readonly ChildProcess[]): void {
  for (const hog of hogs) hog.kill('SIGKILL');
}

interface RunResult {
  readonly run: number;
  readonly passed: boolean;
  readonly counts: string;
  readonly failures: string[];
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { name: string; assertionResults: { status: string; fullName: string; failureMessages: string[] }[]; message?: string }[];
}

async function runSuite(run: number, reportDir: string): Promise<RunResult> {
  const report = join(reportDir, `run-${run}.json`);
  const hogs = startHogs();
  const vitest = spawn(process.execPath, [join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`, ...positionals], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const guard = setTimeout(() => vitest.kill('SIGTERM'), Math.max(0, deadline - Date.now()));
  const code = await new Promise<number | null>((done) => vitest.once('close', done));
  clearTimeout(guard);
  stopHogs(hogs);
  try {
    const r = JSON.parse(readFileSync(report, 'utf8')) as VitestReport;
    const failures = r.testResults.flatMap((file) => [
      ...(file.message ? [`${file.name}: ${file.message.split('\n')[0]}`] : []),
      ...file.assertionResults.filter((a) => a.status === 'failed').map((a) => `${file.name.replace(`${repoRoot}/`, '')} > ${a.fullName}: ${(a.failureMessages[0] ?? '').split('\n')[0]}`),
    ]);
    return { run, passed: code === 0, counts: `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`, failures };
  } catch {
    return { run, passed: false, counts: `no report (vitest exit ${code}${Date.now() >= deadline ? ', cut at --max-minutes' : ''})`, failures: [] };
  }
}

const reportDir = mkdtempSync(join(tmpdir(), 'suite-under-load-'));
const results: RunResult[] = [];
try {
  for (let run = 1; run <= runs && Date.now() < deadline; run++) {
    process.stderr.write(`\ntest:under-load: run ${run} of ${runs}, ${hogCount} CPU hog(s) beside it\n`);
    const result = await runSuite(run, reportDir);
    results.push(result);
    process.stderr.write(`test:under-load: run ${run}: ${result.passed ? 'green' : 'RED'} (${result.counts})\n`);
  }
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}

process.stdout.write(`\nSuite under ${hogCount} CPU hog(s): ${results.filter((r) => r.passed).length} of ${results.length} runs green${results.length < runs ? ` (${runs - results.length} not started: --max-minutes reached)` : ''}\n`);
for (const r of results) {
  process.stdout.write(`  run ${r.run}: ${r.passed ? 'green' : 'red'}, ${r.counts}\n`);
  for (const f of r.failures) process.stdout.write(`    ${f}\n`);
}
process.exit(results.length === runs && results.every((r) => r.passed) ? 0 : 1);
