import { negativeValuesJoined, usageErrorFromParseArgs } from './argv.ts';
import { UsageError, type CommandIo } from './command.ts';
import { processIo } from './process-io.ts';
import { commands } from './commands/index.ts';
import { versionLine } from './version.ts';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'connect-harness: load and conformance testing for Amazon Connect StartWebRTCContact',
    '',
    'Usage: connect-harness <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `connect-harness <command> --help` for a command\'s options; `--version` prints the version.',
    'Exit status: 0 success, 1 findings (invalid request, conformance failure), 2 usage or harness error.',
    '',
  ].join('\n');
}

/** `--help` or `--version` before a lone `--` (after it, every word is a value). */
function asks(args: readonly string[], ...flags: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => flags.includes(a));
}

export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...given] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(versionLine());
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`connect-harness: unknown command "${name}"; run connect-harness --help\n`);
    return 2;
  }
  const command = await entry.load();
  if (asks(given, '--help', '-h')) {
    io.stdout(`${command.usage.trimEnd()}\n\n  --help, -h                  this text\n  --version, -V               the version of connect-harness\n`);
    return 0;
  }
  if (asks(given, '--version', '-V')) {
    io.stdout(versionLine());
    return 0;
  }
  const rest = negativeValuesJoined(given);
  try {
    return await command.run(rest, io);
  } catch (thrown) {
    const error = usageErrorFromParseArgs(thrown, `connect-harness ${command.name}`);
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`connect-harness ${command.name}: ${reason.split('\n')[0]}\n`);
    if (!(error instanceof UsageError) && process.env.CONNECT_HARNESS_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return 2;
  }
}
