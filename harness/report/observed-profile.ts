// `report --profile FILE`: the observed profile (conformance --observe, profiles/observed.json)
// beside which divergences are shown: what the target was seen to answer for the divergence's rule.
// Read loosely: only what the report prints, sanitised like every other input.
import { sanitiseForReport } from './sanitise.ts';
import { ReportInputError } from './inputs.ts';

export interface ObservedProfile {
  readonly name: string;
  readonly entries: Readonly<Record<string, { readonly error?: string; readonly status?: number; readonly source?: string }>>;
  readonly evidence: Readonly<Record<string, { readonly cases?: number; readonly agreed?: boolean; readonly accepted?: boolean }>>;
  readonly disagreements: Readonly<Record<string, unknown>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseObservedProfile(source: string, text: string): ObservedProfile {
  let value: unknown;
  try {
    value = sanitiseForReport(JSON.parse(text));
  } catch {
    throw new ReportInputError(`--profile ${source}: not JSON`);
  }
  if (!isObject(value) || !isObject(value.entries)) throw new ReportInputError(`--profile ${source}: not a profile (no "entries")`);
  return {
    name: typeof value.name === 'string' ? value.name : source,
    entries: value.entries as ObservedProfile['entries'],
    evidence: isObject(value.evidence) ? (value.evidence as ObservedProfile['evidence']) : {},
    disagreements: isObject(value.disagreements) ? value.disagreements : {},
  };
}
