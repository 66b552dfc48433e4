// Turns "for every case, send it and judge the answer" into a Check, in two phases:
//   coverage  a fixed list of cases (every invalid class at every site, every near miss of a small
//             set, every boundary), the same at every seed, so a near miss is never left to chance;
//   random    fast-check's generated cases from the seed.
// A failing case does not stop the run: failures are grouped by rule, site and kind of answer, and
// each group is reported once. Then each group is shrunk within a budget of steps and time, and its
// minimal case is re-sent: a failure that does not happen again is *flaky*, never a finding.
// A harness error (target unreachable) stops the check at once instead of being shrunk as if it
// were a finding; an interruption reports what was found so far.
import fc from 'fast-check';
import { HarnessError } from '../targets/harness-error.ts';
import { isAuthRefusal } from './auth-refusal.ts';
import { statusOf, type Check, type CheckContext, type CheckResult, type Finding, type Phase, type Verdict } from './check.ts';
import type { Exchange } from '../targets/exchange.ts';
import { groupKey } from './failure-group.ts';

export interface Judged {
  readonly verdict: Verdict;
  readonly exchange: Exchange | undefined;
}

export interface PropertyCheckSpec<T> {
  readonly name: string;
  readonly description: string;
  readonly arbitrary: (context: CheckContext) => fc.Arbitrary<T>;
  /** The coverage phase's cases; a check without them runs the random phase only. */
  readonly coverage?: (context: CheckContext) => readonly T[];
  /** Sends the case and judges what came back. */
  readonly judge: (value: T, context: CheckContext) => Promise<Judged>;
  /** Cases per run relative to --runs (expensive checks run fewer). */
  readonly runsFactor?: number;
  /** The tag of a tagged invalid case, for the report and for grouping. */
  readonly tagOf?: (value: T) => Finding['tag'];
}

type Failed = Judged & { readonly verdict: Extract<Verdict, { ok: false }> };

interface Failure<T> {
  readonly value: T;
  readonly judged: Failed;
  readonly phase: Phase;
  /** The case's index in its phase: the coverage list, or fast-check's run. */
  readonly index: number;
  /** What replays it: `coverage:N`, or fast-check's path (the run index, then shrink steps). */
  readonly path: string;
}

interface Group<T> {
  readonly key: string;
  readonly first: Failure<T>;
  occurrences: number;
}

export const COVERAGE_PATH_PREFIX = 'coverage:';

const gradeOrder: Record<Finding['grade'], number> = { finding: 0, divergence: 1, flaky: 2 };

const crashNote = (error: unknown) => `check crashed (a bug of the harness, not a finding): ${(error as Error)?.message ?? String(error)}`;

/** Why a check stopped before its cases ran out: the harness could not ask, was told to stop, or the check itself threw (a bug of ours). */
type Stop = { readonly kind: 'harness'; readonly error: HarnessError } | { readonly kind: 'interrupted'; readonly reason: string } | { readonly kind: 'crashed'; readonly error: unknown };

export function propertyCheck<T>(spec: PropertyCheckSpec<T>): Check {
  return {
    name: spec.name,
    description: spec.description,
    property: true,
    run: (context) => new PropertyRun(spec, context).run(),
  };
}

class PropertyRun<T> {
  private readonly groups = new Map<string, Group<T>>();
  private stop: Stop | undefined;
  private cases = 0;
  private authRefused = 0;
  private failing = 0;
  private readonly spec: PropertyCheckSpec<T>;
  private readonly context: CheckContext;

  constructor(spec: PropertyCheckSpec<T>, context: CheckContext) {
    this.spec = spec;
    this.context = context;
  }

  private keyOf(value: T, verdict: Failed['verdict']): string {
    return groupKey(verdict, this.spec.tagOf?.(value));
  }

  /** Sends and judges one case; undefined once the run has stopped (nothing more is sent). */
  private async judge(value: T): Promise<Judged | undefined> {
    if (this.stop) return undefined;
    if (this.context.signal?.aborted) {
      this.stop = { kind: 'interrupted', reason: String(this.context.signal.reason ?? 'interrupted') };
      return undefined;
    }
    try {
      const judged = await this.spec.judge(value, this.context);
      await this.context.target.releaseStarted();
      return judged;
    } catch (error) {
      if (!(error instanceof HarnessError)) this.stop = { kind: 'crashed', error };
      else this.stop = this.context.signal?.aborted ? { kind: 'interrupted', reason: error.message } : { kind: 'harness', error };
      return undefined;
    }
  }

  /** One case of a phase: sent, counted, and its failure filed under its group. */
  private async visit(value: T, phase: Phase, index: number, planned: number): Promise<void> {
    const judged = await this.judge(value);
    if (!judged) return;
    this.cases++;
    if (isAuthRefusal(judged.exchange)) this.authRefused++;
    if (!judged.verdict.ok) {
      this.failing++;
      const failed = judged as Failed;
      const key = this.keyOf(value, failed.verdict);
      const group = this.groups.get(key);
      if (group) group.occurrences++;
      else this.groups.set(key, { key, first: { value, judged: failed, phase, index, path: phase === 'coverage' ? `${COVERAGE_PATH_PREFIX}${index}` : String(index) }, occurrences: 1 });
    }
    this.context.progress(this.cases, planned, this.failing);
  }

  async run(): Promise<Omit<CheckResult, 'check' | 'durationMs'>> {
    const { context, spec } = this;
    if (context.path !== undefined) return this.replay(context.path);
    const coverage = context.phases.includes('coverage') && spec.coverage ? spec.coverage(context) : [];
    const randomRuns = context.phases.includes('random') ? Math.max(1, Math.round(context.runs * (spec.runsFactor ?? 1))) : 0;
    const planned = coverage.length + randomRuns;
    for (let i = 0; i < coverage.length && !this.stop; i++) await this.visit(coverage[i]!, 'coverage', i, planned);
    const coverageCases = this.cases;
    if (randomRuns > 0 && !this.stop) {
      let index = 0;
      const property = fc.asyncProperty(spec.arbitrary(context), async (value) => {
        await this.visit(value, 'random', index++, planned);
        return true; // failures are gathered, not thrown: every group gets found
      });
      await fc.check(property, { numRuns: randomRuns, seed: context.seed });
    }
    const phaseCases = { ...(coverage.length ? { coverage: coverageCases } : {}), ...(randomRuns ? { random: this.cases - coverageCases } : {}) };

    // Findings before divergences, so that the cap never hides what fails the run; and past the cap,
    // groups are still confirmed until one finding holds, in case those shown turn out flaky.
    const all = [...this.groups.values()].sort((a, b) => gradeOrder[a.first.judged.verdict.grade] - gradeOrder[b.first.judged.verdict.grade]);
    const findings: Finding[] = [];
    let next = 0;
    for (; next < all.length; next++) {
      const group = all[next]!;
      const confirmedFinding = findings.some((f) => f.grade === 'finding');
      if (findings.length >= context.maxFindings && (confirmedFinding || group.first.judged.verdict.grade !== 'finding')) break;
      const finding = this.stop ? this.unconfirmed(group, 'not shrunk: the run stopped first') : await this.confirm(group);
      if (findings.length < context.maxFindings || finding.grade === 'finding') findings.push(finding);
    }
    const moreGroups = all.length - findings.length;
    const base = { cases: this.cases, findings, phaseCases, ...(moreGroups > 0 ? { moreGroups } : {}) };

    if (this.stop?.kind === 'harness') return { ...base, status: 'error', note: this.stop.error.message };
    if (this.stop?.kind === 'crashed') return { ...base, status: 'error', note: crashNote(this.stop.error) };
    if (this.cases > 0 && this.authRefused === this.cases) {
      const answer = all[0]?.first.judged.verdict.answer ?? 'an authentication error';
      return { ...base, findings: [], status: 'error', note: `every call was refused by authentication (${answer}): check the credentials and --region` };
    }
    if (this.stop?.kind === 'interrupted' && findings.length === 0) return { ...base, status: 'skipped', note: `interrupted after ${this.cases} cases` };
    return { ...base, status: statusOf(findings), ...(this.stop ? { note: `interrupted after ${this.cases} cases` } : {}) };
  }

  /** A group reported as first seen: the run stopped before it could be shrunk and re-sent. */
  private unconfirmed(group: Group<T>, shrinkNote: string): Finding {
    return this.finding(group, group.first, 0, shrinkNote);
  }

  private finding(group: Group<T>, minimal: Failure<T>, shrinks: number, shrinkNote?: string, grade: Finding['grade'] = minimal.judged.verdict.grade): Finding {
    return {
      check: this.spec.name,
      grade,
      reason: minimal.judged.verdict.reason,
      group: group.key,
      occurrences: group.occurrences,
      counterexample: minimal.value,
      exchange: minimal.judged.exchange,
      replay: { seed: this.context.seed, path: minimal.path },
      shrinks,
      ...(shrinkNote ? { shrinkNote } : {}),
      ...(this.spec.tagOf ? { tag: this.spec.tagOf(minimal.value) } : {}),
    };
  }

  /** Shrinks a group within the budget, then re-sends its minimal case; flaky when it does not recur. */
  private async confirm(group: Group<T>): Promise<Finding> {
    const { first } = group;
    let minimal: Failure<T> = first;
    let shrinks = 0;
    let shrinkNote: string | undefined;
    if (first.phase === 'random') {
      const shrunk = await this.shrink(group);
      if (!shrunk) return this.finding(group, first, 0, 'did not fail again when re-sent', 'flaky');
      ({ minimal, shrinks } = shrunk);
      shrinkNote = shrunk.note;
      if (this.stop) return this.finding(group, minimal, shrinks, 'the run stopped while shrinking');
    }
    for (let attempt = 0; attempt < this.context.reproduceAttempts; attempt++) {
      const judged = await this.judge(minimal.value);
      if (!judged) return this.finding(group, minimal, shrinks, 'the run stopped before it was re-sent');
      if (judged.verdict.ok || this.keyOf(minimal.value, judged.verdict) !== group.key) {
        return this.finding(group, first, 0, `did not fail the same way when re-sent (attempt ${attempt + 1})`, 'flaky');
      }
    }
    return this.finding(group, minimal, shrinks, shrinkNote);
  }

  /**
   * fast-check replays the group's first case from its path and shrinks it, keeping only failures of
   * the same group. Past the budget every candidate passes without being sent, which ends shrinking.
   * Undefined when the first case itself no longer fails.
   */
  private async shrink(group: Group<T>): Promise<{ minimal: Failure<T>; shrinks: number; note?: string } | undefined> {
    const { maxSteps, maxMs } = this.context.shrink;
    const startedAt = performance.now();
    let steps = 0;
    let overBudget: string | undefined;
    let last: Failure<T> | undefined;
    const property = fc.asyncProperty(this.spec.arbitrary(this.context), async (value) => {
      if (steps >= maxSteps) overBudget ??= `shrinking stopped at its budget of ${maxSteps} steps`;
      else if (performance.now() - startedAt > maxMs) overBudget ??= `shrinking stopped at its budget of ${Math.round(maxMs / 1000)} s`;
      if (overBudget) return true;
      steps++;
      const judged = await this.judge(value);
      if (!judged || judged.verdict.ok || this.keyOf(value, judged.verdict) !== group.key) return true;
      last = { value, judged: judged as Failed, phase: 'random', index: group.first.index, path: '' };
      return false;
    });
    const result = await fc.check(property, { seed: this.context.seed, path: String(group.first.index), endOnFailure: false });
    if (!result.failed || !last) return undefined;
    return { minimal: { ...(last as Failure<T>), path: result.counterexamplePath ?? group.first.path }, shrinks: result.numShrinks, ...(overBudget ? { note: overBudget } : {}) };
  }

  /** Sends exactly the one case a finding printed: `coverage:N`, or a fast-check path. */
  private async replay(path: string): Promise<Omit<CheckResult, 'check' | 'durationMs'>> {
    const { context, spec } = this;
    if (path.startsWith(COVERAGE_PATH_PREFIX)) {
      const index = Number(path.slice(COVERAGE_PATH_PREFIX.length));
      const list = spec.coverage?.(context) ?? [];
      const value = Number.isInteger(index) ? list[index] : undefined;
      if (value === undefined) throw new HarnessError(`${spec.name} has no coverage case ${path.slice(COVERAGE_PATH_PREFIX.length)} (it has ${list.length})`);
      await this.visit(value, 'coverage', index, 1);
    } else {
      let sent = false;
      const property = fc.asyncProperty(spec.arbitrary(context), async (value) => {
        // A path names one case; fast-check would go on through the shrink candidates after it.
        if (sent) return true;
        sent = true;
        await this.visit(value, 'random', 0, 1);
        return true;
      });
      await fc.check(property, { seed: context.seed, path, endOnFailure: true });
    }
    const findings = [...this.groups.values()].map((group) => {
      const f = this.finding(group, group.first, 0);
      return { ...f, replay: { seed: context.seed, path } };
    });
    if (this.stop?.kind === 'harness') return { cases: this.cases, findings, status: 'error', note: this.stop.error.message };
    if (this.stop?.kind === 'crashed') return { cases: this.cases, findings, status: 'error', note: crashNote(this.stop.error) };
    return { cases: this.cases, findings, status: statusOf(findings) };
  }
}
