// How a law prints what it found: requests abbreviated, JSON Pointers with long keys cut, so that a
// failing law on a 32 KB attribute map still fits on a screen.
import fc from 'fast-check';
import { pathTokens, type Violation, abbreviate } from '../harness/contract/index.ts';

const TOKEN_MAX = 40;

/** A JSON Pointer with each long token cut to its head and its length. */
export function shortPath(path: string): string {
  if (path === '') return '""';
  return pathTokens(path)
    .map((t) => (t.length > TOKEN_MAX ? `${t.slice(0, TOKEN_MAX / 2)}…(${t.length} units)` : t))
    .map((t) => `/${t}`)
    .join('');
}

/** Violations as "rule at /path" lines; with `measures`, also the limit crossed and what was found. */
export function described(violations: readonly Violation[], measures = false): string[] {
  return violations.map((v) => {
    const line = `${v.rule} at ${shortPath(v.path)}`;
    return measures && typeof v.limit === 'number' ? `${line} (limit ${v.limit}, found ${String(v.actual)})` : line;
  });
}

/** The request, wrapped so that fast-check prints it abbreviated in a counterexample. */
export function printable<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<{ readonly request: T }> {
  return arbitrary.map((request) => {
    const out = { request };
    Object.defineProperty(out, fc.toStringMethod, { value: () => `{request: ${abbreviate(request)}}` });
    return out;
  });
}
