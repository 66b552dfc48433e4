// The nightly drift workflow (.github/workflows/drift.yml) is checked here as far as it can be
// without AWS: against GitHub's workflow schema (@action-validator/core, offline, SchemaStore's
// schema compiled in), for the rails it promises (OIDC role, least permissions, artifacts kept),
// and for its commands: the conformance flags it passes are ones the command documents, and its
// pipeline (conformance --observe, then scripts/compare-profiles.ts) runs here on the embedded
// emulator with the same flags, less those that point at AWS.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { validateWorkflow } from '@action-validator/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { profileFromJson } from '../../harness/contract/index.ts';
import { commands } from '../../harness/cli/commands/index.ts';
import { main } from '../../harness/cli/main.ts';
import type { CommandIo } from '../../harness/cli/command.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workflowFile = join(root, '.github', 'workflows', 'drift.yml');
/** The script the compare step runs, and the one test/workflows/compare-profiles.test.ts tests. */
const compareScript = 'scripts/compare-profiles.ts';
const committedProfile = 'profiles/observed.json';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly shell?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}
interface Workflow {
  readonly on: Readonly<Record<string, unknown>>;
  readonly permissions: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, { readonly 'runs-on': string; readonly steps: readonly Step[] }>>;
}

let source: string;
let workflow: Workflow;
let steps: readonly Step[];

beforeAll(async () => {
  source = await readFile(workflowFile, 'utf8');
  workflow = parse(source) as Workflow;
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  steps = jobs[0]!.steps;
});

/** Shell words of one command line; a `${{ … }}` expression is one word, as GitHub substitutes it before the shell runs. */
function words(line: string): string[] {
  return line.match(/\$\{\{[^}]*\}\}|\S+/g) ?? [];
}

/** The one step whose `run` has a line starting with `prefix`, and that line's words. */
function commandLine(prefix: string): { step: Step; words: string[] } {
  const found = steps.flatMap((step) =>
    (step.run ?? '').split('\n').map((l) => l.trim()).filter((l) => l.startsWith(prefix)).map((l) => ({ step, words: words(l) })),
  );
  expect(found, `one step runs "${prefix}…"`).toHaveLength(1);
  return found[0]!;
}

const indexOfStep = (predicate: (s: Step) => boolean) => steps.findIndex(predicate);

/** The flags `connect-harness <name> --help` documents: flag → whether it takes a value. */
async function documentedFlags(name: string): Promise<Map<string, boolean>> {
  const entry = commands.find((c) => c.name === name);
  expect(entry, `connect-harness has a ${name} command`).toBeDefined();
  const { usage } = await entry!.load();
  const flags = new Map([...usage.matchAll(/^ {2}(--[a-z][a-z0-9-]*)( [^ \n]+)?(?: {2,}|$)/gm)].map((m): [string, boolean] => [m[1]!, m[2] !== undefined]));
  expect(flags.size).toBeGreaterThan(10);
  return flags;
}

describe('drift.yml against the GitHub Actions workflow schema', () => {
  it('is a valid workflow', () => {
    const state = validateWorkflow(source);
    expect(state.actionType).toBe('workflow');
    expect(state.errors).toEqual([]);
  });

  // The validator really looks: each of these small breakages is refused.
  it.each([
    ['a misspelt key', 'runs-on:', 'run-on:'],
    ['a permission level that does not exist', 'id-token: write', 'id-token: writ'],
    ['an unknown trigger', 'workflow_dispatch:', 'workflow_dispach:'],
    ['a timeout that is not a number', 'timeout-minutes: 120', 'timeout-minutes: soon'],
  ])('refuses %s', (_what, from, to) => {
    expect(source).toContain(from);
    expect(validateWorkflow(source.replace(from, to)).errors.length).toBeGreaterThan(0);
  });
});

describe('drift.yml rails', () => {
  it('runs nightly and on demand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const schedule = workflow.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    expect(schedule[0]!.cron.split(' ')).toHaveLength(5);
  });

  it('asks for an OIDC token and read access to the repository, nothing more', () => {
    expect(workflow.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
  });

  it('sets up Node 20 and installs with npm ci', () => {
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['node-version']).toBe(20);
    expect(steps.some((s) => s.run?.trim().split(/\s+/).slice(0, 2).join(' ') === 'npm ci')).toBe(true);
  });

  it('assumes the role from the repository secret before the conformance run', () => {
    const credentials = indexOfStep((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') === true);
    expect(credentials).toBeGreaterThanOrEqual(0);
    const step = steps[credentials]!;
    expect(step.with?.['role-to-assume']).toBe('${{ secrets.CONNECT_HARNESS_ROLE_ARN }}');
    expect(step.with?.['aws-region']).toBe('${{ vars.CONNECT_REGION }}');
    expect(step.with).not.toHaveProperty('aws-access-key-id'); // OIDC, no stored keys
    expect(credentials).toBeLessThan(indexOfStep((s) => s.run?.includes('connect-harness conformance') === true));
  });

  it('keeps reports/ and the observed profile as an artifact, whatever happened', () => {
    const upload = steps.find((s) => s.uses === 'actions/upload-artifact@v4');
    expect(upload?.if).toBe('always()');
    const paths = String(upload?.with?.path).split('\n').map((p) => p.trim()).filter(Boolean);
    expect(paths).toContain('reports/');
    const conformance = commandLine('npx connect-harness conformance').words;
    expect(paths).toContain(conformance[conformance.indexOf('--observe') + 1]);
  });

  it('compares even after a run with findings, and fails the job on drift', () => {
    const { step } = commandLine('npx tsx ');
    expect(step.if).toBe('${{ !cancelled() }}');
    expect(step.run).toMatch(/exit "\$status"\s*$/);
  });

  it('every npx command is a binary this package installs (npx downloads nothing)', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const npx = steps.flatMap((s) => (s.run ?? '').split('\n')).flatMap((l) => [...l.matchAll(/\bnpx (\S+)/g)].map((m) => m[1]!));
    expect(npx.length).toBeGreaterThan(0);
    for (const bin of npx) expect(Object.keys(pkg.bin).includes(bin) || existsSync(join(root, 'node_modules', '.bin', bin)), bin).toBe(true);
  });
});

describe('drift.yml commands', () => {
  it('conformance: every flag is one the command documents, with a value exactly when it takes one', async () => {
    const flags = await documentedFlags('conformance');
    const { words: w } = commandLine('npx connect-harness conformance');
    expect(w.slice(0, 3)).toEqual(['npx', 'connect-harness', 'conformance']);
    const args = w.slice(3);
    for (let i = 0; i < args.length; i++) {
      const flag = args[i]!;
      expect(flags.has(flag), `${flag} is in conformance --help`).toBe(true);
      if (flags.get(flag)) {
        expect(args[i + 1], `${flag} has a value`).toMatch(/^(?!--)/);
        i++;
      }
    }
    expect(w.join(' ')).toContain('--real-aws --region ${{ vars.CONNECT_REGION }} --instance-id ${{ vars.CONNECT_INSTANCE_ID }} --contact-flow-id ${{ vars.CONNECT_CONTACT_FLOW_ID }} --rate 1');
    for (const flag of ['--observe', '--json', '--junit']) expect(args[args.indexOf(flag) + 1], flag).toMatch(/^reports\//);
  });

  it(`the compare step runs ${compareScript} on ${committedProfile} and the profile --observe wrote`, () => {
    const conformance = commandLine('npx connect-harness conformance').words;
    const observed = conformance[conformance.indexOf('--observe') + 1];
    const { words: w } = commandLine('npx tsx ');
    expect(w.slice(0, 5)).toEqual(['npx', 'tsx', compareScript, committedProfile, observed]);
    expect(existsSync(join(root, compareScript))).toBe(true);
  });

  it(`${committedProfile} is a profile --profile loads`, async () => {
    const json = JSON.parse(await readFile(join(root, committedProfile), 'utf8')) as { name?: string };
    expect(() => profileFromJson(json)).not.toThrow();
    expect(typeof json.name).toBe('string');
  });
});

// The nightly's pipeline on the embedded emulator: the conformance step with the workflow's own
// flags (less those that aim it at AWS, and one check to keep it short), then the compare step's
// command as the workflow writes it.
describe('the pipeline, on the embedded emulator', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drift-workflow-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs the workflow's compare command (npx tsx …) in a real process, with the observed profile at `observed`. */
  async function compareStep(observed: string, committed = committedProfile): Promise<{ status: number; stdout: string; stderr: string }> {
    const w = commandLine('npx tsx ').words.slice(0, 5);
    const argv = [...w.slice(1, 3), committed, observed]; // tsx scripts/compare-profiles.ts <committed> <observed>
    try {
      const { stdout, stderr } = await promisify(execFile)('npx', argv, { cwd: root, env: { ...process.env, npm_config_yes: 'false' } });
      return { status: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { status: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  }

  it('conformance --observe writes a profile; compared with the committed placeholder it is drift, with itself it is not', async () => {
    const aimedAtAws = new Set(['--real-aws', '--region', '--instance-id', '--contact-flow-id', '--rate']);
    const flags = await documentedFlags('conformance');
    const args = commandLine('npx connect-harness conformance').words.slice(3);
    const kept: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const flag = args[i]!;
      const takesValue = flags.get(flag) === true;
      const value = takesValue ? args[++i]! : undefined;
      if (aimedAtAws.has(flag)) continue;
      kept.push(flag, ...(value === undefined ? [] : [join(dir, value)]));
    }
    expect(kept).toEqual(['--observe', join(dir, 'reports/observed-profile.json'), '--json', join(dir, 'reports/conformance.json'), '--junit', join(dir, 'reports/conformance.xml')]);

    const out: string[] = [];
    const io: CommandIo = { stdout: (t) => void out.push(t), stderr: () => {}, stdin: async () => Buffer.alloc(0), interactive: false };
    const status = await main(['conformance', ...kept, '--check', 'rejects-invalid', '--runs', '1', '--seed', '1'], io);
    expect(status, out.join('')).toBe(0);
    const observed = join(dir, 'reports/observed-profile.json');
    for (const file of [observed, join(dir, 'reports/conformance.json'), join(dir, 'reports/conformance.xml')]) expect(existsSync(file), file).toBe(true);
    const profile = profileFromJson(JSON.parse(await readFile(observed, 'utf8')));
    expect(profile.evidence).toBeDefined();

    const drift = await compareStep(observed);
    expect(drift.status, drift.stderr).toBe(1);
    expect(drift.stdout).toMatch(/^Drift: \d+ conditions answered differently/);
    expect(drift.stdout).toContain('committed: (nothing recorded)');

    // Accepting: the observed profile copied over the committed one.
    const accepted = join(dir, 'accepted.json');
    await writeFile(accepted, await readFile(observed));
    const same = await compareStep(observed, accepted);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^No drift: \d+ conditions answered as /);
  }, 120_000);
});
