// The values these arbitraries produce. Requests are type aliases (not interfaces) so that a valid
// request is also a JsonObject, which is what every consumer (validator, SDK, corpus) takes.
import type fc from 'fast-check';
import type { Rule } from '../../harness/contract/index.ts';

export type ParticipantCapabilities = { Video?: string; ScreenShare?: string };

export type SegmentAttributeValue = {
  ValueString?: string;
  ValueMap?: Record<string, SegmentAttributeValue>;
  ValueInteger?: number;
  ValueList?: SegmentAttributeValue[];
  ValueArn?: string;
};

export type Reference = { Type: string; Value?: string; Status?: string; Arn?: string; StatusReason?: string };

/** A StartWebRTCContact request that `validate` accepts. */
export type StartWebRTCContactRequest = {
  InstanceId: string;
  ContactFlowId: string;
  ParticipantDetails: { DisplayName: string };
  Attributes?: Record<string, string>;
  ClientToken?: string;
  AllowedCapabilities?: { Customer?: ParticipantCapabilities; Agent?: ParticipantCapabilities };
  RelatedContactId?: string;
  References?: Record<string, Reference>;
  Description?: string;
  SegmentAttributes?: Record<string, SegmentAttributeValue>;
};

/** Any JSON object, as JSON.parse gives it: what an invalid request is. */
export type JsonObject = Record<string, unknown>;

/** Which rule an invalid request breaks and where `validate` must report it. */
export interface InvalidTag {
  /** The tag class (one entry of `invalidTags`), e.g. "length/InstanceId/max+1". */
  readonly class: string;
  readonly rule: Rule;
  /** RFC 6901 JSON Pointer of the violation. */
  readonly path: string;
  /** What this very case does, for humans. */
  readonly note: string;
}

export interface InvalidCase {
  readonly request: JsonObject;
  readonly tag: InvalidTag;
}

export type RequestCase =
  | { readonly kind: 'valid'; readonly request: StartWebRTCContactRequest }
  | { readonly kind: 'invalid'; readonly request: JsonObject; readonly tag: InvalidTag };

/** One class of invalid case: a rule broken in one way at one member (or one group of members). */
export interface InvalidTagClass {
  readonly class: string;
  readonly rule: Rule;
  readonly note: string;
  /** The top-level request members a case of this class may change. */
  readonly members: readonly string[];
}

export interface RequestOptions {
  /** Use only these instance ids (a target knows only some); mutations of InstanceId still override. */
  readonly instanceId?: string | readonly string[];
  /** Use only these flow ids; mutations of ContactFlowId still override. */
  readonly contactFlowId?: string | readonly string[];
  /** false: never send SegmentAttributes (SDKs older than the member). Default true. */
  readonly segmentAttributes?: boolean;
}

export interface InvalidRequestOptions extends RequestOptions {
  /** Only these tag classes (ids from `invalidTags`). */
  readonly classes?: readonly string[];
  /** Only classes breaking these rules. */
  readonly rules?: readonly Rule[];
}

/** A tag class with the way to build its cases over a valid base request. */
export interface InvalidClass extends InvalidTagClass {
  /** undefined when the options leave nothing to mutate (e.g. SegmentAttributes turned off). */
  build(base: fc.Arbitrary<StartWebRTCContactRequest>, options: RequestOptions): fc.Arbitrary<InvalidCase> | undefined;
}
