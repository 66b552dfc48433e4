// The shim's HTTP worker thread. k6's http.request is synchronous; Node's is not. The main thread
// posts a job and blocks in Atomics.wait; this thread performs the requests (a batch concurrently,
// each on its own socket, as k6 does), posts the answers and wakes the main thread.
import { request as httpRequest, Agent, type IncomingMessage } from 'node:http';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { WireRequest, WireResponse, WorkerJob, WorkerReply } from './wire.ts';

interface WorkerSetup {
  readonly signal: Int32Array;
  readonly syncPort: MessagePort;
  readonly asyncPort: MessagePort;
}

const { signal, syncPort, asyncPort } = workerData as WorkerSetup;
// Keep-alive like k6's default transport; no socket limit, so a batch really runs in parallel.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** k6's codes for failures without an HTTP answer (k6 docs, "Error codes"). */
function k6ErrorCode(error: NodeJS.ErrnoException): number {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 1212;
    case 'ECONNRESET':
      return 1220;
    case 'ETIMEDOUT':
    case 'shim-timeout':
      return 1050;
    case 'ENOTFOUND':
      return 1101;
    default:
      return 1000;
  }
}

function joinHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function perform(req: WireRequest): Promise<WireResponse> {
  const started = performance.now();
  return new Promise((resolve) => {
    const failed = (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, statusText: '', headers: {}, body: '', durationMs: performance.now() - started, errorCode: k6ErrorCode(error), error: error.message });
    if (!req.url.startsWith('http://')) {
      failed(Object.assign(new Error(`the k6 shim speaks plain http only, got ${req.url.split(':')[0]}`), { code: 'EPROTO' }));
      return;
    }
    const outgoing = httpRequest(req.url, { method: req.method, headers: req.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', failed);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: joinHeaders(res),
          body: Buffer.concat(chunks).toString('utf8'),
          durationMs: performance.now() - started,
          errorCode: 0,
          error: '',
        }),
      );
    });
    outgoing.setTimeout(req.timeoutMs, () => outgoing.destroy(Object.assign(new Error('request timeout'), { code: 'shim-timeout' })));
    outgoing.on('error', failed);
    outgoing.end(req.body);
  });
}

Atomics.store(signal, 1, 1);
Atomics.notify(signal, 1);

parentPort!.on('message', async (job: WorkerJob) => {
  const responses = await Promise.all(job.requests.map(perform));
  const reply: WorkerReply = { id: job.id, responses };
  if (!job.sync) {
    asyncPort.postMessage(reply);
    return;
  }
  syncPort.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
