// `connect-harness conformance --replay-cassette FILE [target flags] [--cassette OUT]`: the requests
// a recorded run sent, sent again to a target and compared (conformance/cassette/replay-cassette.ts).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseCassette } from '../../conformance/cassette/cassette-format.ts';
import { CassetteRecorder } from '../../conformance/cassette/cassette-recorder.ts';
import { replayCassette, replayExitStatus, replayReportText } from '../../conformance/cassette/replay-cassette.ts';
import { openTarget } from '../../targets/open-target.ts';
import { preflight } from '../../targets/preflight.ts';
import { UsageError, type CommandIo } from '../command.ts';
import { stopOnInterrupt } from '../interrupt.ts';
import { prepareOutputFiles } from '../report-files.ts';
import { targetOptions, targetRequest } from '../target-flags.ts';

export async function replayCassetteFromArgs(args: readonly string[], io: CommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: { ...targetOptions, 'replay-cassette': { type: 'string' }, cassette: { type: 'string' } } }));
  } catch (error) {
    const unknown = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec((error as Error).message)?.[1] : undefined;
    if (unknown) throw new UsageError(`${unknown} does not apply to --replay-cassette, which re-sends the recorded requests (it takes the target flags and --cassette)`);
    throw error;
  }
  const file = values['replay-cassette']!;
  const request = targetRequest(values);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--replay-cassette ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let cassette;
  try {
    cassette = parseCassette(text);
  } catch (error) {
    throw new UsageError(`--replay-cassette ${file}: ${(error as Error).message}`);
  }
  await prepareOutputFiles({ cassette: values.cassette });
  const target = await openTarget(request);
  const controller = new AbortController();
  const release = stopOnInterrupt(target, io, controller);
  const recorder = values.cassette === undefined ? undefined : new CassetteRecorder(values.cassette, target);
  try {
    await preflight(target);
    if (recorder) recorder.check = 'replay';
    io.stderr(`conformance: replaying ${cassette.entries.length} exchanges of ${file} to ${target.description}\n`);
    const report = await replayCassette(cassette, target, { signal: controller.signal });
    io.stdout(replayReportText(report, file));
    return replayExitStatus(report);
  } finally {
    if (recorder) recorder.check = 'cleanup';
    await target.close();
    release();
    await recorder?.close();
  }
}
