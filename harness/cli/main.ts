import { UsageError, type CommandIo } from './command.ts';
import { processIo } from './process-io.ts';
import { commands } from './commands/index.ts';

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
    'Run `connect-harness <command> --help` for a command\'s options.',
    'Exit status: 0 success, 1 findings (invalid request, conformance failure), 2 usage or harness error.',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`connect-harness: unknown command "${name}"; run connect-harness --help\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`connect-harness ${command.name}: ${reason.split('\n')[0]}\n`);
    if (!(error instanceof UsageError) && process.env.CONNECT_HARNESS_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return 2;
  }
}
