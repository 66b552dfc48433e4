// Synchronous HTTP for the shim's main thread, as k6 scripts expect it: the request runs in a worker
// thread while this thread blocks in Atomics.wait, then takes the answer with receiveMessageOnPort.
// Blocking is safe because the server under test (the emulator) lives in another process.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { WireRequest, WireResponse, WorkerJob, WorkerReply } from './wire.ts';

// Slot 0: an answer is ready. Slot 1: the worker has started.
const signal = new Int32Array(new SharedArrayBuffer(8));
const sync = new MessageChannel();
const async = new MessageChannel();
// On Node 20 a worker does not inherit tsx's hooks, and `execArgv: ['--import', 'tsx']` does not
// make it load a .ts entry either: a two-line bootstrap registers tsx in the worker, then loads it.
const entry = new URL('./http-worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
const worker = new Worker(bootstrap, {
  eval: true,
  workerData: { signal, syncPort: sync.port2, asyncPort: async.port2 },
  transferList: [sync.port2, async.port2],
});
worker.unref();
async.port1.unref();

const WORKER_START_TIMEOUT_MS = 15_000;

let workerFailed = false;

function awaitWorkerStart(): void {
  if (Atomics.load(signal, 1) === 1) return;
  // A worker that fails to load never signals: fail fast (and once) instead of blocking for a
  // request timeout on every request.
  if (workerFailed || (Atomics.wait(signal, 1, 0, WORKER_START_TIMEOUT_MS) === 'timed-out' && Atomics.load(signal, 1) !== 1)) {
    workerFailed = true;
    throw new Error('k6 shim: the HTTP worker thread did not start');
  }
}

let nextId = 1;
const pendingAsync = new Map<number, (responses: readonly WireResponse[]) => void>();
async.port1.on('message', (reply: WorkerReply) => {
  pendingAsync.get(reply.id)?.(reply.responses);
  pendingAsync.delete(reply.id);
  if (pendingAsync.size === 0) async.port1.unref();
});

/** Sends the requests (concurrently when several) and blocks until every answer is in. */
export function sendSync(requests: readonly WireRequest[]): readonly WireResponse[] {
  awaitWorkerStart();
  const id = nextId++;
  const deadline = Date.now() + Math.max(...requests.map((r) => r.timeoutMs)) + 5_000;
  Atomics.store(signal, 0, 0);
  worker.postMessage({ id, requests, sync: true } satisfies WorkerJob);
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error('k6 shim: the HTTP worker did not answer in time');
    Atomics.wait(signal, 0, 0, left);
    const received = receiveMessageOnPort(sync.port1);
    if (received === undefined) continue;
    const reply = received.message as WorkerReply;
    if (reply.id === id) return reply.responses;
  }
}

/** The same, without blocking: for http.asyncRequest. */
export function sendAsync(request: WireRequest): Promise<WireResponse> {
  const id = nextId++;
  async.port1.ref();
  return new Promise((resolve) => {
    pendingAsync.set(id, (responses) => resolve(responses[0]!));
    worker.postMessage({ id, requests: [request], sync: false } satisfies WorkerJob);
  });
}

export function stopHttpWorker(): Promise<number> {
  return worker.terminate();
}
