// An open-model load generator, run as its own process: requests leave at a fixed rate whether or
// not earlier ones have returned, and latency counts from when a request was due (so a stalled
// server cannot hide its queue: no coordinated omission). Bare sockets, and the requests read from
// the file wrk replays (raw HTTP separated by NUL bytes) into one buffer: a generator holding an
// object per request, or sharing a process with the code that signed them, pauses for its own
// garbage collection, and those pauses would be counted as the server's latency.
//
// The first WARM_UP seconds run on the same schedule but are not measured: a fresh process runs
// its own code in the interpreter at first, and its late sends would be counted against the server.
//
//   node --import tsx bench/support/open-loop.ts FILE URL RATE SECONDS WARM_UP [CONNECTIONS]
// prints {"sent":N,"ok":N,"latenciesMs":[...]} for the measured requests on stdout.
import { readRequestFile } from './request-file.ts';
import { connect, type Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/** One keep-alive connection with at most one request in flight. */
class Connection {
  private readonly socket: Socket;
  private pending: Buffer = Buffer.alloc(0);
  private dueAt = 0;
  readonly connected: Promise<unknown>;
  private readonly done: (dueAt: number, status: number, connection: Connection) => void;

  constructor(host: string, port: number, done: (dueAt: number, status: number, connection: Connection) => void) {
    this.done = done;
    this.socket = connect({ host, port, noDelay: true });
    this.connected = new Promise((resolve) => this.socket.once('connect', resolve));
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => {}); // a refused or reset connection shows up as requests never answered
  }

  send(request: Buffer, dueAt: number): void {
    this.dueAt = dueAt;
    this.socket.write(request);
  }

  private read(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const end = this.pending.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.pending.toString('latin1', 0, end);
    const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
    if (this.pending.length < end + 4 + length) return;
    this.pending = this.pending.subarray(end + 4 + length);
    this.done(this.dueAt, Number(head.slice(9, 12)), this);
  }

  close(): void {
    this.socket.destroy();
  }
}

async function run(file: string, url: string, ratePerSecond: number, seconds: number, warmUpSeconds: number, connections: number) {
  const requests = readRequestFile(file);
  const available = requests.count;
  const unmeasured = Math.floor(ratePerSecond * warmUpSeconds);
  const total = Math.min(available, unmeasured + Math.floor(ratePerSecond * seconds));
  if (total <= unmeasured) throw new Error(`${file} holds ${available} requests: too few for ${warmUpSeconds} s of warm-up and ${seconds} s at ${ratePerSecond}/s`);
  const request = requests.request;

  const { hostname, port } = new URL(url);
  const latenciesMs = new Float64Array(total - unmeasured);
  let answered = 0;
  let measured = 0;
  let ok = 0;
  let sent = 0;
  const idle: Connection[] = [];
  const waiting: number[] = []; // requests due while every connection was busy
  let start = 0;
  const dueAt = (i: number) => start + (i * 1000) / ratePerSecond;
  let finished!: () => void;
  const allAnswered = new Promise<void>((resolve) => (finished = resolve));

  const onAnswer = (due: number, status: number, connection: Connection) => {
    answered++;
    if (due >= measureFrom) {
      latenciesMs[measured++] = performance.now() - due;
      if (status === 200) ok++;
    }
    const next = waiting.shift();
    if (next !== undefined) connection.send(request(next), dueAt(next));
    else idle.push(connection);
    if (answered === total) finished();
  };
  const pool = Array.from({ length: connections }, () => new Connection(hostname, Number(port), onAnswer));
  idle.push(...pool);
  // Connected before the clock starts: the run measures answers, not handshakes.
  await Promise.all(pool.map((c) => c.connected));
  start = performance.now();
  const measureFrom = dueAt(unmeasured);
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * ratePerSecond) / 1000));
    for (; sent < due; sent++) {
      const connection = idle.pop();
      if (connection) connection.send(request(sent), dueAt(sent));
      else waiting.push(sent);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  // Bounded: a server that stops answering ends the run 10 s later with what was answered.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([allAnswered, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
  clearTimeout(timer);
  for (const c of pool) c.close();
  return { sent: sent - unmeasured, ok, latenciesMs: Array.from(latenciesMs.subarray(0, measured)) };
}

const [file, url, rate, seconds, warmUp, connections = '64'] = process.argv.slice(2);
if (!file || !url || !rate || !seconds || !warmUp) {
  process.stderr.write('usage: open-loop.ts FILE URL RATE SECONDS WARM_UP [CONNECTIONS]\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(await run(file, url, Number(rate), Number(seconds), Number(warmUp), Number(connections))));
