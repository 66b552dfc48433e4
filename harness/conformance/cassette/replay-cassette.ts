// `conformance --replay-cassette FILE`: every request a cassette holds, sent again, one at a time in
// the order recorded, to another target (or the same), signed with that target's credentials the
// way it was signed then (unsigned, wrong secret, … for the auth check's requests), and each answer
// compared with the recorded one: status and error type. Ids follow the new target: the recorded
// instance and flow become the target's, and a ContactId the recording got becomes the one the
// replay got for the same request. A redacted value `<redacted:N>` is sent as N "x" characters
// (the first a lone surrogate for `<redacted:N:ill-formed>`), one of another type as a value of that
// type (0, false, [], {}).
import type { WireResponse } from '../../targets/exchange.ts';
import { lastResponse } from '../../targets/exchange.ts';
import { HarnessError } from '../../targets/harness-error.ts';
import type { Target } from '../../targets/target.ts';
import type { CassetteEntry, CassetteHeader } from './cassette-format.ts';

/** What came back for one request: a status and error type, or no HTTP answer at all. */
export interface Answer {
  readonly status: number | undefined;
  readonly errorType: string | undefined;
  readonly networkError: string | undefined;
}

export interface ReplayedExchange {
  readonly seq: number;
  readonly check: string;
  readonly operation: string;
  readonly recorded: Answer;
  readonly replayed: Answer;
  /** same; different; timing: a throttle (429) on either side, which depends on when, not what, was sent. */
  readonly verdict: 'same' | 'different' | 'timing';
}

export interface ReplayReport {
  readonly header: CassetteHeader;
  readonly target: string;
  readonly exchanges: readonly ReplayedExchange[];
  /** Entries not sent because the replay was interrupted. */
  readonly notSent: number;
}

function answerOf(response: WireResponse | null | undefined, networkError: string | null | undefined): Answer {
  const type = response && Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'x-amzn-errortype')?.[1];
  return { status: response?.status, errorType: type?.split(':')[0] || undefined, networkError: response ? undefined : (networkError ?? 'no answer') };
}

function verdictOf(recorded: Answer, replayed: Answer): ReplayedExchange['verdict'] {
  if (recorded.status === 429 || replayed.status === 429) return 'timing';
  const same = recorded.status === replayed.status && recorded.errorType === replayed.errorType && (recorded.networkError === undefined) === (replayed.networkError === undefined);
  return same ? 'same' : 'different';
}

/** Recorded ids → the replay target's, learned as the replay goes. */
class IdMap {
  private readonly map = new Map<string, string>();
  set(from: string | undefined, to: string | undefined): void {
    if (from && to && from !== to) this.map.set(from, to);
  }
  of(value: string): string {
    return this.map.get(value) ?? value;
  }
}

const standIns: Readonly<Record<string, () => unknown>> = { number: () => 0, boolean: () => false, array: () => [], object: () => ({}) };

/** A JSON value with ids mapped and redaction marks turned into values of their length or type, at any depth. */
function restore(value: unknown, ids: IdMap): unknown {
  if (typeof value === 'string') {
    const redacted = /^<redacted:(?:(\d+)(:ill-formed)?|(number|boolean|array|object))>$/.exec(value);
    if (!redacted) return ids.of(value);
    if (redacted[3]) return standIns[redacted[3]]!();
    const length = Number(redacted[1]);
    return redacted[2] && length > 0 ? `\ud800${'x'.repeat(length - 1)}` : 'x'.repeat(length);
  }
  if (Array.isArray(value)) return value.map((v) => restore(v, ids));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) Object.defineProperty(out, key, { value: restore(v, ids), enumerable: true, writable: true, configurable: true });
  return out;
}

function restoredBody(body: string, ids: IdMap): string {
  if (body === '') return body;
  try {
    return JSON.stringify(restore(JSON.parse(body), ids));
  } catch {
    // Not JSON (the SDK writes one for a null ClientToken): sent as recorded, ids mapped where quoted.
    return body.replace(/"([^"\\]*)"/g, (whole, text: string) => `"${ids.of(text)}"`).replace(/"<redacted:(\d+)>"/g, (_, n: string) => `"${'x'.repeat(Number(n))}"`);
  }
}

function restoredPath(path: string, ids: IdMap): string {
  return path
    .split('/')
    .map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return segment;
      }
      const mapped = ids.of(decoded);
      return mapped === decoded ? segment : encodeURIComponent(mapped);
    })
    .join('/');
}

const contactIdOf = (body: string | undefined): string | undefined => {
  try {
    const id = (JSON.parse(body ?? '') as { ContactId?: unknown }).ContactId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
};

/** Members the SDK needs to build each operation's request before the recorded bytes replace it. */
function labelsFor(operation: string, body: string): Record<string, unknown> {
  switch (operation) {
    case 'DescribeContact':
      return { InstanceId: 'x', ContactId: 'x' };
    case 'GetContactAttributes':
      return { InstanceId: 'x', InitialContactId: 'x' };
    case 'StopContact': {
      // The target keeps track of the contacts it started and stopped from these.
      try {
        const { InstanceId, ContactId } = JSON.parse(body) as Record<string, unknown>;
        return { InstanceId, ContactId };
      } catch {
        return {};
      }
    }
    default:
      return {};
  }
}

export async function replayCassette(cassette: { header: CassetteHeader; entries: readonly CassetteEntry[] }, target: Target, options: { signal?: AbortSignal; onReplayed?: (done: number, total: number) => void } = {}): Promise<ReplayReport> {
  const ids = new IdMap();
  ids.set(cassette.header.target.instanceId, target.instanceId);
  ids.set(cassette.header.target.contactFlowId, target.contactFlowId);
  const exchanges: ReplayedExchange[] = [];
  const entries = [...cassette.entries].sort((a, b) => a.seq - b.seq);
  for (const entry of entries) {
    if (options.signal?.aborted) break;
    const request = entry.attempts[0]!.request;
    const last = entry.attempts.at(-1)!;
    const recorded = answerOf(last.response, last.networkError);
    const body = restoredBody(request.body, ids);
    let replayed: Answer;
    let replayedBody: string | undefined;
    try {
      const result = await target.call(entry.operation, labelsFor(entry.operation, body), {
        auth: entry.auth,
        retryThrottled: false,
        wire: { method: request.method, path: restoredPath(request.path, ids), query: request.query, body },
      });
      const response = lastResponse(result.exchange);
      replayed = answerOf(response, result.exchange.attempts.at(-1)?.networkError);
      replayedBody = response?.body;
    } catch (error) {
      if (!(error instanceof HarnessError) || options.signal?.aborted) throw error;
      replayed = { status: undefined, errorType: undefined, networkError: error.message };
    }
    if (entry.operation === 'StartWebRTCContact') ids.set(contactIdOf(last.response?.body), contactIdOf(replayedBody));
    exchanges.push({ seq: entry.seq, check: entry.check, operation: entry.operation, recorded, replayed, verdict: verdictOf(recorded, replayed) });
    options.onReplayed?.(exchanges.length, entries.length);
  }
  return { header: cassette.header, target: target.description, exchanges, notSent: entries.length - exchanges.length };
}

const describeAnswer = (a: Answer) => (a.status === undefined ? `no answer (${a.networkError})` : `${a.status}${a.errorType ? ` ${a.errorType}` : ''}`);

/** What a person reads: the counts, then each difference (the first `max`). */
export function replayReportText(report: ReplayReport, file: string, max = 20): string {
  const count = (v: ReplayedExchange['verdict']) => report.exchanges.filter((e) => e.verdict === v).length;
  const different = report.exchanges.filter((e) => e.verdict === 'different');
  const lines = [
    `Replay of ${file} (recorded ${report.header.recordedAt} against ${report.header.target.description}) to ${report.target}`,
    `  ${report.exchanges.length} exchanges re-sent: ${count('same')} answered as recorded, ${different.length} differently, ${count('timing')} throttled on one side (429: timing, not compared)${report.notSent ? `; ${report.notSent} not sent (interrupted)` : ''}`,
  ];
  if (different.length > 0) {
    lines.push('', `Differences${different.length > max ? ` (the first ${max} of ${different.length})` : ''}:`);
    for (const e of different.slice(0, max)) lines.push(`  #${e.seq} ${e.check}, ${e.operation}: recorded ${describeAnswer(e.recorded)}, now ${describeAnswer(e.replayed)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** 0 every answer as recorded (throttles aside), 1 some differ, 2 the replay was cut short. */
export function replayExitStatus(report: ReplayReport): 0 | 1 | 2 {
  if (report.exchanges.some((e) => e.verdict === 'different')) return 1;
  return report.notSent > 0 ? 2 : 0;
}
