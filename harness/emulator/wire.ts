// restJson1 on the wire, as the AWS SDKs parse it (docs/contract.md §1): every response carries
// x-amzn-RequestId; an error carries x-amzn-ErrorType and a JSON body with "Message".
import type { IncomingMessage, ServerResponse } from 'node:http';
import { endSoon, isAnswered } from './end-soon.ts';

export { isAnswered };

export interface WireError {
  readonly name: string;
  readonly status: number;
  readonly message: string;
}

/** `asciiOnly`: the caller knows the body is ASCII, so its length is its byte length (no scan). */
export function sendJson(res: ServerResponse, status: number, body: string, requestId: string, extra?: Record<string, string>, asciiOnly = false): void {
  if (isAnswered(res) || res.destroyed) return;
  const headers = {
    'content-type': 'application/json',
    'content-length': asciiOnly ? body.length : Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  };
  endSoon(res, status, extra === undefined ? headers : Object.assign(headers, extra), body);
}

export function errorBody(error: WireError): string {
  return JSON.stringify({ Message: error.message });
}

export function sendError(res: ServerResponse, error: WireError, requestId: string, extra?: Record<string, string>): void {
  sendJson(res, error.status, errorBody(error), requestId, { 'x-amzn-errortype': error.name, ...extra });
}

/** How much of a refused request's body is read and thrown away before its connection is closed. */
export interface DiscardBounds {
  readonly bytes: number;
  readonly ms: number;
}

/** Enough for any upload an SDK makes to this API, and a bound on what a hostile client costs. */
export const DISCARD_BOUNDS: DiscardBounds = { bytes: 64 * 1024 * 1024, ms: 10_000 };

/**
 * Answers `error` and closes the connection once the request's body has been read, up to `bounds`.
 * Closing a socket that still holds unread bytes makes the kernel answer with a reset, and a client
 * still uploading (Node's http client, so the SDKs) then sees EPIPE or ECONNRESET instead of the
 * answer it was sent. So the answer is written whole at once (its length is declared: the client
 * can read it before it has finished sending), the rest of the body is read and dropped, and only
 * then does the response end, which closes the connection (`connection: close`). Past the bounds
 * (a client sending gigabytes, or stalling) it ends anyway.
 */
/** The responses reading and dropping the rest of a body, and how to stop each. */
const discarding = new WeakMap<ServerResponse, () => void>();

/**
 * Stops reading the rest of `res`'s request body and ends `res` (whose answer is out already), if
 * `res` is doing that; false otherwise.
 */
export function stopDiscarding(res: ServerResponse): boolean {
  const stop = discarding.get(res);
  stop?.();
  return stop !== undefined;
}

export function sendErrorAndClose(req: IncomingMessage, res: ServerResponse, error: WireError, requestId: string, bounds: DiscardBounds = DISCARD_BOUNDS): void {
  if (isAnswered(res) || res.destroyed) return;
  const body = errorBody(error);
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': error.name,
    connection: 'close',
  });
  if (req.complete) {
    res.end(body);
    return;
  }
  res.write(body);
  let discarded = 0;
  const stop = () => {
    discarding.delete(res);
    clearTimeout(timer);
    req.off('data', count);
    req.off('end', stop);
    req.off('close', stop);
    if (!res.writableEnded) res.end();
  };
  const count = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > bounds.bytes) stop();
  };
  const timer = setTimeout(stop, bounds.ms);
  timer.unref();
  discarding.set(res, stop);
  req.on('data', count);
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
}

/** A complete HTTP/1.1 error response for a raw socket, when Node's parser refused the request. */
export function rawErrorResponse(error: WireError, requestId: string): string {
  const body = errorBody(error);
  return [
    `HTTP/1.1 ${error.status} ${error.name}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    `x-amzn-requestid: ${requestId}`,
    `x-amzn-errortype: ${error.name}`,
    'connection: close',
    '',
    body,
  ].join('\r\n');
}
