// The emulator as a separate OS process, started through the published command, for tests that
// need two processes (e.g. sharing one Redis). Resolves once it prints its listening line.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface EmulatorProcess extends AsyncDisposable {
  readonly url: string;
  readonly pid: number;
  /** Resolves when the process exits: its exit code or signal, and the end of its stderr. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Sends `signal` without waiting. */
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'connect-harness.js');

/** `env`: variables added to this process's environment for the child (e.g. EMULATOR_CREDENTIALS). */
export function startEmulatorProcess(args: readonly string[], timeoutMs = 30_000, env: Readonly<Record<string, string>> = {}): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [bin, 'emulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
    // 'close', not 'exit': stderr has been read to its end.
    child.once('close', (code, signal) => done({ code, signal, stderr })),
  );
  // A crashed test run must not leave the process behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`emulator process printed no listening line within ${timeoutMs} ms; stderr: ${stderr.slice(-1000)}`));
    }, timeoutMs);
    child.stderr!.on('data', (d) => (stderr = (stderr + d.toString()).slice(-8000)));
    child.stdout!.on('data', (d) => {
      stdout += d.toString();
      const match = /emulator listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1]!, pid: child.pid!, exited, signal: (signal) => child.kill(signal), stop, [Symbol.asyncDispose]: stop });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`emulator process exited (${code ?? signal}) before listening; stderr: ${stderr.slice(-1000)}`));
    });
  });
}
