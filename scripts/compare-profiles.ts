// Compares the committed observed profile with the one a night's `conformance --observe` wrote, and
// says whether the real service still answers as recorded (the nightly drift check, docs/drift.md).
//
//   npx tsx scripts/compare-profiles.ts <committed> <observed>
//
// Exit 0: no drift. 1: drift, each difference printed. 2: usage, a file unreadable, or not a
// profile (contract/profile-file.ts refuses it).
//
// Per condition, what a file records is one of: an entry (error, status, message: compared after
// filling what a hand-written entry leaves out from the defaults, as `--profile` would), a
// disagreement (the distinct answers, status + error + message, compared as a set), acceptance
// (the evidence says every case was accepted), or nothing. Any change between two of those is
// drift, except that a condition the night did not exercise at all ("nothing" tonight) is only
// listed: a run that reached fewer conditions is not the service answering differently. Never
// compared: evidence counts and timestamps, name, description, allowed, source, limits.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { allConditions, isObject, profileFromJson, type Condition } from '../harness/contract/index.ts';

type Recorded =
  | { readonly kind: 'entry'; readonly answer: string }
  | { readonly kind: 'disagreement'; readonly answers: readonly string[] }
  | { readonly kind: 'accepted' }
  | { readonly kind: 'nothing' };

export interface Difference {
  readonly condition: string;
  readonly committed: string;
  readonly observed: string;
}

export interface Comparison {
  /** Drift: the conditions the two files record differently. */
  readonly differences: readonly Difference[];
  /** Recorded in the committed file, not exercised in the observed one (not drift). */
  readonly notObserved: readonly string[];
  /** Recorded the same way in both. */
  readonly same: number;
}

const answerText = (status: unknown, error: unknown, message: unknown) =>
  `${String(status)} ${typeof error === 'string' ? error : '(no error)'} ${JSON.stringify(typeof message === 'string' ? message : '')}`;

function describe(recorded: Recorded): string {
  switch (recorded.kind) {
    case 'entry':
      return recorded.answer;
    case 'disagreement':
      return `answered more than one way: ${recorded.answers.join('; ')}`;
    case 'accepted':
      return 'accepted by every case (no error)';
    case 'nothing':
      return '(nothing recorded)';
  }
}

const sameRecord = (a: Recorded, b: Recorded) => describe(a) === describe(b);

/** The parts of a profile file the comparison reads; ProfileError when it is not a profile `--profile` would load. */
function recordsOf(json: unknown): (condition: string) => Recorded {
  const profile = profileFromJson(json); // validates every key, entry and limit
  const raw = json as Record<string, unknown>;
  const listed = new Set(Object.keys(isObject(raw.entries) ? raw.entries : {}));
  const disagreements = isObject(raw.disagreements) ? raw.disagreements : {};
  const evidence = isObject(raw.evidence) ? raw.evidence : {};
  return (condition) => {
    if (listed.has(condition)) {
      const entry = profile.entries[condition as Condition];
      return { kind: 'entry', answer: answerText(entry.status, entry.error, entry.message) };
    }
    const disagreement = disagreements[condition];
    if (isObject(disagreement) && Array.isArray(disagreement.answers)) {
      const answers = disagreement.answers.map((a: unknown) => (isObject(a) ? answerText(a.status, a.error, a.message) : JSON.stringify(a)));
      return { kind: 'disagreement', answers: [...new Set(answers)].sort() };
    }
    const seen = evidence[condition];
    if (isObject(seen) && seen.accepted === true) return { kind: 'accepted' };
    return { kind: 'nothing' };
  };
}

/** What differs between a committed and an observed profile (parsed JSON); throws ProfileError for a file that is not a profile. */
export function compareProfiles(committedJson: unknown, observedJson: unknown): Comparison {
  const committed = recordsOf(committedJson);
  const observed = recordsOf(observedJson);
  const differences: Difference[] = [];
  const notObserved: string[] = [];
  let same = 0;
  for (const condition of allConditions) {
    const before = committed(condition);
    const now = observed(condition);
    if (before.kind === 'nothing' && now.kind === 'nothing') continue;
    if (sameRecord(before, now)) same++;
    else if (now.kind === 'nothing') notObserved.push(condition);
    else differences.push({ condition, committed: describe(before), observed: describe(now) });
  }
  return { differences, notObserved, same };
}

/** The report a person reads in the job log. */
export function formatComparison(comparison: Comparison, files: { readonly committed: string; readonly observed: string }): string {
  const lines: string[] = [];
  const { differences, notObserved, same } = comparison;
  if (differences.length === 0 && same === 0 && notObserved.length === 0) {
    lines.push(`No drift: neither ${files.committed} nor ${files.observed} records an answer for any condition.`);
  } else if (differences.length === 0) {
    lines.push(`No drift: ${same} condition${same === 1 ? '' : 's'} answered as ${files.committed} records.`);
  } else {
    lines.push(`Drift: ${differences.length} condition${differences.length === 1 ? '' : 's'} answered differently from what ${files.committed} records (observed: ${files.observed}).`);
    for (const d of differences) lines.push(`  ${d.condition}`, `    committed: ${d.committed}`, `    observed:  ${d.observed}`);
    lines.push(`${same} other condition${same === 1 ? '' : 's'} answered as recorded.`);
  }
  if (notObserved.length > 0) {
    lines.push(`Not exercised by this run (not drift; an accepted copy of ${files.observed} would drop their entries): ${notObserved.join(', ')}`);
  }
  if (differences.length > 0) {
    lines.push(`To accept the new answers: copy ${files.observed} over ${files.committed}, review the diff, commit (docs/drift.md).`);
  }
  return `${lines.join('\n')}\n`;
}

export const usage = 'Usage: npx tsx scripts/compare-profiles.ts <committed profile> <observed profile>\n';

/** The file's JSON, checked to be a profile `--profile` would load; an Error naming the file otherwise. */
async function readProfile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not JSON`);
  }
  try {
    profileFromJson(json);
  } catch (error) {
    throw new Error(`${file}: not a profile: ${(error as Error).message}`);
  }
  return json;
}

/** The command: 0 same, 1 drift, 2 usage or a file that cannot be compared. */
export async function main(args: readonly string[], io: { stdout(text: string): void; stderr(text: string): void }): Promise<number> {
  if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
    io.stderr(usage);
    return 2;
  }
  const [committedFile, observedFile] = args as [string, string];
  let comparison: Comparison;
  try {
    comparison = compareProfiles(await readProfile(committedFile), await readProfile(observedFile));
  } catch (error) {
    io.stderr(`compare-profiles: ${(error as Error).message}\n`);
    return 2;
  }
  io.stdout(formatComparison(comparison, { committed: committedFile, observed: observedFile }));
  return comparison.differences.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}
