// Speed-tuned: guarded by `npm run bench -- emulator`.
//
// Random (version 4) UUIDs as flat strings, for the ids the emulator makes on every request (the
// request id) and every start (the ContactId). Node's randomUUID() builds its result by
// concatenation, so each id is a tree of string pieces (about 600 bytes, some 1 KB a request with
// both ids) until something flattens it. Here the random bytes come from the same source in
// batches (crypto.randomFillSync, as randomUUID's own cache does) and each id is written out as 36
// ASCII bytes and read as one string: 56 bytes. flat-uuid.test.ts checks the layout against the
// plain formatting and randomUUID's shape.
import { randomFillSync } from 'node:crypto';

/** Ids per refill of the random bytes. */
const BATCH = 128;
const random = Buffer.alloc(16 * BATCH);
let next = BATCH;
const HEX = Buffer.from('0123456789abcdef', 'latin1');
const text = Buffer.alloc(36);

/** Writes the 16 bytes at `from` as a version 4, variant 10xx UUID into `out` (36 bytes). */
export function formatUuid(bytes: Uint8Array, from: number, out: Uint8Array): void {
  let o = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out[o++] = 0x2d;
    let b = bytes[from + i]!;
    if (i === 6) b = (b & 0x0f) | 0x40;
    else if (i === 8) b = (b & 0x3f) | 0x80;
    out[o++] = HEX[b >> 4]!;
    out[o++] = HEX[b & 15]!;
  }
}

export function flatUuid(): string {
  if (next === BATCH) {
    randomFillSync(random);
    next = 0;
  }
  formatUuid(random, 16 * next++, text);
  return text.toString('latin1');
}
