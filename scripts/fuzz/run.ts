// Sends fuzz kinds over keep-alive raw connections, `connections` at a time, until a count or a
// time is reached, and tallies what came back. A connection is reused while the server keeps it
// alive; a new one is opened after the server says it closes (or closes).
import { RawConnection, type RawResponse } from '../../test/support/raw-http.ts';
import { seededRandom } from '../../harness/emulator/random.ts';
import { kinds, type Kind } from './kinds.ts';

export interface RunSettings {
  readonly port: number;
  readonly requests: number;
  readonly maxSeconds: number;
  readonly connections: number;
  readonly seed: number;
  /** How long one answer may take (slow clients take seconds by design). */
  readonly answerTimeoutMs: number;
}

export interface KindTally {
  sent: number;
  /** Milliseconds spent on this kind's exchanges, all told. */
  ms: number;
  statuses: Record<string, number>;
  problems: number;
}

export interface Tally {
  /** Requests sent (a pipelined exchange counts each request). */
  sent: number;
  answered: number;
  /** A request the server received and closed the connection on, or never answered. */
  unanswered: number;
  serverErrors: number;
  /** Error answers whose body is empty, not JSON, or has no Message. */
  badErrorBodies: number;
  /** Answers without x-amzn-RequestId, or errors without x-amzn-ErrorType. */
  missingAwsHeaders: number;
  statuses: Record<string, number>;
  byKind: Record<string, KindTally>;
  /** The first few problems, for a person to read. */
  examples: string[];
  seconds: number;
  stoppedBy: 'count' | 'time';
}

const MAX_EXAMPLES = 20;

function pickKind(random: () => number): Kind {
  const total = kinds.reduce((sum, k) => sum + k.weight, 0);
  let r = random() * total;
  for (const kind of kinds) {
    r -= kind.weight;
    if (r < 0) return kind;
  }
  return kinds[kinds.length - 1]!;
}

function errorBodyProblem(response: RawResponse): string | undefined {
  if (response.body.length === 0) return 'empty error body';
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text);
  } catch {
    return `non-JSON error body ${JSON.stringify(response.text.slice(0, 80))}`;
  }
  const message = (parsed as { Message?: unknown } | null)?.Message;
  return typeof message === 'string' && message.length > 0 ? undefined : `error body without a Message ${JSON.stringify(response.text.slice(0, 80))}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runFuzz(settings: RunSettings): Promise<Tally> {
  const tally: Tally = { sent: 0, answered: 0, unanswered: 0, serverErrors: 0, badErrorBodies: 0, missingAwsHeaders: 0, statuses: {}, byKind: {}, examples: [], seconds: 0, stoppedBy: 'count' };
  const random = seededRandom(settings.seed);
  const context = { host: `127.0.0.1:${settings.port}`, random };
  const started = performance.now();
  const deadline = started + settings.maxSeconds * 1000;
  let planned = 0;
  // Every kind once first, so that even a short run covers them all; then kinds at random by weight.
  const firstRound = [...kinds];

  const note = (kind: KindTally, name: string, problem: string) => {
    kind.problems++;
    if (tally.examples.length < MAX_EXAMPLES) tally.examples.push(`${name}: ${problem}`);
  };

  const worker = async () => {
    let connection: RawConnection | undefined;
    try {
      for (;;) {
        if (planned >= settings.requests) break;
        if (performance.now() >= deadline) {
          tally.stoppedBy = 'time';
          break;
        }
        const kind = firstRound.shift() ?? pickKind(random);
        const plan = kind.build(context);
        planned += plan.answers;
        const mine = (tally.byKind[kind.name] ??= { sent: 0, ms: 0, statuses: {}, problems: 0 });
        mine.sent += plan.answers;
        tally.sent += plan.answers;
        connection ??= await RawConnection.open(settings.port);
        const since = performance.now();
        for (const part of plan.parts) {
          if (typeof part === 'number') await sleep(part);
          else connection.write(part);
        }
        let closing = plan.incomplete === true;
        for (let i = 0; i < plan.answers; i++) {
          let result;
          try {
            result = await connection.read({ noBody: plan.head, timeoutMs: settings.answerTimeoutMs, since });
          } catch (error) {
            tally.unanswered += plan.answers - i;
            note(mine, kind.name, `unparseable answer: ${(error as Error).message}`);
            closing = true;
            break;
          }
          if (result.kind !== 'response') {
            tally.unanswered += plan.answers - i;
            note(mine, kind.name, result.kind === 'closed' ? `connection closed without answer ${i + 1} of ${plan.answers}` : `no answer within ${settings.answerTimeoutMs} ms`);
            closing = true;
            break;
          }
          const { response } = result;
          tally.answered++;
          const status = String(response.status);
          tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
          mine.statuses[status] = (mine.statuses[status] ?? 0) + 1;
          if (response.status >= 500) {
            tally.serverErrors++;
            note(mine, kind.name, `${status} ${response.text.slice(0, 120)}`);
          }
          if (!response.headers['x-amzn-requestid'] || (response.status >= 400 && !response.headers['x-amzn-errortype'])) {
            tally.missingAwsHeaders++;
            note(mine, kind.name, `${status} without x-amzn-RequestId or x-amzn-ErrorType`);
          }
          if (response.status >= 400 && !plan.head) {
            const problem = errorBodyProblem(response);
            if (problem) {
              tally.badErrorBodies++;
              note(mine, kind.name, `${status} ${problem}`);
            }
          }
          if (/\bclose\b/i.test(response.headers.connection ?? '')) closing = true;
        }
        mine.ms += performance.now() - since;
        if (closing || connection.closed) {
          // Our side: the server said it closes, or its state is unknown; the next kind starts afresh.
          connection.close();
          connection = undefined;
        }
      }
    } finally {
      connection?.close();
    }
  };

  await Promise.all(Array.from({ length: settings.connections }, worker));
  tally.seconds = (performance.now() - started) / 1000;
  return tally;
}
