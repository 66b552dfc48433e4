// Speed-tuned: guarded by `npm run bench -- emulator`.
// Responses are ended together at the close of the event-loop turn that produced them, not one at
// a time. Under load the poll phase hands the server many requests at once; writing each answer as
// soon as it is ready wakes the client's reader once per answer, and on a virtual machine such a
// wake-up (an inter-processor interrupt, a VM exit) is paid inside the write: profiled at 15 to
// 20 µs per answer, against about 3 µs when the turn's answers go out back to back and wake the
// reader about once. What it costs a request: the rest of its turn, which under light load is
// nothing.
//
// The status line and headers are written then too, not when the answer is made: until the end of
// the turn an answer can still be told to close its connection (a graceful stop has begun, or the
// rest of its request turned out to be broken framing).
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

const responses: ServerResponse[] = [];
const statuses: number[] = [];
const heads: OutgoingHttpHeaders[] = [];
const bodies: string[] = [];
const queued = new WeakSet<ServerResponse>();

function endAll(): void {
  for (let i = 0; i < responses.length; i++) {
    const res = responses[i]!;
    queued.delete(res);
    try {
      if (!res.destroyed && !res.headersSent) {
        res.writeHead(statuses[i]!, heads[i]);
        res.end(bodies[i]);
      }
    } catch {
      res.destroy(); // not answerable any more; the others still are
    }
  }
  responses.length = 0;
  statuses.length = 0;
  heads.length = 0;
  bodies.length = 0;
}

/** Answers `res` once the current turn's other requests have had their turn. */
export function endSoon(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string): void {
  if (responses.length === 0) setImmediate(endAll);
  queued.add(res);
  responses.push(res);
  statuses.push(status);
  heads.push(headers);
  bodies.push(body);
}

/** Whether `res` has been answered: written, or waiting for the end of the turn. */
export function isAnswered(res: ServerResponse): boolean {
  return res.headersSent || queued.has(res);
}
