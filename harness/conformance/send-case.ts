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

export async function sendStart(target: Target, profile: FidelityProfile, request: Record<string, unknown>): Promise<SentCase> {
  const result = await target.call('StartWebRTCContact', request);
  const wireBody = result.exchange.attempts.at(-1)?.request.body ?? '';
  return { result, wireBody, expected: expectedOutcome(wireBody, profile, target) };
}

/** A short description of an answer, for a finding's reason. */
export function describeAnswer(result: CallResult): string {
  return result.ok ? '200 (accepted)' : `${result.error.status} ${result.error.name}: ${result.error.message.slice(0, 200)}`;
}

/** The finding when a call a check needed was refused: "<what> refused: <answer>", with its exchange. */
export function refused(what: string, result: CallResult): { verdict: Verdict; exchange: Exchange } {
  return { verdict: fail(`${what} refused: ${describeAnswer(result)}`, result.ok ? what : `${what} refused: ${result.error.name}`), exchange: result.exchange };
}
