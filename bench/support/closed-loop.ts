// A closed-model load generator for overload, run as its own process: CONNECTIONS keep-alive
// sockets, each sending its next request as soon as its previous one is answered, for WARM_UP +
// SECONDS. With far more connections than the server can serve at once, the backlog is whatever
// the server lets pile up: an emulator without admission control queues every connection's request,
// one with it answers the excess at once. Latency counts from each request's send; answers are
// counted by status. After the run each connection's last request gets 10 s to be answered; what
// is still unanswered then is reported, not waited for.
//
// RETRY_AFTER: `honour` waits as long as an answer's Retry-After says before that connection's next
// request, as the AWS SDKs' retry strategies do; `ignore` sends at once, as a hostile flood would.
//
//   node --import tsx bench/support/closed-loop.ts FILE URL CONNECTIONS SECONDS WARM_UP honour|ignore
// prints {"sent","answered","unanswered","byStatus","latenciesMs":{"200":[...],"503":[...]}} on stdout
// (the measured part only: requests sent during the warm-up are not in it).
import { readRequestFile } from './request-file.ts';
import { connect, type Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;
const RETRY_AFTER = /\r\nretry-after:\s*(\d+)/i;

class Connection {
  private readonly socket: Socket;
  private pending: Buffer = Buffer.alloc(0);
  private sentAt = 0;
  busy = false;
  readonly connected: Promise<unknown>;
  private readonly done: (sentAt: number, status: number, connection: Connection, retryAfterSeconds: number) => void;

  constructor(host: string, port: number, done: (sentAt: number, status: number, connection: Connection, retryAfterSeconds: number) => void) {
    this.done = done;
    this.socket = connect({ host, port, noDelay: true });
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => {}); // a reset shows up as a request never answered
  }

  send(request: Buffer): void {
    this.busy = true;
    this.sentAt = performance.now();
    this.socket.write(request);
  }

  private read(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) return;
      const head = this.pending.toString('latin1', 0, end);
      const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
      if (this.pending.length < end + 4 + length) return;
      this.pending = this.pending.subarray(end + 4 + length);
      this.busy = false;
      this.done(this.sentAt, Number(head.slice(9, 12)), this, Number(RETRY_AFTER.exec(head)?.[1] ?? 0));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

async function run(file: string, url: string, connections: number, seconds: number, warmUpSeconds: number, honourRetryAfter: boolean) {
  const requests = readRequestFile(file);
  const available = requests.count;
  let next = 0;
  const request = () => {
    const i = next++ % available;
    return requests.request(i);
  };

  const { hostname, port } = new URL(url);
  const byStatus: Record<string, number> = {};
  const latenciesMs: Record<string, number[]> = {};
  let sent = 0;
  let answered = 0;
  let measureFrom = Infinity;
  let stopAt = Infinity;
  let outstanding = 0;
  let allIn: (() => void) | undefined;

  const sendOn = (connection: Connection) => {
    outstanding++;
    if (performance.now() >= measureFrom) sent++;
    connection.send(request());
  };
  const onAnswer = (sentAt: number, status: number, connection: Connection, retryAfterSeconds: number) => {
    outstanding--;
    if (sentAt >= measureFrom) {
      answered++;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      (latenciesMs[status] ??= []).push(performance.now() - sentAt);
    }
    const resumeAt = performance.now() + (honourRetryAfter ? retryAfterSeconds * 1000 : 0);
    if (resumeAt >= stopAt) {
      if (outstanding === 0) allIn?.();
    } else if (resumeAt > performance.now()) {
      setTimeout(() => sendOn(connection), resumeAt - performance.now());
    } else sendOn(connection);
  };
  const pool: Connection[] = [];
  // Connected in batches, before the clock starts: the run measures answers, not handshakes.
  for (let i = 0; i < connections; i += 200) {
    const batch = Array.from({ length: Math.min(200, connections - i) }, () => new Connection(hostname, Number(port), onAnswer));
    await Promise.all(batch.map((c) => c.connected));
    pool.push(...batch);
  }
  const start = performance.now();
  measureFrom = start + warmUpSeconds * 1000;
  stopAt = measureFrom + seconds * 1000;
  for (const c of pool) sendOn(c);
  await new Promise((resolve) => setTimeout(resolve, stopAt - performance.now()));
  // Every connection's last request gets 10 s; what is left then is unanswered.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((resolve) => {
    allIn = resolve;
    if (outstanding === 0) resolve();
  }), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
  clearTimeout(timer);
  const unanswered = pool.filter((c) => c.busy).length;
  for (const c of pool) c.close();
  return { sent, answered, unanswered, byStatus, latenciesMs };
}

const [file, url, connections, seconds, warmUp, retryAfter] = process.argv.slice(2);
if (!file || !url || !connections || !seconds || !warmUp || (retryAfter !== 'honour' && retryAfter !== 'ignore')) {
  process.stderr.write('usage: closed-loop.ts FILE URL CONNECTIONS SECONDS WARM_UP honour|ignore\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(await run(file, url, Number(connections), Number(seconds), Number(warmUp), retryAfter === 'honour')));
