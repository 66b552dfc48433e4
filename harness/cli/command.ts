// Every subcommand has this shape so that main.ts can list, dispatch and test them uniformly.
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => Promise<Buffer>;
  /** True when stdout is a terminal: progress output is written only then. */
  readonly interactive: boolean;
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  /** Resolves to the process exit status: 0 success, 1 findings, 2 usage or harness error. */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** A mistake in how the command was called; main prints its one-line message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
