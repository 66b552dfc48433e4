import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { allChecks } from '../../conformance/checks/index.ts';
import { consoleReport } from '../../conformance/reporters/console.ts';
import { jsonReport } from '../../conformance/reporters/json.ts';
import { junitReport } from '../../conformance/reporters/junit.ts';
import { exitStatus, runConformance, selectChecks, type RunReport } from '../../conformance/runner.ts';
import { openTarget } from '../../targets/open-target.ts';
import type { FidelityProfile } from '../../contract/index.ts';
import { UsageError, type Command, type CommandIo } from '../command.ts';
import { stopOnInterrupt } from '../interrupt.ts';
import { loadProfile } from '../load-profile.ts';
import { number } from '../parse-values.ts';
import { progressPrinter } from '../progress.ts';
import { targetArgs, targetOptions, targetRequest, targetUsage } from '../target-flags.ts';

export const DEFAULT_RUNS = 100;

const usage = `Usage: connect-harness conformance [options]

Generates valid and invalid StartWebRTCContact requests, sends them through @aws-sdk/client-connect
and judges every answer. Exit 0 all checks hold, 1 findings, 2 the harness could not run.

${targetUsage}

Run:
  --runs N                    cases per property check (default ${DEFAULT_RUNS})
  --seed S                    fast-check seed (default: random, printed)
  --check NAME                run only this check; repeat for more (${allChecks.map((c) => c.name).join(', ')})
  --path P                    with --check and --seed: replay exactly the counterexample a finding printed
  --profile FILE              fidelity profile JSON: which errors count as right for each rule
  --junit FILE                write a JUnit XML report
  --json FILE                 write a JSON report (secrets and sensitive members redacted)
`;

export async function writeReports(report: RunReport, files: { junit?: string | undefined; json?: string | undefined }, args: readonly string[]): Promise<void> {
  if (files.junit) await writeFile(files.junit, junitReport(report, args));
  if (files.json) await writeFile(files.json, jsonReport(report, args));
}

export interface ConformanceRun {
  readonly report: RunReport;
  readonly targetArgs: readonly string[];
}

export async function conformanceFromArgs(args: readonly string[], io: CommandIo, profileOverride?: FidelityProfile): Promise<{ run: ConformanceRun; files: { junit?: string; json?: string } }> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...targetOptions,
      runs: { type: 'string' },
      seed: { type: 'string' },
      check: { type: 'string', multiple: true },
      path: { type: 'string' },
      profile: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const runs = number('--runs', values.runs) ?? DEFAULT_RUNS;
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError('--runs must be a positive whole number');
  const seed = number('--seed', values.seed) ?? Math.floor(Math.random() * 2 ** 31);
  if (values.path !== undefined && values.seed === undefined) throw new UsageError('--path needs the --seed it was printed with');
  const selected = selectChecks(values.check); // unknown names fail before a target is started
  if (values.path !== undefined && (selected.length !== 1 || !selected[0]!.property)) {
    throw new UsageError('--path replays one property check: name it with --check');
  }
  const profile = profileOverride ?? (await loadProfile(values.profile));
  const target = await openTarget(targetRequest(values));
  const controller = new AbortController();
  const release = stopOnInterrupt(target, io, controller);
  const progress = progressPrinter(io);
  io.stderr(`conformance: ${target.description}, seed ${seed}, ${runs} runs per property check\n`);
  try {
    const report = await runConformance({
      target,
      profile,
      runs,
      seed,
      ...(values.check ? { checks: values.check } : {}),
      ...(values.path === undefined ? {} : { path: values.path }),
      onProgress: progress.update,
      onCheckDone: () => progress.clear(),
      signal: controller.signal,
    });
    return {
      run: { report, targetArgs: targetArgs(values) },
      files: { ...(values.junit ? { junit: values.junit } : {}), ...(values.json ? { json: values.json } : {}) },
    };
  } finally {
    progress.clear();
    const open = target.startedContacts().length;
    if (open > 0 && target.kind !== 'emulator') io.stderr(`conformance: stopping ${open} contact${open === 1 ? '' : 's'} this run started\n`);
    await target.close();
    release();
  }
}

export const conformanceCommand: Command = {
  name: 'conformance',
  usage,
  async run(args, io) {
    const { run, files } = await conformanceFromArgs(args, io);
    io.stdout(consoleReport(run.report, run.targetArgs));
    await writeReports(run.report, files, run.targetArgs);
    return exitStatus(run.report);
  },
};
