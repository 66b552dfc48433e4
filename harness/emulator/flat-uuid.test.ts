// The ids written byte by byte (flat-uuid.ts) against the plain way of formatting the same bytes,
// and against randomUUID()'s shape.
import { randomUUID } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import { flatUuid, formatUuid } from './flat-uuid.ts';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The plain way: set the version and variant bits, hex, dashes. */
function plain(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

test.prop([fc.uint8Array({ minLength: 16, maxLength: 48 }), fc.nat(32)])('formats any 16 bytes as the plain formatting does', (bytes, at) => {
  const from = Math.min(at, bytes.length - 16);
  const out = Buffer.alloc(36);
  formatUuid(bytes, from, out);
  expect(out.toString('latin1')).toBe(plain(bytes.subarray(from, from + 16)));
});

it('makes version 4 UUIDs shaped as randomUUID() makes them, none repeated, across refills', () => {
  expect(randomUUID()).toMatch(V4);
  const seen = new Set<string>();
  for (let i = 0; i < 20_000; i++) {
    const id = flatUuid();
    expect(id).toMatch(V4);
    seen.add(id);
  }
  expect(seen.size).toBe(20_000);
  // Every hex digit turns up in every free position: the bytes are random, not a counter.
  const digits = new Set([...seen].map((id) => id[35]));
  expect(digits.size).toBe(16);
});
