// Runs one scenario file under the k6 shim in a child process (fresh module state and __ENV per
// run; the test process stays free to serve the emulator the child talks to) and returns what the
// runner recorded. With `archive`, as `k6 archive` then `k6 run archive.tar`: one child computes
// the options with the archive-time env and stops after init (what metadata.json would hold), a
// second runs with those options kept and the init code re-run under the merged env.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { ShimRunConfig, ShimRunResult } from './shim/run-types.ts';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
const register = join(repoRoot, 'test', 'scenarios', 'shim', 'register.ts');
const runner = join(repoRoot, 'test', 'scenarios', 'shim', 'run-scenario.ts');

export type ShimRun = Omit<ShimRunConfig, 'scenarioFile' | 'resultFile' | 'archivedOptions' | 'mode'>;

async function runChild(scenario: string, config: ShimRunConfig, dir: string, timeoutMs: number): Promise<ShimRunResult> {
  const configFile = join(dir, `config-${config.mode ?? 'run'}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  // A clean environment: the scenario sees only the __ENV the test gives it.
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', register, runner, configFile], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  clearTimeout(timer);
  let result: ShimRunResult;
  try {
    result = JSON.parse(readFileSync(config.resultFile, 'utf8')) as ShimRunResult;
  } catch {
    throw new Error(`shim run of ${scenario} left no result (exit ${code}):\n${output}`);
  }
  if (result.runError) throw new Error(`shim runner failed on ${scenario}: ${result.runError}\n${output}`);
  return result;
}

/** `scenario` is the file name under scenarios/ without `.ts`, or an absolute path to a k6 script. */
export async function runInShim(scenario: string, run: ShimRun, timeoutMs = 25_000): Promise<ShimRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'k6-shim-'));
  try {
    const scenarioFile = isAbsolute(scenario) ? scenario : join(repoRoot, 'scenarios', `${scenario}.ts`);
    if (run.archive === undefined) return await runChild(scenario, { ...run, scenarioFile, resultFile: join(dir, 'result.json') }, dir, timeoutMs);
    // k6 archive: only the -e values reach __ENV (--include-system-env-vars defaults to false there).
    const archived = await runChild(scenario, { scenarioFile, env: run.archive.env, mode: 'archive', resultFile: join(dir, 'archive.json') }, dir, timeoutMs);
    if (archived.initError !== undefined || archived.configError !== undefined) return archived;
    // k6 run archive.tar: the archive's env, overlaid key by key by the run-time env (test_load.go, bundle.go).
    const env = { ...run.archive.env, ...run.env };
    return await runChild(scenario, { ...run, env, scenarioFile, archivedOptions: archived.archivedOptions as Record<string, unknown>, resultFile: join(dir, 'result.json') }, dir, timeoutMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
