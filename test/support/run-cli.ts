// The CLI run in this process, as `connect-harness ARGV` would run: exit status and both streams
// captured (not a terminal, so progress comes as lines). Faster than spawning, and the same code.
import type { CommandIo } from '../../harness/cli/command.ts';
import { main } from '../../harness/cli/main.ts';

export interface Ran {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], stdin: string | Uint8Array = ''): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    stdin: async () => Buffer.from(stdin),
    interactive: false,
  };
  const status = await main(argv, io);
  return { status, stdout: out.join(''), stderr: err.join('') };
}
