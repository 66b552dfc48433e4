// Which failures are "the same finding": same grade, same rule at the same site, same kind of answer.
// A site is a member path with map keys and list positions generalised, so a hundred oversized
// attribute values under different keys are one finding, while a refusal of `.` in keys and an
// acceptance of it are two.
import { pathTokens } from '../contract/index.ts';
import type { Finding, Verdict } from './check.ts';

/** Members whose next path token is a map key or a list position, not a member name. */
const keyedMembers = new Set(['Attributes', 'References', 'SegmentAttributes', 'ValueMap', 'ValueList']);

/** Levels of segment attribute values, which nest to any depth: one site whatever the depth. */
const nestingMembers = new Set(['ValueMap', 'ValueList']);

/** `/Attributes/abc/…` → `/Attributes/*` …: the member path a rule applies at. */
export function siteOf(path: string): string {
  const tokens = pathTokens(path);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i > 0 && keyedMembers.has(tokens[i - 1]!)) {
      out.push('*');
    } else if (nestingMembers.has(token)) {
      // ValueMap/k/ValueList/0/… at any depth is one nested level, written once.
      if (out.at(-2) !== '…') out.push('…');
      else out.pop();
    } else out.push(token);
  }
  return out.length === 0 ? '(request)' : `/${out.join('/')}`;
}

export function groupKey(verdict: Extract<Verdict, { ok: false }>, tag: Finding['tag'] | undefined): string {
  const where = tag ? `${tag.rule} at ${siteOf(tag.path)}` : 'any case';
  return `${verdict.grade}: ${where}: ${verdict.answer}`;
}
