// Every command docs/k6.md, docs/compose.md, docs/k6-reports.md and docs/kubernetes.md tell a reader
// to type, run here in page order in one scratch folder, the way the page means it:
//
// - `npx connect-harness …` runs the published command (an emulator with `&` in the background, on a
//   free port instead of 4599 so that parallel runs do not collide);
// - `k6 run` / `k6 archive` run under the project's k6 shim (k6 itself cannot be installed here),
//   against the emulator the page started (or compose's, for `docker compose run … k6`);
// - commands that need what this machine lacks (a Docker engine, a Kubernetes cluster, real AWS
//   credentials) are checked for what can be checked: the compose services and files they name exist.
//
// A command the runner does not recognise fails the test: a new command in the docs gets a way to
// be run (or a stated reason it cannot be) here.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { profiles } from '../../scenarios/lib/profiles.ts';
import { runInShim, type ShimRun } from '../scenarios/run-in-shim.ts';
import type { ShimRunResult } from '../scenarios/shim/run-types.ts';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.ts';
import { leadingAssignments, shellCommands, words, type DocCommand } from './doc-commands.ts';

const repo = resolve(import.meta.dirname, '..', '..');
const bin = join(repo, 'bin', 'connect-harness.js');
const run = promisify(execFile);

interface Compose {
  services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string>; volumes?: string[]; profiles?: string[] }>;
}
const compose = parse(readFileSync(join(repo, 'docker-compose.yml'), 'utf8')) as Compose;

/** Compose's `${NAME:-default}`, from the command's own assignments. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, fallback = '') => env[name] ?? fallback);
}

/** State one page's commands share, in order. */
class Page {
  readonly dir = mkdtempSync(join(tmpdir(), 'doc-commands-'));
  emulator?: EmulatorProcess;
  readonly archives = new Map<string, { script: string; env: Record<string, string> }>();
  last?: ShimRunResult;

  /** The page's `/tmp/…` paths, kept inside this run's folder. */
  path(p: string): string {
    if (p.startsWith(this.dir)) return p;
    return p.startsWith('/tmp/') ? join(this.dir, p.slice(5)) : resolve(this.dir, p);
  }

  async target(): Promise<string> {
    // A page that drives compose's emulator: the quotas compose gives it (its
    // Redis and InfluxDB are the compose network's; here the store is in memory, nothing exported).
    this.emulator ??= await startEmulatorProcess([
      ...compose.services.emulator!.command!.map((a) => interpolate(a, {})).filter((a) => /^--quotas=/.test(a)),
      '--port',
      '0',
    ]);
    return this.emulator.url;
  }

  /** What handleSummary returned, written where k6 would have written it. */
  keepSummaries(result: ShimRunResult, summaryDir: string | undefined): void {
    for (const [file, content] of Object.entries(result.summaryOutputs)) {
      if (file === 'stdout' || file === 'stderr') continue;
      const target = summaryDir?.startsWith('/reports') ? join(this.dir, file.replace(/^\//, '')) : this.path(file);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }

  async close(): Promise<void> {
    await this.emulator?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `k6 run|archive` arguments, as k6's command line reads the ones the docs use. */
function k6Args(argv: readonly string[]): { env: Record<string, string>; out: string[]; tags: string[]; archiveOut?: string; script: string } {
  const env: Record<string, string> = {};
  const out: string[] = [];
  const tags: string[] = [];
  let archiveOut: string | undefined;
  let script: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i] ?? expect.unreachable(`${a} needs a value`);
    if (a === '-e' || a === '--env') {
      const [k, ...v] = value().split('=');
      env[k!] = v.join('=');
    } else if (a === '--out' || a === '-o') out.push(value());
    else if (a === '--tag') tags.push(value());
    else if (a === '-O' || a === '--archive-out') archiveOut = value();
    else if (a.startsWith('-')) throw new Error(`k6 flag the docs runner does not know: ${a}`);
    else if (script === undefined) script = a;
    else throw new Error(`k6: more than one script: ${script} ${a}`);
  }
  if (script === undefined) throw new Error('k6: no script');
  for (const o of out) expect(o).toMatch(/^(influxdb=http:\/\/[^/]+\/\w+|json=\S+|csv=\S+)$/);
  for (const t of tags) expect(t).toMatch(/^\w+=\S+$/);
  return { env, out, tags, archiveOut, script };
}

const SHIM_RUN: Partial<ShimRun> = { defaultIterations: 3 };

/** Seconds in a k6 duration string as the docs write them (30s, 2m, 1h30m). */
function seconds(duration: string): number {
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) total += Number(n) * { h: 3600, m: 60, s: 1 }[unit as 'h' | 'm' | 's'];
  return total;
}

/**
 * The capacity scenario's iterations, two late in each step's hold (the shim sets the scenario's
 * start time back instead of waiting), so that the run goes through every step of its plan.
 */
function capacitySpread(env: Record<string, string>): Partial<ShimRun> {
  const p = profiles.capacity;
  const steps = env.STEPS ? env.STEPS.split(',').length : p.stepRates.length;
  // A step is the fixed ramp, then STEP_DURATION of hold.
  const stepMs = (p.rampSeconds + (env.STEP_DURATION ? seconds(env.STEP_DURATION) : p.holdSeconds)) * 1000;
  const elapsed = Array.from({ length: steps }, (_, k) => [k * stepMs + 0.9 * stepMs, k * stepMs + 0.95 * stepMs]).flat();
  return { iterations: { capacity: elapsed.length }, elapsedMs: { capacity: elapsed } };
}

async function k6(page: Page, argv: string[], env: Record<string, string>, allowed: readonly number[], scriptRoot = page.dir): Promise<void> {
  const [sub, ...rest] = argv;
  const args = k6Args(rest);
  if (sub === 'archive') {
    // The archive, run as k6-operator's pods run it (`k6 run archive.tar`, options kept from the
    // archive): with the runner environment deploy/k6-operator/testrun.yaml gives them, pointed at
    // the local emulator.
    const script = resolve(repo, args.script);
    page.archives.set(page.path(args.archiveOut ?? 'archive.tar'), { script, env: { ...env, ...args.env } });
    const testRun = parse(readFileSync(join(repo, 'deploy', 'k6-operator', 'testrun.yaml'), 'utf8')) as { spec: { runner: { env: { name: string; value: string }[] } } };
    const podEnv = Object.fromEntries(testRun.spec.runner.env.map((e) => [e.name, e.value]));
    mkdirSync(page.path('summaries'), { recursive: true });
    const archiveEnv = { ...env, ...args.env };
    const shape = script.endsWith('capacity.ts') ? capacitySpread(archiveEnv) : {};
    const result = await runInShim(script, { env: { ...podEnv, TARGET_URL: await page.target(), SUMMARY_DIR: page.path('summaries') }, archive: { env: archiveEnv }, ...SHIM_RUN, ...shape }, 90_000);
    expect(result.initError).toBeUndefined();
    expect(result.configError).toBeUndefined();
    expect(result.setupError).toBeUndefined();
    expect(result.summaryError).toBeUndefined();
    expect(Object.keys(result.summaryOutputs).some((f) => f.endsWith('-summary.json'))).toBe(true);
    page.keepSummaries(result, undefined);
    return;
  }
  expect(sub).toBe('run');
  const archive = page.archives.get(page.path(args.script));
  const scriptFile = archive?.script ?? resolve(scriptRoot === page.dir ? repo : scriptRoot, args.script.replace(/^\/scenarios\//, 'scenarios/'));
  expect(existsSync(scriptFile), scriptFile).toBe(true);
  const runEnv: Record<string, string> = { TARGET_URL: await page.target(), ...env, ...args.env };
  if (runEnv.CORPUS) runEnv.CORPUS = page.path(runEnv.CORPUS);
  const shape = scriptFile.endsWith('capacity.ts') ? capacitySpread({ ...archive?.env, ...runEnv }) : {};
  const result = await runInShim(scriptFile, { env: runEnv, ...(archive ? { archive: { env: archive.env } } : {}), ...SHIM_RUN, ...shape }, 90_000);
  expect(result.initError).toBeUndefined();
  expect(result.configError).toBeUndefined();
  expect(result.setupError).toBeUndefined();
  expect(result.summaryError).toBeUndefined();
  expect(result.iterationErrors).toEqual([]);
  expect(allowed, `exit code ${result.exitCode}${result.aborted ? ` (${result.aborted})` : ''}`).toContain(result.exitCode);
  // Every scenario writes its JSON and JUnit report where SUMMARY_DIR says.
  const written = Object.keys(result.summaryOutputs);
  expect(written.some((f) => f.endsWith('-summary.json'))).toBe(true);
  expect(written.some((f) => f.endsWith('-junit.xml'))).toBe(true);
  page.keepSummaries(result, runEnv.SUMMARY_DIR);
  page.last = result;
}

async function harness(page: Page, argv: string[], background: boolean): Promise<void> {
  if (background) {
    expect(argv[0]).toBe('emulator');
    page.emulator = await startEmulatorProcess([...argv.slice(1), '--port', '0']);
    return;
  }
  // Shell globs (pod-*/) expanded in the scratch folder, as the shell would.
  const expanded = argv.flatMap((a) => {
    if (a.startsWith('/tmp/')) return [page.path(a)];
    if (!a.includes('*')) return [a];
    const pattern = new RegExp(`^${a.replace(/\/$/, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const matches = readdirSync(page.dir).filter((f) => pattern.test(f));
    return matches.length > 0 ? matches : [a];
  });
  const { stdout, stderr } = await run(process.execPath, [bin, ...expanded], { cwd: page.dir, env: { ...process.env, NO_COLOR: '1' } }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
    throw new Error(`connect-harness ${expanded.join(' ')} exited ${error.code}: ${error.stderr ?? ''}${error.stdout ?? ''}`);
  });
  expect(stdout + stderr).not.toBe('');
}

/** Runs one command of a page; returns how it was handled (for the test's name). */
async function runCommand(page: Page, command: DocCommand): Promise<string> {
  let text = command.text;
  let background = false;
  let allowed: number[] = [0];
  const orExit = /\s*\|\|\s*test \$\? -eq (\d+)$/.exec(text);
  if (orExit) {
    allowed = [0, Number(orExit[1])];
    text = text.slice(0, orExit.index);
  }
  if (text.endsWith('&')) {
    background = true;
    text = text.slice(0, -1).trim();
  }
  const { env, rest } = leadingAssignments(words(text));
  const [program, ...argv] = rest;
  const placeholders = argv.includes('...') || Object.values(env).includes('...');
  const realAws = env.REAL_AWS === '1' || argv.includes('--real-aws') || program === 'aws';

  if (realAws) {
    // Real AWS keys and a Connect instance are not available here; the rails these runs meet are
    // tested in test/scenarios/rails.test.ts and test/cli/commands.test.ts.
    expect(placeholders || program === 'aws').toBe(true);
    return 'needs real AWS: not run';
  }
  switch (program) {
    case 'mkdir':
      expect(argv[0]).toBe('-p');
      for (const d of argv.slice(1)) mkdirSync(page.path(d), { recursive: true });
      return 'run';
    case 'npx':
      expect(argv[0]).toBe('connect-harness');
      await harness(page, argv.slice(1), background);
      return 'run';
    case 'k6':
      await k6(page, argv, env, allowed);
      return 'run under the k6 shim';
    case 'docker': {
      if (argv[0] === 'build') {
        // The image compose builds, under the name deploy/kubernetes/emulator.yaml runs.
        expect(argv.slice(1)).toEqual(['-t', compose.services.emulator!.image, '.']);
        expect(existsSync(join(repo, 'Dockerfile'))).toBe(true);
        return 'needs a Docker engine: the Dockerfile and the image name checked';
      }
      expect(argv[0]).toBe('compose');
      const [verb, ...more] = argv.slice(1);
      const services = more.filter((a) => !a.startsWith('-'));
      if (verb === 'run') {
        // docker compose run [flags] SERVICE [COMMAND...]
        const at = more.findIndex((a) => !a.startsWith('-'));
        const [service, ...command] = more.slice(at);
        expect(Object.keys(compose.services)).toContain(service);
        const definition = compose.services[service!]!;
        if (service === 'k6') {
          const composeEnv = Object.fromEntries(Object.entries(definition.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]));
          // The compose network's names are not reachable here: the scenario talks to the emulator this test started.
          delete composeEnv.TARGET_URL;
          delete composeEnv.K6_OUT;
          expect(definition.volumes).toContain('./scenarios:/scenarios:ro');
          await k6(page, command, composeEnv, allowed, repo);
          return 'run under the k6 shim with the compose service environment';
        }
        if (service === 'emulator') {
          // The image's entrypoint is `node bin/connect-harness.js emulator` (Dockerfile).
          expect(readFileSync(join(repo, 'Dockerfile'), 'utf8')).toMatch(/ENTRYPOINT \["node", "bin\/connect-harness.js", "emulator"\]/);
          expect(command).toEqual(['--help']);
          const { stdout } = await run(process.execPath, [bin, 'emulator', '--help']);
          expect(stdout).toMatch(/--quotas/);
          return 'run (the emulator image entrypoint)';
        }
        throw new Error(`docker compose run ${service}: no way to run it here`);
      }
      expect(['up', 'ps', 'down', 'logs']).toContain(verb);
      for (const s of services) expect(Object.keys(compose.services)).toContain(s);
      if (env.EMULATOR_QUOTAS) expect(compose.services.emulator!.command!.join(' ')).toContain('${EMULATOR_QUOTAS');
      return 'needs a Docker engine: services checked';
    }
    case 'kubectl': {
      const file = argv.indexOf('-f');
      if (file >= 0) {
        // A file or, as kubectl takes it, a folder of them; each may hold several documents.
        const given = join(repo, argv[file + 1]!);
        expect(existsSync(given), given).toBe(true);
        const manifests = statSync(given).isDirectory() ? readdirSync(given).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(given, f)) : [given];
        expect(manifests.length, given).toBeGreaterThan(0);
        for (const manifest of manifests) for (const doc of parseAllDocuments(readFileSync(manifest, 'utf8'))) expect(doc.errors, manifest).toEqual([]);
      }
      const fromFile = argv.find((a) => a.startsWith('--from-file='));
      if (fromFile) expect(page.archives.has(page.path(fromFile.slice('--from-file='.length)))).toBe(true);
      return 'needs a Kubernetes cluster: files checked';
    }
    case 'tar':
      return 'needs a Kubernetes cluster';
    default:
      throw new Error(`${command.text}: the docs runner has no way to run "${program}"; teach it, or say why it cannot run here`);
  }
}

// One scratch folder for the pages, read in this order: k6-reports.md combines the pods'
// summaries the k6-operator archive of k6.md wrote.
const page = new Page();
afterAll(() => page.close());
for (const doc of ['docs/k6.md', 'docs/compose.md', 'docs/k6-reports.md', 'docs/kubernetes.md']) {
  describe.sequential(doc, () => {
    const commands = shellCommands(readFileSync(join(repo, doc), 'utf8'));
    it('has commands', () => expect(commands.length).toBeGreaterThan(0));
    for (const command of commands) {
      it(`line ${command.line}: ${command.text}`, async () => {
        // k6-combine on pods' folders: the k6-operator archive run of k6.md stands for one pod.
        if (/k6-combine .*pod-\*/.test(command.text) && existsSync(page.path('summaries'))) cpSync(page.path('summaries'), page.path('pod-1'), { recursive: true });
        const how = await runCommand(page, command);
        expect(how).not.toBe('');
      }, 180_000);
    }
  });
}
