// A server binary run as a child for tests and local use: output kept (the tail, for error
// messages), killed if this process exits first, stopped gently then firmly.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The last few KB of its stdout and stderr. */
  output(): string;
  exited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: what a crash looks like to its clients. */
  kill(): Promise<void>;
}

const OUTPUT_TAIL = 8_000;

export function spawnServer(binary: string, args: readonly string[]): ServerProcess {
  // Its own process group: a Ctrl-C in the terminal reaches this process, which then stops the
  // servers in order (emulator first, so that its last metrics still reach InfluxDB).
  const child = spawn(binary, [...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-OUTPUT_TAIL));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('error', (error) => keep(Buffer.from(`spawn error: ${error.message}\n`)));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const exitedPromise = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // A crashed test run must not leave servers behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const end = async (signal: NodeJS.Signals, graceMs: number) => {
    process.off('exit', killOnExit);
    if (!hasExited()) {
      child.kill(signal);
      const firm = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitedPromise;
      clearTimeout(firm);
    }
  };
  return {
    child,
    output: () => output,
    exited: hasExited,
    stop: (graceMs = 5_000) => end('SIGTERM', graceMs),
    kill: () => end('SIGKILL', 0),
  };
}

/** Polls `ready` until it is true, the process dies, or the deadline passes (then throws with its output). */
export async function waitUntilReady(name: string, server: ServerProcess, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return;
    if (server.exited() || Date.now() > deadline) {
      await server.stop();
      const tail = server.output().trim().split('\n').slice(-8).join(' | ');
      throw new Error(`${name} did not become ready${server.exited() ? ' (it exited)' : ` within ${timeoutMs} ms`}: ${tail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
