// Node's randomUUID() builds its result by concatenation, so each id is a tree of string pieces
// (about 600 bytes) until something flattens it. Ids the emulator keeps (contacts, remembered
// starts) are made flat from the start: 56 bytes each.
import { randomUUID } from 'node:crypto';

const scratch = Buffer.alloc(36);

export function flatUuid(): string {
  scratch.write(randomUUID(), 'latin1');
  return scratch.toString('latin1');
}
