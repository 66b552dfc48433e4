// Node answers some requests itself, before the request handler sees them, with a bare status line
// or an empty body: bytes it cannot parse (400), a request line and headers over its limit (431), a
// client too slow (408), an HTTP/1.1 request without Host (400), an Expect other than 100-continue
// (417), CONNECT and upgrades (a dropped connection). The service answers everything the same way:
// JSON with x-amzn-ErrorType and a request id (docs/contract.md §1). So each of those is answered
// here instead, with the contract's error for it.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { errorForCondition, type FidelityProfile } from '../contract/index.ts';
import type { ConnectionTracker } from './connections.ts';
import { isAnswered, rawErrorResponse, sendError, sendErrorAndClose, stopDiscarding, type WireError } from './wire.ts';

/** After a connection has been answered and asked to end, how long its peer has before it is cut. */
const LINGER_MS = 1000;

function clientErrorResponse(profile: FidelityProfile, code: string | undefined): WireError {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return errorForCondition('request-timeout', {}, profile);
  if (code === 'HPE_HEADER_OVERFLOW') return errorForCondition('headers-too-large', {}, profile);
  return errorForCondition('malformed-http', { reason: code ?? 'unknown' }, profile);
}

function endWith(socket: Duplex, bytes: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(bytes);
  setTimeout(() => socket.destroy(), LINGER_MS).unref(); // a peer that never closes its side
}

/** Whether Node would have refused this request for its missing Host header (RFC 9112 §3.2). */
export function lacksHost(req: IncomingMessage): boolean {
  return req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1;
}

export function missingHostError(profile: FidelityProfile): WireError {
  return errorForCondition('malformed-http', { reason: 'no Host header' }, profile);
}

/**
 * Installs the answers on `server` (created with `requireHostHeader: false`; the request handler
 * checks `lacksHost`). Returns the sockets taken out of the HTTP server's hands (CONNECT, upgrades),
 * which its close does not end.
 */
export function answerEarlyRequests(server: Server, profile: FidelityProfile, tracker: ConnectionTracker): Set<Duplex> {
  // A broken parser reports again for every later chunk on the connection: answer once.
  const answered = new WeakSet<Socket>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (answered.has(socket)) return;
    answered.add(socket);
    const wire = clientErrorResponse(profile, error.code);
    const owed = tracker.owedOn(socket);
    const current = owed[owed.length - 1];
    if (current && !current.req.complete) {
      // The request being received is the broken one (a bad chunk, a body too slow): answer it,
      // unless it has its answer already (refused before its body was read: a signature, a size).
      // Either way the connection, whose framing is lost, ends after that answer.
      if (!isAnswered(current)) sendError(current, wire, randomUUID(), { connection: 'close' });
      else if (!current.headersSent) current.setHeader('connection', 'close'); // not written yet: it says so
      else {
        stopDiscarding(current);
        tracker.whenAnswered(socket, () => endWith(socket, ''));
      }
      return;
    }
    // Bytes after complete requests: their answers go first, written as they come, then this one.
    tracker.whenAnswered(socket, () => endWith(socket, rawErrorResponse(wire, randomUUID())));
  });

  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    tracker.request(req, res);
    const expectation = String(req.headers.expect).slice(0, 64);
    sendErrorAndClose(req, res, errorForCondition('unsupported-expectation', { reason: expectation }, profile), randomUUID());
  });

  // CONNECT and protocol upgrades are not part of this API: answer as for any unknown operation and
  // close, rather than letting Node drop the socket or leave the parser in upgrade mode.
  const refused = new Set<Duplex>();
  const refuseSocket = (req: IncomingMessage, socket: Duplex) => {
    const error = errorForCondition('unknown-operation', { reason: `${req.method} ${(req.url ?? '').split('?')[0]}` }, profile);
    refused.add(socket);
    socket.once('close', () => refused.delete(socket));
    socket.on('error', () => socket.destroy());
    endWith(socket, rawErrorResponse(error, randomUUID()));
  };
  server.on('connect', refuseSocket);
  server.on('upgrade', refuseSocket);
  return refused;
}
