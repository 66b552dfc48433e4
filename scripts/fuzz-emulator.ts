// Hostile requests against an emulator this script starts on 127.0.0.1, in numbers: broken bodies,
// bad signatures, odd headers, broken framing, odd paths, big bodies and slow clients
// (scripts/fuzz/kinds.ts), over keep-alive raw sockets. Counts what must never happen: a 5xx, an
// error whose body is empty or not JSON, an answer without the AWS headers, a request left
// unanswered; then stops the emulator with SIGTERM and checks it drains and exits 0.
//
//   npm run fuzz -- [--requests 100000] [--max-seconds 600] [--connections 16] [--seed 1] [--json FILE]
//
// Exit 0: none of those happened. 1: some did (each counted, the first few shown). 2: usage, or the
// emulator could not be started.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { kinds } from './fuzz/kinds.ts';
import { runFuzz, type Tally } from './fuzz/run.ts';

export const usage = `Usage: npm run fuzz -- [options]   (or: npx tsx scripts/fuzz-emulator.ts [options])

  --requests N        requests to send (default 100000)
  --max-seconds S     stop sending after S seconds even if fewer were sent (default 600)
  --connections C     keep-alive connections sending at once (default 16)
  --seed N            seed for the choice of request kinds (default 1)
  --json FILE         also write the figures as JSON
`;

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return n;
}

interface Server {
  readonly port: number;
  /** SIGTERM, then what the process did: its exit code, whether it said it stopped, internal errors it printed. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stopped: boolean; internalErrors: number }>;
}

/** serve.ts in a child process, run the way this script runs (tsx's loader is in execArgv). */
function startServer(): Promise<Server> {
  const serve = fileURLToPath(new URL('./fuzz/serve.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, serve], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('close', (code, signal) => done({ code, signal })));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /listening (\d+)/.exec(stdout);
      if (!match) return;
      child.stdout.removeAllListeners('data');
      child.stdout.on('data', (more: Buffer) => (stdout += more.toString()));
      resolve({
        port: Number(match[1]),
        stop: async () => {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
          const exit = await exited;
          clearTimeout(killer);
          process.off('exit', killOnExit);
          return { ...exit, stopped: stdout.includes('stopped'), internalErrors: (stderr.match(/internal error/g) ?? []).length };
        },
      });
    });
    void exited.then(({ code, signal }) => reject(new Error(`the emulator exited (${code ?? signal}) before listening: ${stderr.slice(-500)}`)));
  });
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

export function formatReport(tally: Tally, server: Awaited<ReturnType<Server['stop']>>, settings: { requests: number; maxSeconds: number; connections: number; seed: number }): string {
  const statuses = Object.entries(tally.statuses).sort(([a], [b]) => Number(a) - Number(b)).map(([s, n]) => `${s}: ${n}`).join(', ');
  const byKind = Object.entries(tally.byKind).sort(([a], [b]) => a.localeCompare(b));
  const lines = [
    `fuzz: ${tally.sent} requests of ${kinds.length} kinds in ${tally.seconds.toFixed(1)} s over ${settings.connections} connections (seed ${settings.seed}; stopped by ${tally.stoppedBy === 'count' ? `the count, ${settings.requests}` : `the time, ${settings.maxSeconds} s`})`,
    `answers by status: ${statuses}`,
    '',
    table([
      ['must be zero', 'count'],
      ['5xx answers', String(tally.serverErrors)],
      ['error bodies empty, not JSON or without Message', String(tally.badErrorBodies)],
      ['answers without x-amzn-RequestId / x-amzn-ErrorType', String(tally.missingAwsHeaders)],
      ['requests unanswered', String(tally.unanswered)],
      ['internal errors the emulator logged', String(server.internalErrors)],
    ]),
    '',
    `emulator after SIGTERM: ${server.stopped ? 'drained and stopped' : 'did not say it stopped'}, exit ${server.code ?? server.signal}`,
    '',
    table([['kind', 'sent', 'mean ms', 'statuses', 'problems'], ...byKind.map(([name, k]) => [name, String(k.sent), (k.ms / k.sent).toFixed(1), Object.entries(k.statuses).map(([s, n]) => `${s}×${n}`).join(' '), String(k.problems)])]),
  ];
  if (tally.examples.length > 0) lines.push('', 'first problems:', ...tally.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}

export async function main(args: readonly string[], io: Io): Promise<number> {
  let settings;
  let json: string | undefined;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { requests: { type: 'string' }, 'max-seconds': { type: 'string' }, connections: { type: 'string' }, seed: { type: 'string' }, json: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    settings = {
      requests: positiveInteger('--requests', values.requests, 100_000),
      maxSeconds: positiveInteger('--max-seconds', values['max-seconds'], 600),
      connections: positiveInteger('--connections', values.connections, 16),
      seed: positiveInteger('--seed', values.seed, 1),
    };
    json = values.json;
  } catch (error) {
    // One line, as every command of the harness answers a usage error (--help has the rest).
    io.stderr(`fuzz-emulator: ${(error as Error).message.split('\n')[0]} (npm run fuzz -- --help)\n`);
    return 2;
  }
  let server: Server;
  try {
    server = await startServer();
  } catch (error) {
    io.stderr(`fuzz-emulator: ${(error as Error).message}\n`);
    return 2;
  }
  let tally: Tally;
  try {
    tally = await runFuzz({ ...settings, port: server.port, answerTimeoutMs: 15_000 });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const stopped = await server.stop();
  io.stdout(formatReport(tally, stopped, settings));
  if (json !== undefined) await writeFile(json, `${JSON.stringify({ settings, tally, emulator: stopped }, null, 2)}\n`);
  const clean = tally.serverErrors === 0 && tally.badErrorBodies === 0 && tally.missingAwsHeaders === 0 && tally.unanswered === 0 && stopped.internalErrors === 0 && stopped.code === 0 && stopped.stopped;
  return clean ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}
