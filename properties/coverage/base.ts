import { shapes, validateShape, type ShapeName } from '../../harness/contract/index.ts';
import { minimalValid } from '../internal/minimalValid.ts';
import { objectFromEntries } from '../arbitraries/objectFromEntries.ts';
import type { RequestOptions, StartWebRTCContactRequest } from '../arbitraries/index.ts';

type IdMember = 'InstanceId' | 'ContactFlowId';

/** The first id the options give (a target knows only those), checked against its shape as validRequest checks it. */
function firstId(member: IdMember, values: string | readonly string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  const list = typeof values === 'string' ? [values] : values;
  const first = list[0];
  if (first === undefined) throw new RangeError(`coverageCases: an empty list of ${member} values`);
  const shape = shapes.StartWebRTCContactRequest.members[member].shape as ShapeName;
  const violations = validateShape(shape, first);
  if (violations.length > 0) throw new RangeError(`coverageCases: ${member} ${JSON.stringify(first)} breaks ${violations.map((v) => v.rule).join(', ')}`);
  return first;
}

/**
 * The request every coverage case starts from: the model's smallest valid request (required members
 * only) with the ids the options fix. Small on purpose, so that each case's one change is all a
 * target sees, and a refusal can only be about that change.
 */
export function coverageBase(options: RequestOptions): StartWebRTCContactRequest {
  const minimal = minimalValid('StartWebRTCContactRequest') as Record<string, unknown>;
  const ids: Record<IdMember, string | undefined> = {
    InstanceId: firstId('InstanceId', options.instanceId),
    ContactFlowId: firstId('ContactFlowId', options.contactFlowId),
  };
  const entries = Object.keys(minimal).map((k): [string, unknown] => [k, ids[k as IdMember] ?? minimal[k]]);
  return objectFromEntries(entries) as StartWebRTCContactRequest;
}
