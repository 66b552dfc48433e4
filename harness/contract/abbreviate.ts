// The one rendering of a request or answer for a person: counterexamples in property failures,
// conformance and diff reports. A 32 KB attribute prints as its first characters with its code
// point and byte counts, long maps and lists as their first entries and a count, and a sensitive
// member (Description, tokens) as its measures only, so that no report can leak it.
import { sensitiveMemberNames } from './sensitive.ts';
import { codePointLength, utf8ByteLength } from './unicode.ts';

/** Strings longer than twice this many code points print as a head and their measures. */
const HEAD = 24;
/** Map entries and list items shown before "…(N more)". */
const MAX_ENTRIES = 12;
/** Deeper values print as "…". */
const MAX_DEPTH = 6;

function text(s: string): string {
  const n = codePointLength(s);
  if (n <= HEAD * 2) return JSON.stringify(s);
  return `${JSON.stringify([...s].slice(0, HEAD).join(''))}…(${n} cp, ${utf8ByteLength(s)} B)`;
}

function render(value: unknown, depth: number): string {
  if (typeof value === 'string') return text(value);
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? String(value);
  if (depth > MAX_DEPTH) return '…';
  const more = (total: number) => (total > MAX_ENTRIES ? [`…(${total - MAX_ENTRIES} more)`] : []);
  if (Array.isArray(value)) return `[${[...value.slice(0, MAX_ENTRIES).map((v) => render(v, depth + 1)), ...more(value.length)].join(',')}]`;
  const keys = Object.keys(value);
  const entries = keys.slice(0, MAX_ENTRIES).map((k) => {
    const v = (value as Record<string, unknown>)[k];
    const shown = sensitiveMemberNames.has(k) && typeof v === 'string' ? `<sensitive: ${codePointLength(v)} cp, ${utf8ByteLength(v)} B>` : render(v, depth + 1);
    return `${text(k)}:${shown}`;
  });
  return `{${[...entries, ...more(keys.length)].join(',')}}`;
}

/** A JSON-like, bounded rendering of `value` (not JSON: long strings carry their measures). */
export function abbreviate(value: unknown): string {
  return render(value, 0);
}
