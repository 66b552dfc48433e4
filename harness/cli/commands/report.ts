// `connect-harness report`: one self-contained HTML page a person looks at, from the JSON reports of
// conformance and diff runs, k6 summaries (either shape) and k6-combine; optionally k6's JSON
// output for charts over time, and a short Markdown summary for a CI job page. docs/report.md.
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport } from '../../report/build-report.ts';
import { parseReportFile, ReportInputError, type ReportInput } from '../../report/inputs.ts';
import { readK6Samples, type SampleSeries } from '../../report/k6-samples.ts';
import { markdownSummary } from '../../report/markdown-summary.ts';
import { parseObservedProfile, type ObservedProfile } from '../../report/observed-profile.ts';
import { statusWords } from '../../report/verdict.ts';
import { UsageError, type Command } from '../command.ts';
import { prepareOutputFiles } from '../report-files.ts';

const usage = `Usage: connect-harness report [options] FILE|DIR...

Turns run reports into one self-contained HTML page (inline styles and SVG charts, no script,
nothing fetched when it is opened): the verdict at the top, then per run its findings,
divergences, capacity steps with the knee marked, charts and configuration. Secrets and the
sensitive members (Description, ParticipantToken, JoinToken) are redacted, whatever the input holds.

Inputs (a directory means every *.json in it this command recognises; others are skipped):
  conformance --json FILE, diff --json FILE, a k6 scenario's <scenario>-summary.json (legacy or
  machine-readable summary shape), k6-combine --json FILE

  --out FILE               the HTML page (default: the first input's name with .html, or
                           DIR/report.html); not written when only --markdown-summary is given
  --markdown-summary FILE  append a short Markdown summary to FILE (e.g. "$GITHUB_STEP_SUMMARY")
  --artifact-name NAME     the CI artifact holding the HTML page, named in the Markdown summary
  --artifact-url URL       its address, linked from the Markdown summary
  --k6-out FILE            k6's JSON output (k6 run --out json=FILE, .gz too): throughput, latency
                           and outcome mix over time; repeat for more files
  --profile FILE           an observed profile (conformance --observe): shown beside each divergence
  --title TEXT             the page's title

Exit 0 when written (whatever the runs' verdicts: their own commands exit with those), 2 when an
input is not a report or a file cannot be written.
`;

async function inputsFrom(path: string, io: { stderr: (t: string) => void }): Promise<ReportInput[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new UsageError(`${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!info.isDirectory()) return parseReportFile(path, await readFile(path, 'utf8'));
  const found: ReportInput[] = [];
  for (const name of (await readdir(path)).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(path, name);
    try {
      found.push(...parseReportFile(file, await readFile(file, 'utf8')));
    } catch (error) {
      if (!(error instanceof ReportInputError)) throw error;
      io.stderr(`report: skipped ${file}: ${error.message.slice(file.length + 2)}\n`);
    }
  }
  if (found.length === 0) throw new UsageError(`${path}: no report in this directory`);
  return found;
}

/** foo.json → foo.html; a directory → DIR/report.html. */
async function defaultOut(first: string): Promise<string> {
  const info = await stat(first);
  if (info.isDirectory()) return join(first, 'report.html');
  return join(dirname(first), `${basename(first).replace(/\.json$/i, '')}.html`);
}

export const reportCommand: Command = {
  name: 'report',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'markdown-summary': { type: 'string' },
        'artifact-name': { type: 'string' },
        'artifact-url': { type: 'string' },
        'k6-out': { type: 'string', multiple: true },
        profile: { type: 'string' },
        title: { type: 'string' },
      },
    });
    if (positionals.length === 0) throw new UsageError('give the JSON reports, or a directory holding them');
    const markdown = values['markdown-summary'];
    const out = values.out ?? (markdown === undefined ? await defaultOut(positionals[0]!).catch(() => undefined) : undefined);
    await prepareOutputFiles({ out, 'markdown-summary': markdown });
    try {
      const inputs: ReportInput[] = [];
      for (const path of positionals) inputs.push(...(await inputsFrom(path, io)));
      const timeSeries: SampleSeries[] = [];
      for (const file of values['k6-out'] ?? []) timeSeries.push(...(await readK6Samples(file)));
      let profile: ObservedProfile | undefined;
      if (values.profile !== undefined) {
        const text = await readFile(values.profile, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`--profile ${values.profile}: ${error.code ?? error.message}`);
        });
        profile = parseObservedProfile(values.profile, text);
      }
      if (out !== undefined) {
        const built = await buildReport({ inputs, timeSeries, ...(profile ? { profile } : {}), ...(values.title ? { title: values.title } : {}) });
        await writeFile(out, built.html);
        io.stdout(`report: ${statusWords[built.status]} → ${out}\n`);
      }
      if (markdown !== undefined) {
        await appendFile(
          markdown,
          markdownSummary(inputs, {
            ...(values['artifact-name'] ? { artifactName: values['artifact-name'] } : {}),
            ...(values['artifact-url'] ? { artifactUrl: values['artifact-url'] } : {}),
            ...(out !== undefined ? { htmlFile: basename(out) } : {}),
          }),
        );
        io.stdout(`report: Markdown summary appended to ${markdown}\n`);
      }
      return 0;
    } catch (error) {
      if (error instanceof ReportInputError) throw new UsageError(error.message);
      throw error;
    }
  },
};
