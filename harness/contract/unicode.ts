// Speed-tuned: guarded by `npm run bench -- validate`.
// String measures the contract needs, written without TextEncoder or Buffer so that k6 builds
// without either can load this file. Three different counts matter for one string:
//   - JS `.length` counts UTF-16 code units (never what AWS counts);
//   - Smithy @length counts Unicode code points;
//   - the documented byte budgets count UTF-8 bytes.

const HIGH_MIN = 0xd800;
const HIGH_MAX = 0xdbff;
const LOW_MIN = 0xdc00;
const LOW_MAX = 0xdfff;

/** Code points in s. A lone surrogate counts as one (it becomes U+FFFD on the wire). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= HIGH_MIN && c <= HIGH_MAX) {
      const d = s.charCodeAt(i + 1);
      if (d >= LOW_MIN && d <= LOW_MAX) {
        n--;
        i++;
      }
    }
  }
  return n;
}

type Utf8Encoder = { encodeInto(source: string, destination: Uint8Array): { written: number } };
const NativeEncoder = (globalThis as { TextEncoder?: new () => Utf8Encoder }).TextEncoder;
const encoder = NativeEncoder ? new NativeEncoder() : undefined;
/** Strings longer than this are counted natively when the runtime can (short ones gain nothing). */
const NATIVE_FROM = 64;
/** Scratch space is never grown past this: a longer string is counted by the portable loop. */
const NATIVE_UP_TO_UNITS = 1 << 18;
let scratch = new Uint8Array(0);

/**
 * UTF-8 bytes of s. A lone surrogate counts as the 3 bytes of U+FFFD, as TextEncoder writes it.
 * Where the runtime has TextEncoder (Node, newer k6) long strings are counted by its native
 * encodeInto: the portable loop below slows down several times once a process has fed it strings of
 * every internal representation, and budget-sized attribute maps are made of long strings.
 */
export function utf8ByteLength(s: string): number {
  if (encoder !== undefined && s.length > NATIVE_FROM && s.length <= NATIVE_UP_TO_UNITS) {
    // One UTF-16 unit never takes more than 3 bytes (a surrogate pair: 2 units, 4 bytes).
    if (scratch.length < s.length * 3) scratch = new Uint8Array(Math.max(s.length * 3, 4096));
    return encoder.encodeInto(s, scratch).written;
  }
  return portableUtf8ByteLength(s);
}

/** The same count, written without TextEncoder or Buffer: what runtimes without them use. */
export function portableUtf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= HIGH_MIN && c <= HIGH_MAX && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= LOW_MIN && d <= LOW_MAX) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** True when s holds a surrogate without its partner: not representable in UTF-8. */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < HIGH_MIN || c > LOW_MAX) continue;
    if (c > HIGH_MAX) return true; // a low surrogate with no high one before it
    const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    if (d < LOW_MIN || d > LOW_MAX) return true;
    i++;
  }
  return false;
}

/** The first `max` code points of s, for quoting user values in messages without flooding them. */
export function truncateCodePoints(s: string, max: number): string {
  let units = 0;
  for (let cp = 0; cp < max && units < s.length; cp++) {
    const c = s.charCodeAt(units);
    const d = units + 1 < s.length ? s.charCodeAt(units + 1) : 0;
    units += c >= HIGH_MIN && c <= HIGH_MAX && d >= LOW_MIN && d <= LOW_MAX ? 2 : 1;
  }
  return units >= s.length ? s : `${s.slice(0, units)}…`;
}

type MaybeWellFormed = { isWellFormed?: () => boolean };

/**
 * True when s has no lone surrogate. Uses the native String.prototype.isWellFormed (ES2024, several
 * times faster than a loop) where the runtime has it, and the portable loop elsewhere (older k6).
 */
export const isWellFormed: (s: string) => boolean =
  typeof ('' as unknown as MaybeWellFormed).isWellFormed === 'function'
    ? (s) => (s as unknown as Required<MaybeWellFormed>).isWellFormed()
    : (s) => !hasLoneSurrogate(s);
