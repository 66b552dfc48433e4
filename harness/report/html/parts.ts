// Pieces every section uses. Markup is written with htm's tagged templates over Preact and turned
// into a string by preact-render-to-string: every interpolated value is escaped as text or as an
// attribute value, so nothing a target answered (bodies, messages, names) can become markup, and
// no build step or JSX compiler is needed. The one raw insertion is a chart's SVG, which Vega
// produced from numbers and our own labels (chart-figure.ts).
import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { curlFor } from '../../conformance/redact.ts';
import type { WireRequest } from '../../targets/exchange.ts';
import type { JsonAttempt, JsonExchange } from '../inputs.ts';
import { scrubText } from '../sanitise.ts';
import { statusWords, type Count, type VerdictStatus } from '../verdict.ts';

export { html };
export type Node = VNode | string | null | readonly Node[];

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
export const seconds = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);

/** Long text shortened for the page, saying how much was left out. */
export function clip(text: string, max = 4000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

export function Badge(status: VerdictStatus, text = statusWords[status]): VNode {
  return html`<span class=${`badge badge-${status}`}>${text}</span>`;
}

export function Counts(counts: readonly Count[]): VNode {
  return html`<ul class="counts">
    ${counts.map((c) => html`<li class=${c.bad && c.value !== 0 ? 'count count-bad' : 'count'}><span class="count-value">${String(c.value)}</span><span class="count-label">${c.label}</span></li>`)}
  </ul>`;
}

export function Code(text: string, label?: string): VNode {
  return html`<div class="code">${label ? html`<div class="code-label">${label}</div>` : null}<pre><code>${clip(text)}</code></pre></div>`;
}

export function KeyValues(rows: readonly (readonly [string, string | number | boolean | undefined | null])[]): VNode {
  return html`<dl class="config">${rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>`;
}

export function Table(head: readonly string[], rows: readonly (readonly Node[])[], className = ''): VNode {
  return html`<table class=${className}>
    <thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
  </table>`;
}

function isWireRequest(request: JsonAttempt['request']): request is Omit<WireRequest, 'query'> & { readonly query?: WireRequest['query'] } {
  return request !== undefined && typeof request.method === 'string' && typeof request.origin === 'string' && typeof request.path === 'string' && typeof request.headers === 'object' && typeof request.body === 'string';
}

/**
 * The request as curl: rebuilt from the (sanitised) request with the reporters' own curlFor, which
 * redacts again and signs with credentials from the environment; a recorded curl line is shown,
 * scrubbed, only when the request itself is missing.
 */
export function curlOf(attempt: JsonAttempt): string | undefined {
  if (isWireRequest(attempt.request)) return scrubText(curlFor({ ...attempt.request, query: attempt.request.query ?? {} }));
  return attempt.curl === undefined ? undefined : scrubText(attempt.curl);
}

function prettyBody(body: string | undefined): string {
  if (body === undefined || body === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The last attempt of an exchange: the request as curl, and the answer. */
export function ExchangeView(exchange: JsonExchange | undefined, side = ''): VNode | null {
  const attempt = exchange?.attempts?.at(-1);
  if (attempt === undefined) return null;
  const curl = curlOf(attempt);
  const response = attempt.response;
  const errorType = response?.headers?.['x-amzn-errortype'];
  const answer = response
    ? `${response.status ?? '?'}${errorType ? ` ${errorType}` : ''}\n${prettyBody(response.body)}`
    : `no answer: ${attempt.networkError ?? 'unknown'}`;
  return html`<div class="exchange">
    ${curl === undefined ? null : Code(curl, `${side}request (curl; signs with $AWS_ACCESS_KEY_ID / $AWS_SECRET_ACCESS_KEY, sensitive members redacted)`)}
    ${Code(answer, `${side}answer${exchange?.operation ? ` to ${exchange.operation}` : ''}${exchange?.durationMs === undefined ? '' : ` after ${exchange.durationMs} ms`}`)}
  </div>`;
}
