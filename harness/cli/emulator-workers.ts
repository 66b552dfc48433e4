// `emulator --workers N`: N processes answering on one port, for a machine with more cores than one
// Node event loop can use. node:cluster, not SO_REUSEPORT: Node 20's net has no reusePort. The
// primary holds the listening socket and hands each new connection to the workers in turn (cluster's
// round-robin policy, the default outside Windows); each worker is the whole emulator
// (startEmulator), so a request is answered exactly as one process answers it. What the workers
// must agree on lives in the store they share (`--store redis://...`; the command refuses the
// memory store with more than one worker).
//
// The primary runs no emulator code. cluster.fork() re-runs this very command line
// (process.argv[1] with process.execArgv), so a worker starts the way the primary did, whatever
// loads TypeScript. Stopping:
//   - SIGTERM or SIGINT to the primary: it tells every worker to stop, over the cluster's message
//     channel rather than by signal, because a terminal's Ctrl-C reaches every process of the
//     group at once, and a signal forwarded on top of it would be each worker's second one (stop
//     at once). A worker takes the first of "stop" and a signal of its own as its first signal, drains
//     as one process does (drain.ts), and exits 0; the primary exits 0 once every worker has.
//   - A second signal to the primary: each worker gets it as its second signal and exits at once;
//     so does the primary.
//   - A worker that exits on its own (a crash, the OOM killer) is reported in one line; the primary
//     stops the others as on SIGTERM and exits 2. It is not restarted: a worker that dies under load
//     is a finding about the emulator, and a replacement would hide it in the very measurement the
//     workers exist for. Under an orchestrator the container's exit is seen and restarted there.
//   - The primary gone (SIGKILL): cluster's workers exit as soon as their channel to it closes.
import cluster, { type Worker } from 'node:cluster';
import type { CommandIo } from './command.ts';

/** Worker → primary. */
export type WorkerMessage = { readonly kind: 'listening'; readonly url: string; readonly summary: string };
/** Primary → worker. */
export type PrimaryMessage = { readonly kind: 'stop'; readonly signal: NodeJS.Signals };

const exitStatusOf = (signal: NodeJS.Signals) => (signal === 'SIGINT' ? 130 : 143);

function isWorkerMessage(message: unknown): message is WorkerMessage {
  return typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'listening';
}

/** Whether this process is a worker forked by `emulator --workers N`. */
export const isEmulatorWorker = (): boolean => cluster.isWorker;

/** How a worker names itself in its lines: "worker 2". */
export const workerName = (): string => `worker ${cluster.worker?.id ?? '?'}`;

/**
 * The primary: forks `count` workers, prints the listening line and the summary once every worker
 * listens, passes stops on, and resolves with the exit status (0, or 2 when a worker died).
 */
export async function runPrimary(count: number, io: CommandIo): Promise<number> {
  const workers: Worker[] = [];
  const listening = new Map<number, WorkerMessage>();
  let stopping: NodeJS.Signals | undefined;
  let failed = false;

  const stopAll = (signal: NodeJS.Signals) => {
    stopping = signal;
    const message: PrimaryMessage = { kind: 'stop', signal };
    // A worker whose channel is already closed is on its way out; the send would only throw.
    for (const worker of workers) if (worker.isConnected()) worker.send(message, () => {});
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping === undefined) {
      io.stderr(`emulator: ${signal}: answering the requests received, refusing new ones with 503 (${signal} again to stop at once)\n`);
      stopAll(signal);
      return;
    }
    io.stderr(`emulator: ${signal} again: stopping without waiting\n`);
    for (const worker of workers) if (!worker.isDead()) worker.process.kill(signal);
    process.exit(exitStatusOf(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    await new Promise<void>((allExited) => {
      let exited = 0;
      for (let i = 0; i < count; i++) {
        const worker = cluster.fork();
        workers.push(worker);
        const pid = worker.process.pid;
        worker.on('message', (message: unknown) => {
          if (!isWorkerMessage(message)) return;
          listening.set(worker.id, message);
          if (listening.size === count && stopping === undefined) announce(io, workers, listening);
        });
        worker.on('exit', (code, signal) => {
          const expected = stopping !== undefined && code === 0;
          if (!expected && !failed) {
            failed = true;
            const how = signal ? `was killed by ${signal}` : `exited with status ${code}`;
            const when = listening.has(worker.id) ? (stopping ? 'while stopping' : 'while serving') : 'before listening';
            io.stderr(`emulator: worker ${worker.id} (pid ${pid}) ${how} ${when}; stopping the others\n`);
            if (stopping === undefined) stopAll('SIGTERM');
          }
          if (++exited === count) allExited();
        });
      }
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  io.stderr(`emulator: stopped (${count} workers)\n`);
  return failed ? 2 : 0;
}

function announce(io: CommandIo, workers: readonly Worker[], listening: ReadonlyMap<number, WorkerMessage>): void {
  const first = listening.get(workers[0]!.id)!;
  io.stdout(`emulator listening on ${first.url}\n`);
  io.stderr(`${first.summary}  workers ${workers.length} (pids ${workers.map((w) => w.process.pid).join(', ')}), sharing port ${new URL(first.url).port}: connections handed to them in turn\n`);
}

/** A worker: tells the primary it listens, with the summary the primary prints once for all. */
export function reportListening(url: string, summary: string): void {
  const message: WorkerMessage = { kind: 'listening', url, summary };
  process.send!(message);
}

/**
 * A worker: resolves with the first stop, the primary's message or a signal of its own (the same
 * stop, seen twice when a terminal signals the whole group). Installed before the emulator starts,
 * so that a stop sent meanwhile is not lost.
 */
export function firstStop(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      process.off('message', onMessage);
      resolve(signal);
    };
    const onMessage = (message: unknown) => {
      if ((message as Partial<PrimaryMessage> | null)?.kind === 'stop') done((message as PrimaryMessage).signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    process.on('message', onMessage);
  });
}

/** A worker, once stopped (or failed to start): closes its channel to the primary, the last thing keeping it alive. */
export function leaveCluster(): void {
  cluster.worker?.disconnect();
}
