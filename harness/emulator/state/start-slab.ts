// Speed-tuned: guarded by `npm run bench -- memory`.
// Remembered starts packed into typed arrays, addressed by a sequence number that only grows: the
// oldest start is always the lowest live number, so "forget the oldest" is moving a cursor, and
// storage comes and goes in chunks. About 40 bytes a start, against several hundred for an object
// or a string per start, which is what lets a million tokens fit in well under 500 MB.
import type { ShardedMap } from './sharded-map.ts';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

interface Chunk {
  readonly ids: Uint8Array; // 16 bytes of ContactId UUID per start
  readonly times: Float64Array; // createdAt
  readonly tokens: (string | undefined)[]; // the key, to unlink it from the index when forgotten
  readonly scopes: (ShardedMap<number> | undefined)[];
  readonly fingerprints: Map<number, string>; // strict mode only: rare, so sparse
}

const HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The value of a lowercase hex digit's character code. */
const nibble = (c: number) => (c <= 0x39 ? c - 0x30 : c - 0x57);

export class StartSlab {
  private readonly chunks = new Map<number, Chunk>();
  /** The lowest live sequence number, and the next one to hand out. */
  head = 0;
  tail = 0;

  static accepts(contactId: string): boolean {
    return HEX.test(contactId);
  }

  private chunk(seq: number): Chunk {
    const n = seq >>> CHUNK_BITS;
    let c = this.chunks.get(n);
    if (!c) {
      c = { ids: new Uint8Array(CHUNK * 16), times: new Float64Array(CHUNK), tokens: new Array(CHUNK), scopes: new Array(CHUNK), fingerprints: new Map() };
      this.chunks.set(n, c);
    }
    return c;
  }

  push(token: string, scope: ShardedMap<number>, contactId: string, createdAt: number, fingerprint: string): number {
    const seq = this.tail++;
    const c = this.chunk(seq);
    const i = seq & MASK;
    for (let b = 0, at = 0; b < 16; b++, at += 2) {
      if (at === 8 || at === 13 || at === 18 || at === 23) at++; // the dashes
      c.ids[i * 16 + b] = (nibble(contactId.charCodeAt(at)) << 4) | nibble(contactId.charCodeAt(at + 1));
    }
    c.times[i] = createdAt;
    c.tokens[i] = token;
    c.scopes[i] = scope;
    if (fingerprint !== '') c.fingerprints.set(i, fingerprint);
    return seq;
  }

  createdAt(seq: number): number {
    return this.chunks.get(seq >>> CHUNK_BITS)!.times[seq & MASK]!;
  }

  contactId(seq: number): string {
    const c = this.chunks.get(seq >>> CHUNK_BITS)!;
    let hex = '';
    for (let b = 0; b < 16; b++) hex += c.ids[(seq & MASK) * 16 + b]!.toString(16).padStart(2, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  fingerprint(seq: number): string {
    return this.chunks.get(seq >>> CHUNK_BITS)!.fingerprints.get(seq & MASK) ?? '';
  }

  /** Forgets the oldest start; returns its token and scope so the caller can unlink them. */
  shift(): { token: string; scope: ShardedMap<number>; seq: number } | undefined {
    if (this.head >= this.tail) return undefined;
    const seq = this.head++;
    const n = seq >>> CHUNK_BITS;
    const c = this.chunks.get(n)!;
    const i = seq & MASK;
    const out = { token: c.tokens[i]!, scope: c.scopes[i]!, seq };
    c.tokens[i] = undefined;
    c.scopes[i] = undefined;
    if (i === MASK || this.head === this.tail) {
      if (i === MASK) this.chunks.delete(n); // the whole chunk is behind the cursor now
    }
    return out;
  }

  get size(): number {
    return this.tail - this.head;
  }

  clear(): void {
    this.chunks.clear();
    this.head = this.tail = 0;
  }
}
