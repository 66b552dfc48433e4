import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { allChecks } from '../../conformance/checks/index.ts';
import { consoleReport } from '../../conformance/reporters/console.ts';
import { jsonReport } from '../../conformance/reporters/json.ts';
import { junitReport } from '../../conformance/reporters/junit.ts';
import { allPhases } from '../../conformance/check.ts';
import { COVERAGE_PATH_PREFIX } from '../../conformance/property-check.ts';
import { readObservedFile, writeObservedFile } from '../../conformance/observe/observed-file.ts';
import { summaryLines } from '../../conformance/observe/observed-profile.ts';
import { ObservationRecorder } from '../../conformance/observe/recorder.ts';
import { CassetteRecorder } from '../../conformance/cassette/cassette-recorder.ts';
import { DEFAULT_MAX_FINDINGS, defaultShrinkBudget, exitStatus, runConformance, selectChecks, type RunReport } from '../../conformance/runner.ts';
import { preflight } from '../../targets/preflight.ts';
import { openTarget } from '../../targets/open-target.ts';
import type { FidelityProfile } from '../../contract/index.ts';
import { UsageError, type Command, type CommandIo } from '../command.ts';
import { stopOnInterrupt } from '../interrupt.ts';
import { loadProfile } from '../load-profile.ts';
import { duration, integer, phasesOf, positiveInteger } from '../parse-values.ts';
import { progressPrinter } from '../progress.ts';
import { prepareOutputFiles } from '../report-files.ts';
import { conformanceInput, writeHtmlReport } from '../../report/from-runs.ts';
import { targetArgs, targetOptions, targetRequest, targetUsage } from '../target-flags.ts';
import { replayCassetteFromArgs } from './replay-cassette.ts';

export const DEFAULT_RUNS = 100;

const usage = `Usage: connect-harness conformance [options]

Generates valid and invalid StartWebRTCContact requests, sends them through @aws-sdk/client-connect
and judges every answer. First a preflight (two harmless signed calls) checks that the target
speaks the Connect API and accepts the credentials and region. Then each property check runs a
coverage phase (the same fixed cases at every seed: every invalid class at every site, every near
miss, every boundary) and a random phase. Failures are grouped by rule, site and kind of answer;
each group is shrunk within a budget and re-sent before it is reported.

A departure from what AWS models, documents or was observed to do is a finding; a departure from
one of this project's assumptions only is a divergence, listed but not failed unless --strict.

Exit 0 no findings, 1 findings (or divergences with --strict), 2 the harness could not run (bad
credentials, wrong endpoint, nothing listening, an interrupted run with no findings).

${targetUsage}

Run:
  --runs N                    cases per property check in the random phase (default ${DEFAULT_RUNS})
  --seed S                    fast-check seed (default: random, printed)
  --phases LIST               coverage,random (default), or one of them
  --check NAME                run only this check; repeat for more (${allChecks.map((c) => c.name).join(', ')})
  --skip-check NAME           run every check but this one (reported as skipped); repeat for more
  --path P                    with --check: replay exactly the case a finding printed (with --seed, except coverage:N)
  --strict                    divergences from assumptions fail the run too
  --max-findings N            distinct findings reported per check (default ${DEFAULT_MAX_FINDINGS}; the rest are counted)
  --shrink-steps N            cases sent while shrinking one finding, at most (default ${defaultShrinkBudget.maxSteps})
  --shrink-seconds DURATION   time spent shrinking one finding, at most (default ${defaultShrinkBudget.maxMs / 1000}; 30, 30s, 2m)
  --time-limit DURATION       stop after this long (90, 90s, 5m, 1h) and report what was found so far
  --profile FILE              fidelity profile JSON: which errors count as right for each rule
  --junit FILE                write a JUnit XML report (divergences appear as skipped cases)
  --json FILE                 write a JSON report (secrets and sensitive members redacted)
  --html FILE                 write a self-contained HTML report a person reads (docs/report.md)
  --observe FILE              record what the target answered for each profile condition the run's
                              cases exercised (nothing more is sent) and merge it into FILE, a
                              profile --profile reads: an "observed" entry where every case agreed,
                              "disagreements" where they did not, counts under "evidence"
  --cassette FILE             write every exchange of the run to FILE, one JSON line each (request,
                              answer, timing; credentials, signatures, session tokens and sensitive
                              members redacted): to attach to a bug report, or to replay

Replay (instead of a run):
  --replay-cassette FILE      send every request of a cassette again, in order, to the target chosen
                              by the flags above (default the embedded emulator), and compare each
                              answer with the recorded one. Exit 0 all as recorded, 1 some differ.
                              With --cassette OUT the replay is recorded too.
`;

export async function writeReports(report: RunReport, files: { junit?: string | undefined; json?: string | undefined; html?: string | undefined }, args: readonly string[]): Promise<void> {
  if (files.junit) await writeFile(files.junit, junitReport(report, args));
  if (files.json) await writeFile(files.json, jsonReport(report, args));
  if (files.html) await writeHtmlReport(files.html, [conformanceInput(report, args, 'conformance run')]);
}

export interface ConformanceRun {
  readonly report: RunReport;
  /** Flags a replay needs to go where the run went and judge as it judged. */
  readonly replayArgs: readonly string[];
}


/** `--observe FILE`: where observations go, and what heard them. */
export interface Observing {
  readonly file: string;
  readonly recorder: ObservationRecorder;
}

export async function conformanceFromArgs(args: readonly string[], io: CommandIo, profileOverride?: FidelityProfile): Promise<{ run: ConformanceRun; files: { junit?: string; json?: string; html?: string }; observing?: Observing }> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...targetOptions,
      runs: { type: 'string' },
      seed: { type: 'string' },
      phases: { type: 'string' },
      check: { type: 'string', multiple: true },
      'skip-check': { type: 'string', multiple: true },
      path: { type: 'string' },
      strict: { type: 'boolean' },
      'max-findings': { type: 'string' },
      'shrink-steps': { type: 'string' },
      'shrink-seconds': { type: 'string' },
      'time-limit': { type: 'string' },
      profile: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      observe: { type: 'string' },
      cassette: { type: 'string' },
    },
  });
  const runs = positiveInteger('--runs', values.runs) ?? DEFAULT_RUNS;
  const seed = integer('--seed', values.seed) ?? Math.floor(Math.random() * 2 ** 31);
  const coveragePath = values.path?.startsWith(COVERAGE_PATH_PREFIX) === true;
  if (values.path !== undefined && values.seed === undefined && !coveragePath) throw new UsageError('--path needs the --seed it was printed with');
  const selected = selectChecks(values.check, values['skip-check']); // unknown names fail before a target is started
  if (values.path !== undefined && (selected.length !== 1 || !selected[0]!.property)) {
    throw new UsageError('--path replays one property check: name it with --check');
  }
  const phases = phasesOf(values.phases);
  const maxFindings = positiveInteger('--max-findings', values['max-findings']);
  const shrinkSteps = positiveInteger('--shrink-steps', values['shrink-steps']);
  const shrinkMs = duration('--shrink-seconds', values['shrink-seconds']);
  const timeLimitMs = duration('--time-limit', values['time-limit']);
  const request = targetRequest(values); // every target flag checked before anything is written or started
  const files = { ...(values.junit ? { junit: values.junit } : {}), ...(values.json ? { json: values.json } : {}), ...(values.html ? { html: values.html } : {}) };
  await prepareOutputFiles({ ...files, observe: values.observe, cassette: values.cassette });
  if (values.observe !== undefined) {
    await readObservedFile(values.observe).catch((error: Error) => {
      throw new UsageError(`--observe ${values.observe}: ${error.message}`);
    });
  }
  const profile = profileOverride ?? (await loadProfile(values.profile));
  const target = await openTarget(request);
  const controller = new AbortController();
  const release = stopOnInterrupt(target, io, controller);
  const limit = timeLimitMs === undefined ? undefined : setTimeout(() => controller.abort(`time limit of ${values['time-limit']} reached`), timeLimitMs);
  const progress = progressPrinter(io);
  const recorder = values.observe === undefined ? undefined : new ObservationRecorder(target, { limits: profile.limits });
  const cassette = values.cassette === undefined ? undefined : new CassetteRecorder(values.cassette, target, { seed, runs });
  try {
    await preflight(target);
    io.stderr(`conformance: ${target.description}, seed ${seed}, phases ${(phases ?? allPhases).join(', ')}, ${runs} random cases per property check\n`);
    const report = await runConformance({
      target,
      profile,
      runs,
      seed,
      strict: values.strict === true,
      ...(phases ? { phases } : {}),
      ...(maxFindings === undefined ? {} : { maxFindings }),
      shrink: { ...(shrinkSteps === undefined ? {} : { maxSteps: shrinkSteps }), ...(shrinkMs === undefined ? {} : { maxMs: shrinkMs }) },
      ...(values.check ? { checks: values.check } : {}),
      ...(values['skip-check'] ? { skipChecks: values['skip-check'] } : {}),
      ...(values.path === undefined ? {} : { path: values.path }),
      onCheckStart: (check) => {
        if (cassette) cassette.check = check;
        progress.start(check);
      },
      onProgress: progress.update,
      onCheckDone: progress.done,
      signal: controller.signal,
      ...(recorder ? { observe: recorder } : {}),
    });
    const replayArgs = [...targetArgs(values), ...(values.profile ? ['--profile', values.profile] : []), ...(values.strict ? ['--strict'] : [])];
    return { run: { report, replayArgs }, files, ...(recorder && values.observe !== undefined ? { observing: { file: values.observe, recorder } } : {}) };
  } finally {
    clearTimeout(limit);
    progress.clear();
    const open = target.startedContacts().length;
    if (open > 0 && target.kind !== 'emulator') io.stderr(`conformance: stopping ${open} contact${open === 1 ? '' : 's'} this run started\n`);
    if (cassette) cassette.check = 'cleanup';
    await target.close();
    release();
    if (cassette) {
      await cassette.close();
      io.stderr(`conformance: ${cassette.recorded} exchanges recorded in ${values.cassette}\n`);
    }
  }
}

export const conformanceCommand: Command = {
  name: 'conformance',
  usage,
  async run(args, io) {
    if (args.some((a) => a === '--replay-cassette' || a.startsWith('--replay-cassette='))) return replayCassetteFromArgs(args, io);
    const { run, files, observing } = await conformanceFromArgs(args, io);
    io.stdout(consoleReport(run.report, run.replayArgs));
    await writeReports(run.report, files, run.replayArgs);
    if (files.html) io.stdout(`HTML report: ${files.html}\n`);
    if (observing) {
      const summary = await writeObservedFile(observing.file, observing.recorder.observations());
      io.stdout(summaryLines(summary, observing.file, observing.recorder.withheld()));
    }
    return exitStatus(run.report);
  },
};
