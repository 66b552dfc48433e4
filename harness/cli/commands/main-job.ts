// `npm start`: the whole conformance suite against the embedded emulator, then a concurrency probe
// and an idempotency probe, and one summary a person can read at a glance. Exit 0 when all holds.
import { parseArgs } from 'node:util';
import { consoleReport } from '../../conformance/reporters/console.ts';
import { mainRerunCommand } from '../../conformance/reporters/replay-command.ts';
import { exitStatus, runConformance } from '../../conformance/runner.ts';
import { concurrencyProbe } from '../../conformance/probes/concurrency-probe.ts';
import { idempotencyProbe } from '../../conformance/probes/idempotency-probe.ts';
import type { ProbeResult } from '../../conformance/probes/probe.ts';
import { defaultProfile } from '../../contract/index.ts';
import { openEmulatorTarget } from '../../targets/emulator-target.ts';
import type { Command } from '../command.ts';
import { integer, positiveInteger } from '../parse-values.ts';
import { progressPrinter } from '../progress.ts';
import { prepareOutputFiles } from '../report-files.ts';
import { writeReports } from './conformance.ts';
import { conformanceInput, writeHtmlReport } from '../../report/from-runs.ts';

const DEFAULT_RUNS = 500;
const PROBE_STARTS = 2000;
const PROBE_DUPLICATES = 200;
/** Where npm start leaves the page a person opens after the run (reports/ is not committed). */
export const DEFAULT_MAIN_HTML = 'reports/main.html';

const usage = `Usage: connect-harness main [--runs N] [--seed S] [--junit FILE] [--json FILE] [--html FILE]

The main job (npm start): starts the emulator in this process, runs every conformance check
(${DEFAULT_RUNS} cases per property check by default), then a concurrency probe (${PROBE_STARTS} distinct
starts) and an idempotency probe (${PROBE_DUPLICATES} simultaneous starts with one ClientToken).
The JUnit and JSON reports hold the checks and the probes, and the command that reruns the run.
Exit 0 when everything holds, 1 on findings, 2 when something could not run. The run's HTML
report (docs/report.md) is written to --html FILE (default ${DEFAULT_MAIN_HTML}) and its path printed.
`;

export const mainCommand: Command = {
  name: 'main',
  usage,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { runs: { type: 'string' }, seed: { type: 'string' }, junit: { type: 'string' }, json: { type: 'string' }, html: { type: 'string' } } });
    const runs = positiveInteger('--runs', values.runs) ?? DEFAULT_RUNS;
    const seed = integer('--seed', values.seed) ?? Math.floor(Math.random() * 2 ** 31);
    const html = values.html ?? DEFAULT_MAIN_HTML;
    await prepareOutputFiles({ junit: values.junit, json: values.json, html }); // before the run, never after it
    const started = performance.now();
    const target = await openEmulatorTarget();
    const progress = progressPrinter(io, { prefix: 'main' });
    io.stderr(`main: ${target.description}; seed ${seed}; ${runs} cases per property check\n`);
    try {
      const report = await runConformance({ target, profile: defaultProfile, runs, seed, onCheckStart: progress.start, onProgress: progress.update, onCheckDone: progress.done });
      progress.clear();
      io.stderr('main: probing concurrency and idempotency\n');
      const probes: ProbeResult[] = [await concurrencyProbe(target, PROBE_STARTS), await idempotencyProbe(target, PROBE_DUPLICATES)];
      io.stdout(consoleReport(report, []));
      io.stdout('Probes\n');
      for (const probe of probes) io.stdout(`  ${probe.ok ? 'ok  ' : 'FAIL'}  ${probe.name.padEnd(12)} ${probe.summary}\n`);
      const rerun = mainRerunCommand(runs, seed);
      await writeReports({ ...report, probes, rerun, durationMs: performance.now() - started }, { junit: values.junit, json: values.json }, []);
      await writeHtmlReport(html, [conformanceInput(report, [], 'npm start (the main job)', probes)], { command: 'main' });
      const status = Math.max(exitStatus(report), probes.every((p) => p.ok) ? 0 : 1);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.stdout(`\n${status === 0 ? 'ALL HOLDS' : status === 1 ? 'FINDINGS' : 'HARNESS ERROR'} in ${seconds} s. Replay this run with: ${rerun}\n`);
      io.stdout(`Report: ${html} (open it in a browser)\n`);
      return status;
    } finally {
      progress.clear();
      await target.close();
    }
  },
};
