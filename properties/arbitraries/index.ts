// fast-check arbitraries for StartWebRTCContact requests: valid ones biased to every edge of the
// contract, invalid ones tagged with the rule they break. Used by the law tests beside this folder,
// the conformance runner and the corpus generator.
export type {
  StartWebRTCContactRequest, Reference, SegmentAttributeValue, ParticipantCapabilities, JsonObject,
  InvalidTag, InvalidCase, InvalidTagClass, RequestCase, RequestOptions, InvalidRequestOptions,
} from './types.ts';

// The three entry points and the list of tag classes.
export { validRequest } from './validRequest.ts';
export { invalidRequest } from './invalidRequest.ts';
export { requestCase } from './requestCase.ts';
export { invalidTags } from './invalidTags.ts';

// Parts of a valid request.
export { instanceId } from './instanceId.ts';
export { contactFlowId } from './contactFlowId.ts';
export { participantDetails } from './participantDetails.ts';
export { attributes, type AttributesOptions } from './attributes.ts';
export { attributeKey } from './attributeKey.ts';
export { clientToken } from './clientToken.ts';
export { allowedCapabilities } from './allowedCapabilities.ts';
export { participantCapabilities } from './participantCapabilities.ts';
export { relatedContactId } from './relatedContactId.ts';
export { references, type ReferencesOptions } from './references.ts';
export { reference } from './reference.ts';
export { referenceKey } from './referenceKey.ts';
export { referenceValue } from './referenceValue.ts';
export { referenceArn } from './referenceArn.ts';
export { dateReferenceValue } from './dateReferenceValue.ts';
export { description } from './description.ts';
export { segmentAttributes } from './segmentAttributes.ts';
export { segmentAttributeName } from './segmentAttributeName.ts';
export { segmentAttributeValue } from './segmentAttributeValue.ts';
export { segmentAttributeChain, type SegmentAttributeChain } from './segmentAttributeChain.ts';

// Building blocks.
export { stringOfCodePoints, type StringOfCodePointsOptions } from './stringOfCodePoints.ts';
export { charOfWidth, type Utf8Width } from './charOfWidth.ts';
export { boundedString } from './boundedString.ts';
export { objectFromEntries } from './objectFromEntries.ts';
export { repeatToBytes } from './repeatToBytes.ts';
export { utf8Bytes } from './utf8Bytes.ts';
export { codePointCount } from './codePointCount.ts';
export { invalidCase } from './invalidCase.ts';
