// The cases a diff sends: the coverage phase's fixed list (valid, then invalid) and fast-check's
// random valid and invalid cases, all generated with the baseline's ids. Each side gets its own copy
// of a case: the baseline's ids mapped to the candidate's (a mutated id stays mutated), and a
// ClientToken chosen when it is sent unless the case is about tokens.
import { randomUUID } from 'node:crypto';
import type fc from 'fast-check';
import { codePointLength, hasOwn, shapes } from '../contract/index.ts';
import { requestCase, type JsonObject, type RequestCase } from '../../properties/arbitraries/index.ts';
import { coverageCases } from '../../properties/coverage/index.ts';

export type DiffCase = RequestCase;

export type SideName = 'baseline' | 'candidate';
export const sides: readonly SideName[] = ['baseline', 'candidate'];

export interface SideIds {
  readonly instanceId: string;
  readonly contactFlowId: string;
}

/** Share of the random phase's cases that are invalid. */
export const RANDOM_INVALID_RATIO = 0.5;

/** The coverage phase: every valid coverage case, then every invalid one; `coverage:N` indexes this list. */
export function coverageList(ids: SideIds): readonly DiffCase[] {
  const { valid, invalid } = coverageCases(ids);
  return [...valid.map((request): DiffCase => ({ kind: 'valid', request })), ...invalid.map(({ request, tag }): DiffCase => ({ kind: 'invalid', request, tag }))];
}

/** The random phase's cases, half valid and half invalid, from the seed given to fast-check. */
export function randomCases(ids: SideIds): fc.Arbitrary<DiffCase> {
  return requestCase(RANDOM_INVALID_RATIO, ids);
}

/** A token this long is a boundary case: it is sent as generated. */
const tokenMaxLength: number = shapes.ClientToken.length.max;

/**
 * Whether the case's ClientToken is part of what it tests, and so must be sent as generated: a case
 * tagged at the token, an empty or non-string token (no deduplication, or a type the SDK handles),
 * or a token at its maximum length. Any other token is replaced by a fresh one on every send: a
 * generated token repeats across cases, shrink candidates and the two sides, and a repeated token
 * replays an earlier contact instead of starting one.
 */
export function isAboutTokens(c: DiffCase): boolean {
  if (c.kind === 'invalid' && (c.tag.path === '/ClientToken' || c.tag.path.startsWith('/ClientToken/'))) return true;
  if (!hasOwn(c.request, 'ClientToken')) return false;
  const token = (c.request as JsonObject).ClientToken;
  if (typeof token !== 'string' || token === '') return true;
  return codePointLength(token) >= tokenMaxLength;
}

/**
 * The request one side receives. Ids equal to the baseline's become the side's own; a ClientToken
 * that is not the case's subject becomes a fresh UUID (an absent one stays absent: the SDK fills it
 * with a fresh one itself).
 */
export function requestFor(c: DiffCase, baseline: SideIds, side: SideIds): JsonObject {
  const request: JsonObject = { ...(c.request as JsonObject) };
  if (request.InstanceId === baseline.instanceId) request.InstanceId = side.instanceId;
  if (request.ContactFlowId === baseline.contactFlowId) request.ContactFlowId = side.contactFlowId;
  if (hasOwn(request, 'ClientToken') && !isAboutTokens(c)) request.ClientToken = randomUUID();
  return request;
}
