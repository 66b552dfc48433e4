// Listens to the cases a conformance run sends (`--observe`) and tallies, per condition of the
// fidelity profile, what the target answered: status, error name and message template. It sends
// nothing and keeps nothing of the request: only statuses, names and templated messages.
import type { Condition } from '../../contract/index.ts';
import type { AssumedLimits } from '../../contract/limits.ts';
import { lastResponse, type CallResult } from '../../targets/exchange.ts';
import type { Target } from '../../targets/target.ts';
import { errorTypeOf, isAuthRefusal } from '../auth-refusal.ts';
import type { CaseObserver, SentCase } from '../send-case.ts';
import { exercisedBy } from './condition-of.ts';
import { messageTemplate, type TemplateInput } from './message-template.ts';

/** One distinct answer to a condition; error and message are null for an accepted (200) case. */
export interface ObservedAnswer {
  readonly status: number;
  readonly error: string | null;
  readonly message: string | null;
  readonly cases: number;
}

/** What one run, or the union of several, saw for one condition. */
export interface ConditionEvidence {
  readonly cases: number;
  /** Every case got the same answer. */
  readonly agreed: boolean;
  /** Every case was accepted: the target does not enforce the rule. */
  readonly accepted?: true;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly endpoint: string;
  readonly region: string;
  /** Cases left out because their message could not be templated safely (it echoed a sensitive value). */
  readonly withheld?: number;
  /** Most frequent first. */
  readonly answers: readonly ObservedAnswer[];
}

export type Observations = Readonly<Partial<Record<Condition, ConditionEvidence>>>;

interface Tally {
  readonly answers: Map<string, ObservedAnswer>;
  firstSeen: string;
  lastSeen: string;
  withheld: number;
}

/** Whether the evidence's answers agree, and on acceptance; answers sorted, most cases first. */
export function evidenceOf(tally: Omit<ConditionEvidence, 'cases' | 'agreed' | 'accepted'>): ConditionEvidence {
  const answers = [...tally.answers].sort((a, b) => b.cases - a.cases);
  const agreed = answers.length === 1;
  const { withheld, ...rest } = tally;
  return {
    cases: answers.reduce((n, a) => n + a.cases, 0),
    agreed,
    ...(agreed && answers[0]!.status === 200 ? { accepted: true as const } : {}),
    ...rest,
    ...(withheld ? { withheld } : {}),
    answers,
  };
}

/** The URL without user info, query or fragment: nothing that could be a credential. */
export function safeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(unparsable endpoint)';
  }
}

export class ObservationRecorder implements CaseObserver {
  private readonly tallies = new Map<Condition, Tally>();
  private readonly target: Pick<Target, 'instanceId' | 'contactFlowId' | 'endpoint' | 'region'>;
  private readonly limits: AssumedLimits | undefined;
  private readonly now: () => Date;

  /** `options.limits`: the run's profile's `limits`, so that a case counts under the rule the oracle judged it by. */
  constructor(target: Pick<Target, 'instanceId' | 'contactFlowId' | 'endpoint' | 'region'>, options: { readonly limits?: AssumedLimits; readonly now?: () => Date } = {}) {
    this.target = target;
    this.limits = options.limits;
    this.now = options.now ?? (() => new Date());
  }

  started({ result, wireBody }: SentCase): void {
    // An authentication refusal is the run's configuration, a 429 the quota: neither is the answer to the rule.
    if (isAuthRefusal(result.exchange) || (!result.ok && result.error.status === 429)) return;
    const exercised = exercisedBy(wireBody, this.target, this.limits);
    if (exercised.kind !== 'condition') return;
    const { condition, violations, request, reason } = exercised;
    this.record(result, { condition, violations, request, wireBody, reason });
  }

  throttled(result: CallResult): void {
    if (result.ok || result.error.status !== 429) return;
    const wireBody = result.exchange.attempts.at(-1)?.request.body ?? '';
    let request: unknown;
    try {
      request = JSON.parse(wireBody);
    } catch {
      request = undefined;
    }
    this.record(result, { condition: 'rate-throttle', violations: [], request, wireBody });
  }

  private record(result: CallResult, input: TemplateInput): void {
    const seen = this.now().toISOString();
    let tally = this.tallies.get(input.condition);
    if (!tally) this.tallies.set(input.condition, (tally = { answers: new Map(), firstSeen: seen, lastSeen: seen, withheld: 0 }));
    tally.lastSeen = seen;
    let answer: Omit<ObservedAnswer, 'cases'>;
    if (result.ok) {
      answer = { status: 200, error: null, message: null };
    } else {
      const templated = messageTemplate(result.error.message, input);
      if (!templated.ok) {
        tally.withheld++;
        return;
      }
      const response = lastResponse(result.exchange);
      const error = (response && errorTypeOf(response.headers)) || result.error.name;
      answer = { status: result.error.status ?? 0, error, message: templated.template };
    }
    const key = JSON.stringify([answer.status, answer.error, answer.message]);
    const previous = tally.answers.get(key);
    tally.answers.set(key, { ...answer, cases: (previous?.cases ?? 0) + 1 });
  }

  /** What was observed so far, per condition. */
  observations(): Observations {
    const out: Partial<Record<Condition, ConditionEvidence>> = {};
    const endpoint = safeEndpoint(this.target.endpoint);
    for (const [condition, tally] of this.tallies) {
      if (tally.answers.size === 0) continue;
      out[condition] = evidenceOf({ answers: [...tally.answers.values()], firstSeen: tally.firstSeen, lastSeen: tally.lastSeen, endpoint, region: this.target.region, withheld: tally.withheld });
    }
    return out;
  }

  /** Cases whose message was left out, over all conditions. */
  withheld(): number {
    return [...this.tallies.values()].reduce((n, t) => n + t.withheld, 0);
  }
}
