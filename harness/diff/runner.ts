// Sends the same cases to two targets and gathers where they answer differently. Each case goes to
// the baseline, then to the candidate (a paced side paces itself); contacts it started are released
// before the next. Disagreements are grouped by the condition the case meets and the pair of
// answers, each group reported once: a random-phase group is shrunk by fast-check within a budget,
// keeping only candidates that land in the same group; a coverage group is re-sent once. A group
// whose case did not disagree the same way again is flaky: listed, not failing.
import fc from 'fast-check';
import { allPhases, type Phase, type ShrinkBudget } from '../conformance/check.ts';
import { isAuthRefusal } from '../conformance/auth-refusal.ts';
import { COVERAGE_PATH_PREFIX } from '../conformance/property-check.ts';
import { DEFAULT_MAX_FINDINGS, defaultShrinkBudget } from '../conformance/runner.ts';
import type { CallResult, Exchange } from '../targets/exchange.ts';
import { HarnessError } from '../targets/harness-error.ts';
import type { Target } from '../targets/target.ts';
import { answerLabel, answerOf, differences, type Answer } from './answer.ts';
import { coverageList, randomCases, requestFor, sides, type DiffCase, type SideIds, type SideName } from './cases.ts';
import { readBody, type Reading } from './condition.ts';

export interface DiffOptions {
  readonly baseline: Target;
  readonly candidate: Target;
  readonly seed: number;
  /** Random cases (half valid, half invalid). */
  readonly runs: number;
  readonly phases?: readonly Phase[];
  /** Replay exactly one case: `coverage:N`, or a fast-check path of the random phase. */
  readonly path?: string;
  /** Compare error messages too (templated). */
  readonly messages?: boolean;
  /** Groups reported, at most; the rest are counted. */
  readonly maxFindings?: number;
  readonly shrink?: Partial<ShrinkBudget>;
  readonly signal?: AbortSignal;
  readonly onPhaseStart?: (phase: string) => void;
  readonly onProgress?: (phase: string, done: number, planned: number, disagreeing: number) => void;
  /** `stopped`: why the phase ended before its cases ran out. */
  readonly onPhaseDone?: (phase: string, summary: { cases: number; disagreeing: number; durationMs: number; stopped?: string }) => void;
}

export interface SideOutcome {
  readonly answer: Answer;
  readonly exchange: Exchange;
}

/** One case sent to both sides. */
export interface CaseOutcome {
  readonly condition: string;
  readonly baseline: SideOutcome;
  readonly candidate: SideOutcome;
  readonly differences: readonly string[];
  /** Undefined when the sides agree. */
  readonly group: string | undefined;
  readonly durationMs: number;
}

export interface DisagreementGroup {
  /** `condition: baseline A vs candidate B[; details]` */
  readonly key: string;
  readonly condition: string;
  readonly differences: readonly string[];
  /** Cases of the run that fell into this group. */
  readonly occurrences: number;
  readonly phase: Phase;
  /** The minimal case (shrunk, for the random phase) and what replays it. */
  readonly counterexample: DiffCase;
  readonly replay: { readonly seed: number; readonly path: string };
  readonly shrinks: number;
  readonly note?: string;
  /** Its case did not disagree the same way when sent again: listed, never failing. */
  readonly flaky: boolean;
  readonly baseline: SideOutcome;
  readonly candidate: SideOutcome;
}

export interface ConditionSummary {
  readonly condition: string;
  readonly cases: number;
  readonly disagreeing: number;
  readonly durationMs: number;
  /** Whether a disagreement of this condition fails the run (one not flaky). */
  readonly failing: boolean;
}

export interface TargetInfo {
  readonly kind: string;
  readonly description: string;
  readonly endpoint: string;
  readonly region: string;
  readonly instanceId: string;
  readonly contactFlowId: string;
}

export interface DiffReport {
  readonly baseline: TargetInfo;
  readonly candidate: TargetInfo;
  readonly seed: number;
  readonly runs: number;
  readonly phases: readonly Phase[];
  readonly path?: string;
  readonly messages: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly cases: number;
  readonly phaseCases: Readonly<Partial<Record<Phase, number>>>;
  readonly disagreeing: number;
  readonly groups: readonly DisagreementGroup[];
  /** Groups found beyond --max-findings: counted, not shown, failing. */
  readonly moreGroups: number;
  readonly conditions: readonly ConditionSummary[];
  /** The run could not ask (a side unreachable mid-run, refused by authentication): exit 2. */
  readonly error?: string;
  readonly interrupted?: string;
}

interface Seen {
  readonly key: string;
  readonly condition: string;
  readonly case: DiffCase;
  readonly outcome: CaseOutcome;
  readonly phase: Phase;
  readonly index: number;
  readonly path: string;
  occurrences: number;
}

type Stop = { readonly kind: 'harness'; readonly message: string } | { readonly kind: 'interrupted'; readonly reason: string };

const idsOf = (target: Target): SideIds => ({ instanceId: target.instanceId, contactFlowId: target.contactFlowId });

export function targetInfo(target: Target): TargetInfo {
  return { kind: target.kind, description: target.description, endpoint: target.endpoint, region: target.region, instanceId: target.instanceId, contactFlowId: target.contactFlowId };
}

/** 0 the sides agree, 1 a disagreement (not flaky), 2 the run could not finish asking. */
export function diffExitStatus(report: DiffReport): 0 | 1 | 2 {
  if (report.error !== undefined) return 2;
  if (report.moreGroups > 0 || report.groups.some((g) => !g.flaky)) return 1;
  if (report.interrupted !== undefined) return 2;
  return 0;
}

export async function runDiff(options: DiffOptions): Promise<DiffReport> {
  return new DiffRun(options).run();
}

class DiffRun {
  private readonly options: DiffOptions;
  private readonly targets: Readonly<Record<SideName, Target>>;
  private readonly baseIds: SideIds;
  private readonly seen = new Map<string, Seen>();
  private readonly conditions = new Map<string, { cases: number; disagreeing: number; durationMs: number }>();
  private readonly authRefused: Record<SideName, number> = { baseline: 0, candidate: 0 };
  private stop: Stop | undefined;
  private cases = 0;
  private disagreeing = 0;

  constructor(options: DiffOptions) {
    this.options = options;
    this.targets = { baseline: options.baseline, candidate: options.candidate };
    this.baseIds = idsOf(options.baseline);
  }

  private get seed(): number {
    return this.options.seed;
  }

  /** Sends one case to one side; a harness error is named by its side. */
  private async sendTo(side: SideName, c: DiffCase): Promise<CallResult> {
    const target = this.targets[side];
    try {
      return await target.call('StartWebRTCContact', requestFor(c, this.baseIds, idsOf(target)));
    } catch (error) {
      if (error instanceof HarnessError) throw new HarnessError(`${side}: ${error.message}`);
      throw error;
    }
  }

  /** One case to both sides and compared; undefined once the run has stopped. */
  private async exchange(c: DiffCase): Promise<CaseOutcome | undefined> {
    if (this.stop) return undefined;
    if (this.options.signal?.aborted) {
      this.stop = { kind: 'interrupted', reason: String(this.options.signal.reason ?? 'interrupted') };
      return undefined;
    }
    try {
      const outcomes = {} as Record<SideName, SideOutcome>;
      const readings = {} as Record<SideName, Reading>;
      for (const side of sides) {
        const result = await this.sendTo(side, c);
        readings[side] = readBody(result.exchange.attempts.at(-1)?.request.body, c, idsOf(this.targets[side]));
        outcomes[side] = { answer: answerOf(result, readings[side]), exchange: result.exchange };
      }
      for (const side of sides) {
        try {
          await this.targets[side].releaseStarted();
        } catch (error) {
          if (error instanceof HarnessError) throw new HarnessError(`${side}: ${error.message}`);
          throw error;
        }
      }
      const { baseline, candidate } = outcomes;
      const condition = readings.baseline.key;
      const found = differences(baseline.answer, candidate.answer, this.options.messages === true);
      const durationMs = baseline.exchange.durationMs + candidate.exchange.durationMs;
      return { condition, baseline, candidate, differences: found, group: found.length ? groupKey(condition, baseline.answer, candidate.answer, found) : undefined, durationMs };
    } catch (error) {
      if (!(error instanceof HarnessError)) throw error;
      this.stop = this.options.signal?.aborted ? { kind: 'interrupted', reason: String(this.options.signal.reason ?? error.message) } : { kind: 'harness', message: error.message };
      return undefined;
    }
  }

  /** One case of a phase: sent, counted, filed under its condition and, when the sides disagree, its group. */
  private async visit(c: DiffCase, phase: Phase, index: number, path: string): Promise<CaseOutcome | undefined> {
    const outcome = await this.exchange(c);
    if (!outcome) return undefined;
    this.cases++;
    for (const side of sides) if (isAuthRefusal(outcome[side].exchange)) this.authRefused[side]++;
    const condition = this.conditions.get(outcome.condition) ?? { cases: 0, disagreeing: 0, durationMs: 0 };
    condition.cases++;
    condition.durationMs += outcome.durationMs;
    this.conditions.set(outcome.condition, condition);
    if (outcome.group !== undefined) {
      this.disagreeing++;
      condition.disagreeing++;
      const group = this.seen.get(outcome.group);
      if (group) group.occurrences++;
      else this.seen.set(outcome.group, { key: outcome.group, condition: outcome.condition, case: c, outcome, phase, index, path, occurrences: 1 });
    }
    return outcome;
  }

  async run(): Promise<DiffReport> {
    const startedAt = new Date();
    const { options } = this;
    const phases = options.phases ?? allPhases;
    const phaseCases: Partial<Record<Phase, number>> = {};
    if (options.path !== undefined) await this.replay(options.path);
    else {
      if (phases.includes('coverage')) {
        const list = coverageList(this.baseIds);
        phaseCases.coverage = await this.phase('coverage', list.length, async (visit) => {
          for (let i = 0; i < list.length && !this.stop; i++) await visit(list[i]!, i, `${COVERAGE_PATH_PREFIX}${i}`);
        });
      }
      if (phases.includes('random') && !this.stop) {
        phaseCases.random = await this.phase('random', options.runs, async (visit) => {
          let index = 0;
          const property = fc.asyncProperty(randomCases(this.baseIds), async (c) => {
            const i = index++;
            await visit(c, i, String(i));
            return true; // disagreements are gathered, not thrown: every group gets found
          });
          await fc.check(property, { numRuns: options.runs, seed: this.seed });
        });
      }
    }

    const refusedSide = sides.find((side) => this.cases > 0 && this.authRefused[side] === this.cases);
    if (refusedSide && !this.stop) this.stop = { kind: 'harness', message: `${refusedSide}: every call was refused by authentication: check its credentials and region` };

    const { groups, moreGroups } = await this.report();
    const failingConditions = new Set([...groups.filter((g) => !g.flaky).map((g) => g.condition), ...[...this.seen.values()].filter((s) => !groups.some((g) => g.key === s.key)).map((s) => s.condition)]);
    const conditions = [...this.conditions.entries()]
      .map(([condition, c]) => ({ condition, ...c, failing: failingConditions.has(condition) }))
      .sort((a, b) => a.condition.localeCompare(b.condition));
    return {
      baseline: targetInfo(options.baseline),
      candidate: targetInfo(options.candidate),
      seed: this.seed,
      runs: options.runs,
      phases,
      ...(options.path === undefined ? {} : { path: options.path }),
      messages: options.messages === true,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      cases: this.cases,
      phaseCases,
      disagreeing: this.disagreeing,
      groups,
      moreGroups,
      conditions,
      ...(this.stop?.kind === 'harness' ? { error: this.stop.message } : {}),
      ...(this.stop?.kind === 'interrupted' ? { interrupted: this.stop.reason } : {}),
    };
  }

  private async phase(phase: Phase, planned: number, body: (visit: (c: DiffCase, index: number, path: string) => Promise<void>) => Promise<void>): Promise<number> {
    const { onPhaseStart, onProgress, onPhaseDone } = this.options;
    const cases0 = this.cases;
    const disagreeing0 = this.disagreeing;
    const t0 = performance.now();
    onPhaseStart?.(phase);
    await body(async (c, index, path) => {
      await this.visit(c, phase, index, path);
      onProgress?.(phase, this.cases - cases0, planned, this.disagreeing - disagreeing0);
    });
    const cases = this.cases - cases0;
    const stopped = this.stop && (this.stop.kind === 'harness' ? this.stop.message : this.stop.reason);
    onPhaseDone?.(phase, { cases, disagreeing: this.disagreeing - disagreeing0, durationMs: performance.now() - t0, ...(stopped ? { stopped } : {}) });
    return cases;
  }

  /** Every group confirmed (shrunk or re-sent) up to the cap; past it, until one holds. */
  private async report(): Promise<{ groups: DisagreementGroup[]; moreGroups: number }> {
    const max = this.options.maxFindings ?? DEFAULT_MAX_FINDINGS;
    const groups: DisagreementGroup[] = [];
    const all = [...this.seen.values()];
    for (const seen of all) {
      const holding = groups.some((g) => !g.flaky);
      if (groups.length >= max && holding) break;
      const group = this.stop ? this.unconfirmed(seen, 'not confirmed: the run stopped first') : await this.confirm(seen);
      if (groups.length < max || !group.flaky) groups.push(group);
    }
    return { groups, moreGroups: all.length - groups.length };
  }

  private groupOf(seen: Seen, minimal: { case: DiffCase; outcome: CaseOutcome; path: string }, shrinks: number, flaky: boolean, note?: string): DisagreementGroup {
    return {
      key: seen.key,
      condition: seen.condition,
      differences: minimal.outcome.differences,
      occurrences: seen.occurrences,
      phase: seen.phase,
      counterexample: minimal.case,
      replay: { seed: this.seed, path: minimal.path },
      shrinks,
      ...(note ? { note } : {}),
      flaky,
      baseline: minimal.outcome.baseline,
      candidate: minimal.outcome.candidate,
    };
  }

  private unconfirmed(seen: Seen, note?: string): DisagreementGroup {
    return this.groupOf(seen, { case: seen.case, outcome: seen.outcome, path: seen.path }, 0, false, note);
  }

  /** A coverage group's case is re-sent once; a random group's is shrunk (which re-sends it first). */
  private async confirm(seen: Seen): Promise<DisagreementGroup> {
    if (this.options.path !== undefined) return this.unconfirmed(seen);
    if (seen.phase === 'coverage') {
      const again = await this.exchange(seen.case);
      if (!again) return this.unconfirmed(seen, 'not re-sent: the run stopped first');
      if (again.group !== seen.key) return this.groupOf(seen, { case: seen.case, outcome: seen.outcome, path: seen.path }, 0, true, `did not disagree the same way when re-sent (${again.group ? `then: ${again.group}` : 'then the sides agreed'})`);
      return this.unconfirmed(seen);
    }
    return this.shrink(seen);
  }

  /**
   * fast-check replays the group's first case from its path and shrinks it, keeping only candidates
   * that fall into the same group. Past the budget every candidate passes unsent, ending the search.
   */
  private async shrink(seen: Seen): Promise<DisagreementGroup> {
    const budget = { ...defaultShrinkBudget, ...this.options.shrink };
    const startedAt = performance.now();
    let steps = 0;
    let overBudget: string | undefined;
    let last: { case: DiffCase; outcome: CaseOutcome } | undefined;
    const property = fc.asyncProperty(randomCases(this.baseIds), async (c) => {
      if (steps >= budget.maxSteps) overBudget ??= `shrinking stopped at its budget of ${budget.maxSteps} steps`;
      else if (performance.now() - startedAt > budget.maxMs) overBudget ??= `shrinking stopped at its budget of ${Math.round(budget.maxMs / 1000)} s`;
      if (overBudget) return true;
      steps++;
      const outcome = await this.exchange(c);
      if (!outcome || outcome.group !== seen.key) return true;
      last = { case: c, outcome };
      return false;
    });
    const result = await fc.check(property, { seed: this.seed, path: seen.path, endOnFailure: false });
    if (this.stop && !last) return this.unconfirmed(seen, 'not shrunk: the run stopped first');
    if (!result.failed || !last) return this.groupOf(seen, { case: seen.case, outcome: seen.outcome, path: seen.path }, 0, true, 'did not disagree the same way when re-sent');
    const minimal = last as { case: DiffCase; outcome: CaseOutcome };
    const note = this.stop ? 'the run stopped while shrinking' : overBudget;
    return this.groupOf(seen, { ...minimal, path: result.counterexamplePath ?? seen.path }, result.numShrinks, false, note);
  }

  /** Sends exactly the one case a group printed. */
  private async replay(path: string): Promise<void> {
    if (path.startsWith(COVERAGE_PATH_PREFIX)) {
      const list = coverageList(this.baseIds);
      const index = Number(path.slice(COVERAGE_PATH_PREFIX.length));
      const c = Number.isInteger(index) ? list[index] : undefined;
      if (c === undefined) throw new HarnessError(`there is no coverage case ${path.slice(COVERAGE_PATH_PREFIX.length)} (there are ${list.length})`);
      await this.visit(c, 'coverage', index, path);
      return;
    }
    let sent = false;
    const property = fc.asyncProperty(randomCases(this.baseIds), async (c) => {
      // A path names one case; fast-check would go on through the shrink candidates after it.
      if (sent) return true;
      sent = true;
      await this.visit(c, 'random', 0, path);
      return true;
    });
    await fc.check(property, { seed: this.seed, path, endOnFailure: true });
  }
}

/** `length at /ParticipantDetails/DisplayName: baseline 400 InvalidParameterException vs candidate 400 ValidationException` */
export function groupKey(condition: string, baseline: Answer, candidate: Answer, found: readonly string[]): string {
  const details = found.filter((d) => d !== 'error name' && !d.startsWith('status '));
  return `${condition}: baseline ${answerLabel(baseline)} vs candidate ${answerLabel(candidate)}${details.length ? `; ${details.join('; ')}` : ''}`;
}
