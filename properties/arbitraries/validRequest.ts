import fc from 'fast-check';
import { shapes, validateShape, type ShapeName } from '../../harness/contract/index.ts';
import { allowedCapabilities } from './allowedCapabilities.ts';
import { attributes } from './attributes.ts';
import { clientToken } from './clientToken.ts';
import { contactFlowId } from './contactFlowId.ts';
import { description } from './description.ts';
import { instanceId } from './instanceId.ts';
import { participantDetails } from './participantDetails.ts';
import { references } from './references.ts';
import { relatedContactId } from './relatedContactId.ts';
import { segmentAttributes } from './segmentAttributes.ts';
import type { RequestOptions, StartWebRTCContactRequest } from './types.ts';

type Member = keyof typeof shapes.StartWebRTCContactRequest.members;

/** The given ids, refused up front when one breaks its shape: a valid request must stay valid. */
function fixed(member: Member, values: string | readonly string[] | undefined, otherwise: fc.Arbitrary<string>): fc.Arbitrary<string> {
  if (values === undefined) return otherwise;
  const list = typeof values === 'string' ? [values] : values;
  if (list.length === 0) throw new RangeError(`validRequest: an empty list of ${member} values`);
  const shape = shapes.StartWebRTCContactRequest.members[member].shape as ShapeName;
  for (const value of list) {
    const violations = validateShape(shape, value);
    if (violations.length > 0) throw new RangeError(`validRequest: ${member} ${JSON.stringify(value)} breaks ${violations.map((v) => v.rule).join(', ')}`);
  }
  return fc.constantFrom(...list);
}

/**
 * StartWebRTCContact requests that `validate` accepts, biased towards every edge the contract
 * states: lengths at min and max in code points, 1- to 4-byte characters, A1 and R2 budgets met
 * exactly, prototype-named keys, every creation-time reference type, {} capabilities, nesting at
 * its limit. Optional members are present or absent. Each budget is kept by the part it governs,
 * so no combination of parts can exceed one.
 */
export function validRequest(options: RequestOptions = {}): fc.Arbitrary<StartWebRTCContactRequest> {
  const model: Record<string, fc.Arbitrary<unknown>> = {
    InstanceId: fixed('InstanceId', options.instanceId, instanceId()),
    ContactFlowId: fixed('ContactFlowId', options.contactFlowId, contactFlowId()),
    ParticipantDetails: participantDetails(),
    Attributes: attributes(),
    ClientToken: clientToken(),
    AllowedCapabilities: allowedCapabilities(),
    RelatedContactId: relatedContactId(),
    References: references(),
    Description: description(),
  };
  if (options.segmentAttributes !== false) model.SegmentAttributes = segmentAttributes();
  const unknown = Object.keys(model).filter((name) => !(name in shapes.StartWebRTCContactRequest.members));
  if (unknown.length > 0) throw new Error(`validRequest: not members of the request: ${unknown.join(', ')}`);
  const requiredKeys: string[] = [...shapes.StartWebRTCContactRequest.required];
  return fc.record(model, { requiredKeys, noNullPrototype: true }) as fc.Arbitrary<StartWebRTCContactRequest>;
}
