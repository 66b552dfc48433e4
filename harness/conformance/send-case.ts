// Sends one StartWebRTCContact case and returns what the checks judge: the result, the body that
// actually went over the wire, and the oracle's expectation for it.
import type { CallResult, Exchange } from '../targets/exchange.ts';
import type { Target } from '../targets/target.ts';
import type { FidelityProfile } from '../contract/index.ts';
import { fail, type Verdict } from './check.ts';
import { expectedOutcome, type Expected } from './expected-outcome.ts';

export interface SentCase {
  readonly result: CallResult;
  readonly wireBody: string;
  readonly expected: Expected;
}

/** Listens to what a run sends (`--observe`, conformance/observe/): it only listens, it never sends. */
export interface CaseObserver {
  /** Every StartWebRTCContact case sent through sendStart, with its answer. */
  started(sent: SentCase): void;
  /** A 429 answer of the throttling probe. */
  throttled(result: CallResult): void;
}

const observers = new WeakMap<Target, CaseObserver>();

/** Has `observer` hear every case sent to `target` until the returned function is called. */
export function observeCases(target: Target, observer: CaseObserver): () => void {
  observers.set(target, observer);
  return () => observers.delete(target);
}

/** The observer listening to `target`, if any. */
export function caseObserver(target: Target): CaseObserver | undefined {
  return observers.get(target);
}

export async function sendStart(target: Target, profile: FidelityProfile, request: Record<string, unknown>): Promise<SentCase> {
  const result = await target.call('StartWebRTCContact', request);
  const wireBody = result.exchange.attempts.at(-1)?.request.body ?? '';
  const sent = { result, wireBody, expected: expectedOutcome(wireBody, profile, target) };
  observers.get(target)?.started(sent);
  return sent;
}

/** A short description of an answer, for a finding's reason. */
export function describeAnswer(result: CallResult): string {
  return result.ok ? '200 (accepted)' : `${result.error.status} ${result.error.name}: ${result.error.message.slice(0, 200)}`;
}

/** The finding when a call a check needed was refused: "<what> refused: <answer>", with its exchange. */
export function refused(what: string, result: CallResult): { verdict: Verdict; exchange: Exchange } {
  return { verdict: fail(`${what} refused: ${describeAnswer(result)}`, result.ok ? what : `${what} refused: ${result.error.name}`), exchange: result.exchange };
}
