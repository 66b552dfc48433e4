// restJson1 on the wire, as the AWS SDKs parse it (docs/contract.md §1): every response carries
// x-amzn-RequestId; an error carries x-amzn-ErrorType and a JSON body with "Message".
import type { ServerResponse } from 'node:http';
import { endSoon } from './end-soon.ts';

export interface WireError {
  readonly name: string;
  readonly status: number;
  readonly message: string;
}

/** `asciiOnly`: the caller knows the body is ASCII, so its length is its byte length (no scan). */
export function sendJson(res: ServerResponse, status: number, body: string, requestId: string, extra?: Record<string, string>, asciiOnly = false): void {
  if (res.headersSent || res.destroyed) return;
  const headers = {
    'content-type': 'application/json',
    'content-length': asciiOnly ? body.length : Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  };
  res.writeHead(status, extra === undefined ? headers : Object.assign(headers, extra));
  endSoon(res, body);
}

export function errorBody(error: WireError): string {
  return JSON.stringify({ Message: error.message });
}

export function sendError(res: ServerResponse, error: WireError, requestId: string, extra?: Record<string, string>): void {
  sendJson(res, error.status, errorBody(error), requestId, { 'x-amzn-errortype': error.name, ...extra });
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
