// Which failures are "the same finding": same grade, same rule at the same site, same kind of answer.
// A site is a member path with map keys and list positions generalised, so a hundred oversized
// attribute values under different keys are one finding, while a refusal of `.` in keys and an
// acceptance of it are two.
import { pathTokens } from '../contract/index.ts';
import type { Finding, Verdict } from './check.ts';

/** Members whose next path token is a map key or a list position, not a member name. */
const keyedMembers = new Set(['Attributes', 'References', 'SegmentAttributes', 'ValueMap', 'ValueList']);

/** `/Attributes/abc/…` → `/Attributes/*` …: the member path a rule applies at. */
export function siteOf(path: string): string {
  const tokens = pathTokens(path);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(i > 0 && keyedMembers.has(tokens[i - 1]!) ? '*' : tokens[i]!);
  }
  return out.length === 0 ? '(request)' : `/${out.join('/')}`;
}

export function groupKey(verdict: Extract<Verdict, { ok: false }>, tag: Finding['tag'] | undefined): string {
  const where = tag ? `${tag.rule} at ${siteOf(tag.path)}` : 'any case';
  return `${verdict.grade}: ${where}: ${verdict.answer}`;
}
