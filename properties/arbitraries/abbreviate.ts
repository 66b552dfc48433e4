import { sensitiveMemberNames } from '../../harness/contract/index.ts';
import { codePointCount } from './codePointCount.ts';
import { utf8Bytes } from './utf8Bytes.ts';

/** Strings longer than this many code points print as a head and their measures. */
const HEAD = 24;

function text(s: string): string {
  const n = codePointCount(s);
  if (n <= HEAD * 2) return JSON.stringify(s);
  return `${JSON.stringify([...s].slice(0, HEAD).join(''))}…(${n} cp, ${utf8Bytes(s)} B)`;
}

/**
 * A JSON-like rendering of a value for counterexamples and reports: a 32 KB attribute prints as its
 * first characters with its code point and byte counts, so a failing law stays readable. Sensitive
 * members print as their measures only.
 */
export function abbreviate(value: unknown): string {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return `[${value.map(abbreviate).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value).map((k) => {
      const v = (value as Record<string, unknown>)[k];
      // A sensitive member (Description) prints as its measures only, as every report must.
      const shown = sensitiveMemberNames.has(k) && typeof v === 'string' ? `<sensitive: ${codePointCount(v)} cp, ${utf8Bytes(v)} B>` : abbreviate(v);
      return `${text(k)}:${shown}`;
    });
    return `{${entries.join(',')}}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
}
