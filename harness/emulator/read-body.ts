// Speed-tuned: guarded by `npm run bench -- emulator`.
// Reads a request body with callbacks rather than a promise: this is on every request's path.
import type { IncomingMessage } from 'node:http';

export type BodyRead = { readonly bytes: Buffer } | { readonly tooLarge: true };

/** Reads up to `limit` bytes; past it, stops holding what was read and discards the rest unread. */
export function readBody(req: IncomingMessage, limit: number, done: (body: BodyRead) => void, failed: (error: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      chunks.length = 0;
      req.off('data', onData);
      req.resume();
      done({ tooLarge: true });
      return;
    }
    chunks.push(chunk);
  };
  req.on('data', onData);
  req.on('end', () => {
    if (size <= limit) done({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
  });
  req.on('error', failed);
}
