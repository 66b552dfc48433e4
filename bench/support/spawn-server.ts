// Starts a server script as a child process and resolves with its URL from the "listening on" line.
// A TypeScript script runs under tsx; the published command (bin/connect-harness.js) loads the
// TypeScript itself, as a user's `npx connect-harness` does.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ChildServer {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export async function spawnServer(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const loader = args[0]?.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
