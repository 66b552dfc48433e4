// A cassette: every exchange of a conformance run, one JSON object per line (docs/conformance.md,
// "Cassettes"). The first line says what was recorded; each next line is one call as it went over
// the wire, redacted: no Authorization credential or signature, no session token, and every
// sensitive member (Description, ParticipantToken, JoinToken) replaced by `<redacted:N>`, N its
// length in code points (`<redacted:N:ill-formed>` when it held a lone surrogate), or, when it was not a string (a wrong-type case), by `<redacted:number>`,
// `<redacted:boolean>`, `<redacted:array>` or `<redacted:object>` (null stays null: it hides
// nothing), so that a replay can send a value of the same length or type. Kept to attach to a bug
// report, to read, and to send again to another target (`--replay-cassette`).
import { codePointLength, isWellFormed } from '../../contract/index.ts';
import type { AuthVariant } from '../../targets/connect-client.ts';
import type { Attempt, Exchange, WireRequest, WireResponse } from '../../targets/exchange.ts';
import type { OperationName } from '../../targets/operations.ts';
import { redactRequest, redactResponse, type RedactionMark } from '../redact.ts';
import { roundMs } from '../reporters/round.ts';

export const CASSETTE_FORMAT = 'connect-harness/cassette@1';

/** The first line. */
export interface CassetteHeader {
  readonly cassette: typeof CASSETTE_FORMAT;
  readonly recordedAt: string;
  readonly target: { readonly kind: string; readonly description: string; readonly region: string; readonly instanceId: string; readonly contactFlowId: string };
  /** The run's seed and random cases per check, when it was a conformance run. */
  readonly seed?: number;
  readonly runs?: number;
}

/** Every other line. */
export interface CassetteEntry {
  /** 1, 2, …: the order the exchanges finished in. */
  readonly seq: number;
  /** When the exchange finished. */
  readonly at: string;
  /** The check that made it, or "preflight" / "cleanup" (contacts stopped at the end). */
  readonly check: string;
  readonly operation: OperationName;
  /** How the request was signed: "signed", or the refusal the auth check wanted ("unsigned", "wrong-secret", …). */
  readonly auth: AuthVariant;
  readonly durationMs: number;
  readonly attempts: readonly { readonly request: WireRequest; readonly response: WireResponse | null; readonly networkError: string | null }[];
}

/** `<redacted:N>` for a string (N code points); for anything else its JSON type only. */
export const lengthMark: RedactionMark = (value) => {
  if (typeof value === 'string') return `<redacted:${codePointLength(value)}${isWellFormed(value) ? '' : ':ill-formed'}>`;
  if (value === null) return null;
  return `<redacted:${Array.isArray(value) ? 'array' : typeof value}>`;
};

function attemptLine(attempt: Attempt): CassetteEntry['attempts'][number] {
  return {
    request: redactRequest(attempt.request, lengthMark),
    response: attempt.response ? redactResponse(attempt.response, lengthMark) : null,
    networkError: attempt.networkError ?? null,
  };
}

export function entryFor(seq: number, check: string, exchange: Exchange, auth: AuthVariant): CassetteEntry {
  return {
    seq,
    at: new Date().toISOString(),
    check,
    operation: exchange.operation as OperationName,
    auth,
    durationMs: roundMs(exchange.durationMs),
    attempts: exchange.attempts.map(attemptLine),
  };
}

/** A cassette's text, read back; throws, naming the line, when it is not one. */
export function parseCassette(text: string): { header: CassetteHeader; entries: CassetteEntry[] } {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const parse = (line: string, index: number): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`line ${index + 1} is not JSON`);
    }
  };
  const header = parse(lines[0] ?? '', 0) as Partial<CassetteHeader>;
  if (lines.length === 0 || header.cassette !== CASSETTE_FORMAT) throw new Error(`not a cassette: the first line must have "cassette": "${CASSETTE_FORMAT}"`);
  const entries = lines.slice(1).map((line, i) => {
    const entry = parse(line, i + 1) as Partial<CassetteEntry>;
    const first = entry.attempts?.[0]?.request;
    if (typeof entry.seq !== 'number' || typeof entry.operation !== 'string' || typeof entry.auth !== 'string' || !first || typeof first.path !== 'string' || typeof first.body !== 'string') {
      throw new Error(`line ${i + 2} is not a cassette entry (seq, operation, auth, attempts[].request)`);
    }
    return entry as CassetteEntry;
  });
  return { header: header as CassetteHeader, entries };
}
