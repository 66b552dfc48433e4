// Graceful close (SIGTERM, SIGINT, close()). Stop accepting connections; answer every request
// already received; from then on every answer says `connection: close`, a request that still
// arrives on an open connection is refused with a retryable 503 (server.ts), never met with
// silence, and connections are closed once idle. What a stop must never do is cut a request whose
// body is in: its handler has run, it may have started a contact, and only its answer tells the
// client which one. So those are awaited however long their injected latency or their store takes;
// the drain timeout only cuts requests still being received (a client too slow to send its body),
// and those get the 503 too.
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server as NetServer } from 'node:net';
import type { ConnectionTracker } from './connections.ts';
import { isAnswered, rawErrorResponse, sendError, stopDiscarding, type WireError } from './wire.ts';

export interface DrainSettings {
  /** How long requests still being received may take before they are refused. */
  readonly timeoutMs: number;
  /**
   * How long a connection must have been quiet before it is closed. A client that has just read an
   * answer may already be sending its next request on the same connection (an answer that went out
   * before the close began said keep-alive); closing under it would lose that request unanswered,
   * so it is given this long to arrive and be refused with the 503.
   */
  readonly graceMs: number;
  /** The answer to a request refused because the server is stopping. */
  readonly refusal: WireError;
}

/** After a connection has been asked to end, how long its peer has before it is cut. */
const LINGER_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cutSoon(socket: { destroy(): void }): void {
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** Resolves once every connection is closed and every answer owed has gone out. */
export async function drain(server: Server, tracker: ConnectionTracker, settings: DrainSettings): Promise<void> {
  // Answers not written yet (those of this very turn included: end-soon.ts) say the connection closes.
  for (const res of tracker.owed()) if (!res.headersSent) res.setHeader('connection', 'close');

  let quiet: NodeJS.Timeout | undefined;
  const closeQuietConnections = () => {
    clearTimeout(quiet);
    const wait = Math.max(0, settings.graceMs - (performance.now() - tracker.lastAnswerAt));
    quiet = setTimeout(() => closeIdle(server, tracker), wait);
  };
  tracker.onAnswered = closeQuietConnections;

  // Connections the kernel has completed but the server has not accepted yet hold requests too
  // (their clients sent them as soon as they connected), and closing the listener resets them
  // unanswered. A full turn of the event loop first accepts what is waiting (libuv accepts until
  // the queue is empty), and those requests get the 503 like any other arriving now.
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  // Only now, after a poll phase has read what is already in the sockets' buffers: a connection
  // whose first bytes had arrived but not been read yet would otherwise look unused and be closed
  // under its request (closeIdle destroys connections that have read nothing).
  closeQuietConnections();
  // net.Server's close, not http.Server's: the latter also destroys every idle keep-alive connection
  // at once (racing a request that may be on its way) and stops the header and request timeouts,
  // which must keep cutting slow clients while the server drains.
  NetServer.prototype.close.call(server);

  const deadline = performance.now() + settings.timeoutMs;
  let cut = false;
  try {
    while (tracker.owedAnswers > 0 || tracker.size > 0) {
      if (!cut && performance.now() >= deadline) {
        cut = true;
        refuseSlowRequests(server, tracker, settings.refusal);
      }
      await sleep(10);
    }
  } finally {
    clearTimeout(quiet);
    tracker.onAnswered = undefined;
  }
  // Stops the timeouts check that net.Server's close left running (nothing is left to close).
  server.close();
}

function closeIdle(server: Server, tracker: ConnectionTracker): void {
  // Node's own notion of idle: no answer owed and no request half-received...
  server.closeIdleConnections();
  // ...which counts a connection that has sent nothing yet as a request begun (its headers timeout
  // runs from the connect). Nothing has been sent on it: nothing can be lost by closing it.
  for (const socket of tracker.sockets()) if (socket.bytesRead === 0 && tracker.owedOn(socket).length === 0) socket.destroy();
}

/** At the drain timeout: requests still being received are refused; complete ones keep waiting. */
function refuseSlowRequests(server: Server, tracker: ConnectionTracker, refusal: WireError): void {
  closeIdle(server, tracker);
  for (const res of tracker.owed()) {
    if (res.req.complete) continue;
    // Not answered yet: the 503. Answered (refused before its body was read): stop reading the body.
    if (!isAnswered(res)) sendError(res, refusal, randomUUID(), { connection: 'close' });
    else stopDiscarding(res);
    cutSoon(res.req.socket);
  }
  for (const socket of tracker.sockets()) {
    if (socket.destroyed || tracker.owedOn(socket).length > 0) continue;
    // Nothing handed over yet: a request line or headers still arriving.
    if (socket.writable) socket.end(rawErrorResponse(refusal, randomUUID()));
    cutSoon(socket);
  }
}
