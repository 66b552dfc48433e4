import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { allPhases } from '../../conformance/check.ts';
import { COVERAGE_PATH_PREFIX } from '../../conformance/property-check.ts';
import { DEFAULT_MAX_FINDINGS, defaultShrinkBudget } from '../../conformance/runner.ts';
import { sides, type SideName } from '../../diff/cases.ts';
import { openSide } from '../../diff/open-side.ts';
import { consoleReport } from '../../diff/reporters/console.ts';
import { jsonReport } from '../../diff/reporters/json.ts';
import { junitReport } from '../../diff/reporters/junit.ts';
import { diffExitStatus, runDiff, type DiffReport } from '../../diff/runner.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../../contract/defaults.ts';
import { HarnessError } from '../../targets/harness-error.ts';
import { preflight } from '../../targets/preflight.ts';
import type { Target } from '../../targets/target.ts';
import { UsageError, type Command, type CommandIo } from '../command.ts';
import { stopOnInterrupt } from '../interrupt.ts';
import { duration, httpUrl, integer, nonEmpty, phasesOf, positiveInteger, region } from '../parse-values.ts';
import { progressPrinter } from '../progress.ts';
import { prepareOutputFiles } from '../report-files.ts';
import { diffInput, writeHtmlReport } from '../../report/from-runs.ts';

export const DEFAULT_DIFF_RUNS = 100;

const usage = `Usage: connect-harness diff --baseline URL --candidate URL [options]

Sends the same generated StartWebRTCContact cases to two targets and reports where they answer
differently: the status class (2xx, 4xx, 5xx), the error name (x-amzn-ErrorType, as the SDKs read
it), and the shape of the answer (a success's member paths, not their values; whether an error body
is JSON with a message). Ids, tokens and message wording are not compared; --messages compares the
wording as templates (member paths, limits, the case's values, ids and numbers become placeholders,
as conformance --observe records messages).

First a preflight (two harmless signed calls) on each side. Then the coverage phase (the same fixed
valid and invalid cases at every seed) and the random phase (valid and invalid cases from --seed).
Disagreements are grouped by the condition the case meets (the rule that decides the error, or
"accepted") and the pair of answers; each group is shown once, with its minimal case (random cases
are shrunk within a budget), a replay command, and each side's request as curl.

Exit 0 the sides agree, 1 they disagree, 2 a side could not be reached or asked, or a usage error.

Sides (credentials: the AWS default provider chain, for both sides, unless a profile is named):
  --baseline URL              the reference target (an emulator, a proxy, the real service)
  --candidate URL             the target compared with it
  --baseline-region R         signing region of the baseline (default ${DEFAULT_REGION}); likewise --candidate-region
  --baseline-instance-id ID   the baseline's instance (default ${DEFAULT_INSTANCE_ID}); likewise --candidate-instance-id
  --baseline-contact-flow-id ID  its flow (default ${DEFAULT_CONTACT_FLOW_ID}); likewise --candidate-contact-flow-id
  --baseline-profile NAME     the AWS shared-config profile that signs for the baseline; likewise --candidate-profile
  --real-aws                  required when a side is an amazonaws.com host; that side is then paced at
                              1 request/s and every contact it started is stopped before the run ends

Run:
  --seed S                    fast-check seed (default: random, printed)
  --runs N                    random cases, half valid and half invalid (default ${DEFAULT_DIFF_RUNS})
  --phases LIST               coverage,random (default), or one of them
  --path P                    replay exactly the case a group printed (coverage:N, or with --seed a random path)
  --messages                  compare error message wording too, as templates
  --max-findings N            disagreement groups shown (default ${DEFAULT_MAX_FINDINGS}; the rest are counted)
  --shrink-steps N            cases sent while shrinking one group, at most (default ${defaultShrinkBudget.maxSteps})
  --shrink-seconds DURATION   time spent shrinking one group, at most (default ${defaultShrinkBudget.maxMs / 1000}; 30, 30s, 2m)
  --json FILE                 write a JSON report (secrets and sensitive members redacted)
  --junit FILE                write a JUnit XML report (one test case per condition)
  --html FILE                 write a self-contained HTML report a person reads (docs/report.md)
`;

const sideOptions = Object.fromEntries(
  sides.flatMap((side) => ['', '-region', '-instance-id', '-contact-flow-id', '-profile'].map((suffix) => [`${side}${suffix}`, { type: 'string' as const }])),
) as Record<`${SideName}${'' | '-region' | '-instance-id' | '-contact-flow-id' | '-profile'}`, { type: 'string' }>;


function urlOf(flag: string, text: string | undefined): string {
  if (text === undefined) throw new UsageError(`--${flag} URL is required (the two targets to compare: --baseline URL --candidate URL)`);
  return httpUrl(`--${flag}`, text)!;
}

/** Each side's region and ids, checked as conformance checks its own. */
function checkSideValues(values: Readonly<Record<string, string | boolean | undefined>>): void {
  for (const side of sides) {
    region(`--${side}-region`, values[`${side}-region`] as string | undefined);
    nonEmpty(`--${side}-instance-id`, values[`${side}-instance-id`] as string | undefined, 100);
    nonEmpty(`--${side}-contact-flow-id`, values[`${side}-contact-flow-id`] as string | undefined, 500);
    nonEmpty(`--${side}-profile`, values[`${side}-profile`] as string | undefined);
  }
}

/** A preflight failure, named by its side; a named profile that gave nothing is said so. */
async function preflightSide(side: SideName, target: Target, profile: string | undefined): Promise<void> {
  try {
    await preflight(target);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    const message = profile !== undefined && error.message.startsWith('no credentials found') ? `the profile "${profile}" gave no credentials (--${side}-profile)` : error.message;
    throw new HarnessError(`${side}: ${message}`);
  }
}

export interface DiffRunResult {
  readonly report: DiffReport;
  readonly replayArgs: readonly string[];
  readonly files: { junit?: string; json?: string; html?: string };
}

export async function diffFromArgs(args: readonly string[], io: CommandIo): Promise<DiffRunResult> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...sideOptions,
      'real-aws': { type: 'boolean' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      phases: { type: 'string' },
      path: { type: 'string' },
      messages: { type: 'boolean' },
      'max-findings': { type: 'string' },
      'shrink-steps': { type: 'string' },
      'shrink-seconds': { type: 'string' },
      json: { type: 'string' },
      junit: { type: 'string' },
      html: { type: 'string' },
    },
  });
  const urls = { baseline: urlOf('baseline', values.baseline), candidate: urlOf('candidate', values.candidate) };
  checkSideValues(values);
  const runs = positiveInteger('--runs', values.runs) ?? DEFAULT_DIFF_RUNS;
  const seed = integer('--seed', values.seed) ?? Math.floor(Math.random() * 2 ** 31);
  if (values.path !== undefined && values.seed === undefined && !values.path.startsWith(COVERAGE_PATH_PREFIX)) throw new UsageError('--path needs the --seed it was printed with');
  const phases = phasesOf(values.phases);
  const maxFindings = positiveInteger('--max-findings', values['max-findings']);
  const shrinkSteps = positiveInteger('--shrink-steps', values['shrink-steps']);
  const shrinkMs = duration('--shrink-seconds', values['shrink-seconds']);
  const files = { ...(values.junit ? { junit: values.junit } : {}), ...(values.json ? { json: values.json } : {}), ...(values.html ? { html: values.html } : {}) };
  await prepareOutputFiles(files);

  const replayArgs: string[] = [];
  for (const side of sides) {
    for (const suffix of ['', '-region', '-instance-id', '-contact-flow-id', '-profile'] as const) {
      const value = values[`${side}${suffix}`];
      if (value !== undefined) replayArgs.push(`--${side}${suffix}`, value);
    }
  }
  if (values['real-aws']) replayArgs.push('--real-aws');
  if (values.messages) replayArgs.push('--messages');

  const targets: Partial<Record<SideName, Target>> = {};
  const controller = new AbortController();
  let release: (() => void) | undefined;
  const progress = progressPrinter(io, { prefix: 'diff' });
  try {
    for (const side of sides) {
      targets[side] = await openSide({
        side,
        url: urls[side],
        ...(values[`${side}-region`] === undefined ? {} : { region: values[`${side}-region`] }),
        ...(values[`${side}-instance-id`] === undefined ? {} : { instanceId: values[`${side}-instance-id`] }),
        ...(values[`${side}-contact-flow-id`] === undefined ? {} : { contactFlowId: values[`${side}-contact-flow-id`] }),
        ...(values[`${side}-profile`] === undefined ? {} : { profile: values[`${side}-profile`] }),
        realAws: values['real-aws'] === true,
      });
    }
    const baseline = targets.baseline!;
    const candidate = targets.candidate!;
    // Ctrl-C stops both sides: each stops sending, and the contacts they started are stopped on close.
    const both: Pick<Target, 'interrupt' | 'startedContacts'> = {
      interrupt: (reason) => {
        baseline.interrupt(reason);
        candidate.interrupt(reason);
      },
      startedContacts: () => [...baseline.startedContacts(), ...candidate.startedContacts()],
    };
    release = stopOnInterrupt(both as Target, io, controller);
    for (const side of sides) await preflightSide(side, targets[side]!, values[`${side}-profile`]);
    io.stderr(`diff: baseline ${baseline.description}, candidate ${candidate.description}, seed ${seed}, ${values.path === undefined ? `phases ${(phases ?? allPhases).join(', ')}, ${runs} random cases` : `path ${values.path}`}\n`);
    const report = await runDiff({
      baseline,
      candidate,
      seed,
      runs,
      ...(phases ? { phases } : {}),
      ...(values.path === undefined ? {} : { path: values.path }),
      messages: values.messages === true,
      ...(maxFindings === undefined ? {} : { maxFindings }),
      shrink: { ...(shrinkSteps === undefined ? {} : { maxSteps: shrinkSteps }), ...(shrinkMs === undefined ? {} : { maxMs: shrinkMs }) },
      signal: controller.signal,
      onPhaseStart: progress.start,
      onProgress: progress.update,
      onPhaseDone: (phase, { cases, disagreeing, durationMs, stopped }) => {
        const note = [disagreeing ? `${disagreeing} disagreeing` : '', stopped ? `stopped: ${stopped}` : ''].filter(Boolean).join('; ');
        progress.done({ check: phase, status: stopped ? 'error' : disagreeing ? 'failed' : 'passed', cases, findings: [], durationMs, ...(note ? { note } : {}) });
      },
    });
    return { report, replayArgs, files };
  } finally {
    progress.clear();
    for (const side of sides) {
      const target = targets[side];
      if (!target) continue;
      const open = target.startedContacts().length;
      if (open > 0 && target.kind !== 'emulator') io.stderr(`diff: ${side}: stopping ${open} contact${open === 1 ? '' : 's'} this run started\n`);
      await target.close();
    }
    release?.();
  }
}

export async function writeDiffReports(run: DiffRunResult): Promise<void> {
  if (run.files.junit) await writeFile(run.files.junit, junitReport(run.report, run.replayArgs));
  if (run.files.json) await writeFile(run.files.json, jsonReport(run.report, run.replayArgs));
  if (run.files.html) await writeHtmlReport(run.files.html, [diffInput(run.report, run.replayArgs, 'diff run')]);
}

export const diffCommand: Command = {
  name: 'diff',
  usage,
  async run(args, io) {
    const run = await diffFromArgs(args, io);
    io.stdout(consoleReport(run.report, run.replayArgs));
    await writeDiffReports(run);
    if (run.files.html) io.stdout(`HTML report: ${run.files.html}\n`);
    return diffExitStatus(run.report);
  },
};
