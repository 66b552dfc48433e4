// What is compared of one side's answer: the status class, the error name as the SDKs read it, and
// the shape of the body (for a success the member paths present, never their values; for an error
// whether the body is JSON with a message), and with --messages the message as a template.
import { errorTypeOf } from '../conformance/auth-refusal.ts';
import { messageTemplate } from '../conformance/observe/message-template.ts';
import { lastResponse, type CallResult } from '../targets/exchange.ts';
import type { Reading } from './condition.ts';

export type ErrorBody = 'JSON with a message' | 'JSON without a message' | 'not JSON' | 'empty';

export interface Answer {
  readonly status: number;
  /** "2xx", "4xx", "5xx" … */
  readonly statusClass: string;
  /** The error name; undefined for a success. */
  readonly error: string | undefined;
  /** A success's JSON member paths, sorted (`/ConnectionData/Meeting/MeetingId`; list items as `*`). */
  readonly members?: readonly string[];
  /** An error's body. */
  readonly body?: ErrorBody;
  /** An error's message as a template (compared with --messages). */
  readonly message?: string;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Every member path of a JSON value, objects included; list items are one `*` level. */
export function memberPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) memberPaths(item, `${prefix}/*`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const path = `${prefix}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      out.add(path);
      memberPaths(v, path, out);
    }
  }
  return out;
}

/**
 * A message as a template, as `conformance --observe` templates what it records (the member path,
 * limits, values the case put in, ids and numbers become placeholders): two targets that word an
 * error alike give one template, whatever case provoked it, and an emulator started with an
 * observed profile compares equal to the target observed. A message that echoes a sensitive value
 * is not shown, only said to be withheld.
 */
export function templateMessage(message: string, reading: Reading): string {
  const templated = messageTemplate(message, {
    // Any condition that is not a model-constraint rule templates the message whole.
    condition: reading.condition ?? 'validation-summary',
    violations: reading.violations,
    request: reading.request,
    wireBody: reading.wireBody,
    reason: reading.reason,
  });
  return templated.ok ? templated.template : `(withheld: ${templated.withheld === 'sensitive' ? 'it echoes a sensitive value' : 'a summary of unlike details'})`;
}

function errorBody(text: string): { body: ErrorBody; message: string | undefined } {
  if (text.trim() === '') return { body: 'empty', message: undefined };
  const parsed = parseJson(text);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return { body: 'not JSON', message: undefined };
  const record = parsed.value as Record<string, unknown>;
  // The SDKs read either spelling.
  const message = typeof record.Message === 'string' ? record.Message : typeof record.message === 'string' ? record.message : undefined;
  return { body: message === undefined ? 'JSON without a message' : 'JSON with a message', message };
}

/** One side's answer; `reading` is what that side's own wire body meets (for templating its message). */
export function answerOf(result: CallResult, reading: Reading): Answer {
  const response = lastResponse(result.exchange);
  const status = response?.status ?? (result.ok ? 200 : (result.error.status ?? 0));
  const statusClass = `${Math.floor(status / 100)}xx`;
  if (result.ok) {
    const parsed = response ? parseJson(response.body) : { ok: true as const, value: result.output };
    const members = parsed.ok ? [...memberPaths(parsed.value)].sort() : ['(not JSON)'];
    return { status, statusClass, error: undefined, members };
  }
  const error = (response && errorTypeOf(response.headers)) || result.error.name;
  const { body, message } = response ? errorBody(response.body) : { body: 'empty' as const, message: undefined };
  const text = message ?? result.error.message;
  return { status, statusClass, error, body, ...(text ? { message: templateMessage(text, reading) } : {}) };
}

/** `400 InvalidParameterException`, `200`. */
export function answerLabel(answer: Answer): string {
  return answer.error === undefined ? String(answer.status) : `${answer.status} ${answer.error}`;
}

/**
 * How two answers differ, each difference in words; empty when they agree. The status code itself
 * is not compared, only its class (a 400 and a 404 of the same error name agree).
 */
export function differences(baseline: Answer, candidate: Answer, compareMessages: boolean): string[] {
  const out: string[] = [];
  if (baseline.statusClass !== candidate.statusClass) out.push(`status ${baseline.statusClass} vs ${candidate.statusClass}`);
  if (baseline.error !== candidate.error && baseline.error !== undefined && candidate.error !== undefined) out.push('error name');
  if (baseline.members && candidate.members) {
    const a = new Set(baseline.members);
    const b = new Set(candidate.members);
    const onlyA = baseline.members.filter((m) => !b.has(m));
    const onlyB = candidate.members.filter((m) => !a.has(m));
    if (onlyA.length) out.push(`members only the baseline returns: ${onlyA.join(', ')}`);
    if (onlyB.length) out.push(`members only the candidate returns: ${onlyB.join(', ')}`);
  }
  if (baseline.body && candidate.body && baseline.body !== candidate.body) out.push(`error body: baseline ${baseline.body}, candidate ${candidate.body}`);
  if (compareMessages && baseline.error !== undefined && baseline.error === candidate.error && baseline.message !== candidate.message) out.push('message wording');
  return out;
}
