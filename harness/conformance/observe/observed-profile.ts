// From observations to a profile file `--profile` reads (contract/profile-file.ts), merged into what
// an earlier run wrote. Per condition exercised now: the evidence of both runs is added up per
// distinct answer (status, error, message template) and agreement is judged over the union. An
// entry (`source: "observed"`, `allowed: [error]`) is written only where every case agreed on one
// error; a condition with two or more answers is a disagreement instead (its old entry, if any, is
// removed: the target is not known to answer one way), and one accepted by every case is evidence
// only (`accepted: true`; the profile describes errors). Conditions not exercised now, and keys this
// module does not write (`limits`, …), stay as they were.
import { allConditions, profileFromJson, type Condition } from '../../contract/index.ts';
import { isObject } from '../../contract/json-type.ts';
import { evidenceOf, type ConditionEvidence, type ObservedAnswer, type Observations } from './recorder.ts';

export class ObservedFileError extends Error {
  override readonly name = 'ObservedFileError';
}

export interface Disagreement {
  readonly condition: Condition;
  readonly answers: readonly ObservedAnswer[];
  /** The answers of this run differ from those the file held before. */
  readonly conflict: boolean;
}

export interface MergeSummary {
  /** Conditions this run exercised, with the verdict over the union. */
  readonly observed: readonly Condition[];
  readonly agreed: readonly Condition[];
  readonly disagreed: readonly Disagreement[];
  readonly accepted: readonly { readonly condition: Condition; readonly cases: number }[];
}

const answerKey = (a: Pick<ObservedAnswer, 'status' | 'error' | 'message'>) => JSON.stringify([a.status, a.error, a.message]);

function isAnswer(raw: unknown): raw is ObservedAnswer {
  return isObject(raw) && typeof raw.status === 'number' && typeof raw.cases === 'number'
    && (raw.error === null || typeof raw.error === 'string') && (raw.message === null || typeof raw.message === 'string');
}

/** An earlier run's evidence for one condition; an error naming the key when it is not what this module writes. */
function evidenceFrom(condition: string, raw: unknown): ConditionEvidence {
  if (!isObject(raw) || !Array.isArray(raw.answers) || !raw.answers.every(isAnswer) || typeof raw.firstSeen !== 'string' || typeof raw.lastSeen !== 'string') {
    throw new ObservedFileError(`evidence.${condition}: expected {answers: [{status, error, message, cases}], firstSeen, lastSeen, …}`);
  }
  return raw as unknown as ConditionEvidence;
}

/** Checks that `json` is a profile file this module can merge into (before a run, not after it). */
export function checkMergeable(json: unknown): Record<string, unknown> {
  if (!isObject(json)) throw new ObservedFileError('expected a JSON object (a profile file)');
  for (const key of ['entries', 'evidence', 'disagreements']) {
    if (json[key] !== undefined && !isObject(json[key])) throw new ObservedFileError(`${key}: expected an object`);
  }
  const evidence = (json.evidence ?? {}) as Record<string, unknown>;
  for (const [condition, raw] of Object.entries(evidence)) evidenceFrom(condition, raw);
  // The entries as `--profile` reads them (the other top-level keys are not this check's business).
  try {
    profileFromJson({ entries: json.entries ?? {} });
  } catch (error) {
    throw new ObservedFileError((error as Error).message);
  }
  return json;
}

/** A hand-written (or older) entry without evidence, as one answer of no counted case. */
function entryAnswer(condition: Condition, raw: unknown): ObservedAnswer | undefined {
  if (raw === undefined) return undefined;
  const entry = profileFromJson({ entries: { [condition]: raw } }).entries[condition];
  return { status: entry.status, error: entry.error, message: entry.message, cases: 0 };
}

function union(old: readonly ObservedAnswer[], now: readonly ObservedAnswer[]): ObservedAnswer[] {
  const byKey = new Map<string, ObservedAnswer>();
  for (const a of [...old, ...now]) {
    const previous = byKey.get(answerKey(a));
    byKey.set(answerKey(a), { status: a.status, error: a.error, message: a.message, cases: (previous?.cases ?? 0) + a.cases });
  }
  return [...byKey.values()];
}

const earlier = (a: string, b: string) => (a < b ? a : b);

function merged(previous: ConditionEvidence | undefined, oldEntry: ObservedAnswer | undefined, now: ConditionEvidence): ConditionEvidence {
  const oldAnswers = previous?.answers ?? (oldEntry ? [oldEntry] : []);
  const withheld = (previous?.withheld ?? 0) + (now.withheld ?? 0);
  return evidenceOf({
    answers: union(oldAnswers, now.answers),
    firstSeen: previous ? earlier(previous.firstSeen, now.firstSeen) : now.firstSeen,
    lastSeen: previous && previous.lastSeen > now.lastSeen ? previous.lastSeen : now.lastSeen,
    endpoint: now.endpoint,
    region: now.region,
    ...(withheld ? { withheld } : {}),
  });
}

/** `record` with its keys in the profile's condition order, the unknown ones last. */
function ordered<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const rank = (k: string) => {
    const i = (allConditions as readonly string[]).indexOf(k);
    return i === -1 ? allConditions.length : i;
  };
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => rank(a) - rank(b)));
}

const defaultName = (observed: Observations) => {
  const first = Object.values(observed)[0];
  return first ? `observed: ${first.endpoint} (${first.region})` : 'observed';
};

/** The profile file after this run: `existing` (a checked earlier file, or undefined) with `observed` merged in. */
export function mergeObserved(existing: Record<string, unknown> | undefined, observed: Observations): { profile: Record<string, unknown>; summary: MergeSummary } {
  const base = existing ? checkMergeable(existing) : {};
  const entries: Record<string, unknown> = { ...((base.entries as Record<string, unknown> | undefined) ?? {}) };
  const evidence: Record<string, unknown> = { ...((base.evidence as Record<string, unknown> | undefined) ?? {}) };
  const disagreements: Record<string, unknown> = { ...((base.disagreements as Record<string, unknown> | undefined) ?? {}) };
  const summary = { observed: [] as Condition[], agreed: [] as Condition[], disagreed: [] as Disagreement[], accepted: [] as { condition: Condition; cases: number }[] };
  for (const condition of allConditions) {
    const now = observed[condition];
    if (!now) continue;
    summary.observed.push(condition);
    const previous = evidence[condition] === undefined ? undefined : evidenceFrom(condition, evidence[condition]);
    const oldEntry = previous ? undefined : entryAnswer(condition, entries[condition]);
    const union = merged(previous, oldEntry, now);
    evidence[condition] = union;
    delete entries[condition];
    delete disagreements[condition];
    const [only] = union.answers;
    if (!union.agreed || !only) {
      const oldKeys = new Set((previous?.answers ?? (oldEntry ? [oldEntry] : [])).map(answerKey));
      const newKeys = new Set(now.answers.map(answerKey));
      const conflict = oldKeys.size > 0 && [...union.answers].some((a) => !oldKeys.has(answerKey(a)) || !newKeys.has(answerKey(a)));
      disagreements[condition] = { answers: union.answers };
      summary.disagreed.push({ condition, answers: union.answers, conflict });
    } else if (union.accepted) {
      summary.accepted.push({ condition, cases: union.cases });
    } else if (only.error !== null && only.message !== null && only.status >= 400 && only.status <= 599) {
      entries[condition] = { error: only.error, status: only.status, message: only.message, allowed: [only.error], source: 'observed' };
      summary.agreed.push(condition);
    }
  }
  const { name, description, entries: _e, evidence: _v, disagreements: _d, ...rest } = base;
  const profile: Record<string, unknown> = {
    name: typeof name === 'string' ? name : defaultName(observed),
    description: typeof description === 'string'
      ? description
      : 'Recorded by connect-harness conformance --observe: an entry for each condition on whose answer every observed case agreed; the counts are under "evidence", conditions answered more than one way under "disagreements".',
    entries: ordered(entries),
    ...rest,
    evidence: ordered(evidence),
    disagreements: ordered(disagreements),
  };
  return { profile, summary };
}

function describeAnswer(a: ObservedAnswer): string {
  const what = a.status === 200 ? '200 accepted' : `${a.status} ${a.error ?? '?'} "${a.message ?? ''}"`;
  return `${what} ×${a.cases}`;
}

/** The console lines after a run: one summary line, then one per disagreement and per accepted condition. */
export function summaryLines(summary: MergeSummary, file: string, withheld = 0): string {
  const lines = [
    `Observed ${summary.observed.length} condition${summary.observed.length === 1 ? '' : 's'} (${summary.agreed.length} agreed, ${summary.disagreed.length} disagreed, ${summary.accepted.length} accepted) → ${file}`
      + (withheld ? ` (${withheld} case${withheld === 1 ? '' : 's'} left out: the message could echo a sensitive value)` : ''),
  ];
  for (const d of summary.disagreed) {
    lines.push(`  disagreed: ${d.condition}${d.conflict ? ' (differs from what the file held)' : ''}: ${d.answers.map(describeAnswer).join('; ')}`);
  }
  for (const a of summary.accepted) lines.push(`  accepted: ${a.condition}: all ${a.cases} case${a.cases === 1 ? '' : 's'} accepted, the target does not enforce it`);
  return `${lines.join('\n')}\n`;
}
