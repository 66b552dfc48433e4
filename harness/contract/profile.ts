// The fidelity profile: which AWS error the emulator answers for each condition, with its message
// template, and which error names a conformance check accepts from a target for it.
//
// THE DEFAULT PROFILE IS AN ASSUMPTION. AWS does not document which error each constraint violation
// of StartWebRTCContact gets (docs/contract.md §4), nor the name of its rate throttle. A profile
// observed on the real service can replace any entry from a JSON file (profile-file.ts).
//
// This table is the one place where error wording lives. Placeholders: {path} the member path,
// {limit}, {actual}, {relation} ("less than or equal to" / "greater than or equal to"),
// {errors} ("1 validation error" / "2 validation errors"), {details}, {id}, {reason}.
import { allRules, type Rule } from './violation.ts';
import { assumedLimits, type AssumedLimits } from './limits.ts';

export const serviceConditions = [
  'validation-summary',
  'malformed-json',
  'malformed-http',
  'invalid-utf8',
  'resource-not-found',
  'contact-not-found',
  'rate-throttle',
  'concurrent-calls',
  'injected-fault',
  'injected-throttle',
  'token-parameter-mismatch',
  'body-too-large',
  'unknown-operation',
  'request-timeout',
  'store-unavailable',
  'overloaded',
  'headers-too-large',
  'unsupported-expectation',
  'shutting-down',
] as const;

export type ServiceCondition = (typeof serviceConditions)[number];
export type Condition = Rule | ServiceCondition;
export const allConditions: readonly Condition[] = [...allRules, ...serviceConditions];

export interface ProfileEntry {
  /** The error the emulator answers with. */
  readonly error: string;
  readonly status: number;
  readonly message: string;
  /** Error names a target may answer with and still conform (always includes `error`). */
  readonly allowed: readonly string[];
  /** How we know: documented or modeled by AWS, observed on the real service, or assumed. */
  readonly source: 'modeled' | 'documented' | 'observed' | 'assumed';
}

export interface FidelityProfile {
  readonly name: string;
  readonly description: string;
  readonly entries: Readonly<Record<Condition, ProfileEntry>>;
  /**
   * The bounds AWS does not state (limits.ts): the emulator refuses beyond them and the conformance
   * oracle judges with them. `nestingDepth: null` switches the nesting bound off.
   */
  readonly limits: AssumedLimits;
  /**
   * What an observed profile (`conformance --observe`) recorded per condition, and where the real
   * service disagreed with the profile it was judged by. Free-form JSON written by the observer:
   * carried from file to file, never interpreted here.
   */
  readonly evidence?: Readonly<Record<string, unknown>>;
  readonly disagreements?: Readonly<Record<string, unknown>>;
}

const constraintErrors = ['InvalidParameterException', 'InvalidRequestException'];
const deserializationErrors = ['SerializationException', ...constraintErrors];
const throttleErrors = ['LimitExceededException', 'ThrottlingException', 'TooManyRequestsException'];

function assumed(error: string, status: number, message: string, allowed: readonly string[]): ProfileEntry {
  return { error, status, message, allowed, source: 'assumed' };
}

const valueAt = "Value at '{path}' failed to satisfy constraint: ";

export const defaultProfile: FidelityProfile = {
  name: 'default (assumed)',
  description: 'Not observed on the real service: error names and messages are this project\'s assumptions (docs/contract.md §4).',
  entries: {
    // Deserialization: the body is JSON, but not of the shapes' types.
    type: assumed('SerializationException', 400, "Value at '{path}' is of type {actual}, expected {limit}", deserializationErrors),
    'well-formed-unicode': assumed('SerializationException', 400, "Value at '{path}' is not well-formed Unicode (lone surrogate)", deserializationErrors),
    'nesting-depth': assumed('SerializationException', 400, "Value at '{path}' is nested deeper than {limit} levels", deserializationErrors),
    // Model constraints, worded as AWS's generated validators word them.
    required: assumed('InvalidParameterException', 400, `${valueAt}Member must not be null`, constraintErrors),
    length: assumed('InvalidParameterException', 400, `${valueAt}Member must have length {relation} {limit}`, constraintErrors),
    'key-length': assumed('InvalidParameterException', 400, `${valueAt}Map keys must have length {relation} {limit}`, constraintErrors),
    enum: assumed('InvalidParameterException', 400, `${valueAt}Member must satisfy enum value set: [{limit}]`, constraintErrors),
    pattern: assumed('InvalidParameterException', 400, `${valueAt}Member must satisfy regular expression pattern: {limit}`, constraintErrors),
    // Documentation-only rules (docs/contract.md §3: A1, A2, R1, R2, R3).
    'attribute-byte-budget': assumed('InvalidRequestException', 400, 'Attributes exceed the maximum size of {limit} bytes (found {actual})', constraintErrors),
    'attribute-key-charset': assumed('InvalidRequestException', 400, "Attribute key '{actual}' contains characters other than alphanumerics, '-' and '_'", constraintErrors),
    'reference-type-at-creation': assumed('InvalidRequestException', 400, "Reference type {actual} at '{path}' is not supported when a contact is created", constraintErrors),
    'reference-byte-budget': assumed('InvalidRequestException', 400, 'References exceed the maximum size of {limit} bytes (found {actual})', constraintErrors),
    'date-reference-value': assumed('InvalidRequestException', 400, "DATE reference value at '{path}' is not an epoch timestamp", constraintErrors),
    // The message that carries every constraint violation of one request.
    'validation-summary': assumed('InvalidParameterException', 400, '{errors} detected: {details}', constraintErrors),
    'malformed-json': assumed('SerializationException', 400, 'The request body is not valid JSON: {reason}', deserializationErrors),
    'malformed-http': assumed('SerializationException', 400, 'The request is not valid HTTP/1.1 ({reason})', deserializationErrors),
    'invalid-utf8': assumed('SerializationException', 400, 'The request body is not valid UTF-8', deserializationErrors),
    'resource-not-found': assumed('ResourceNotFoundException', 404, '{reason} not found: {id}', ['ResourceNotFoundException']),
    'contact-not-found': { error: 'ContactNotFoundException', status: 410, message: 'Contact not found: {id}', allowed: ['ContactNotFoundException', 'ResourceNotFoundException'], source: 'modeled' },
    'rate-throttle': assumed('LimitExceededException', 429, 'Rate exceeded', throttleErrors),
    'concurrent-calls': assumed('LimitExceededException', 429, 'The concurrent active calls quota of {limit} for this instance has been reached', throttleErrors),
    'injected-fault': { error: 'InternalServiceException', status: 500, message: 'Request processing failed because of an error or failure with the service', allowed: ['InternalServiceException'], source: 'modeled' },
    'injected-throttle': assumed('LimitExceededException', 429, 'Rate exceeded', throttleErrors),
    'token-parameter-mismatch': assumed('InvalidRequestException', 400, 'ClientToken {id} was already used with different parameters', constraintErrors),
    'body-too-large': assumed('RequestEntityTooLargeException', 413, 'Request body exceeds {limit} bytes', ['RequestEntityTooLargeException', 'SerializationException']),
    'unknown-operation': assumed('UnknownOperationException', 404, 'No operation matches {reason}', ['UnknownOperationException']),
    'request-timeout': assumed('RequestTimeoutException', 408, 'Request timed out before the body was received', ['RequestTimeoutException']),
    // The emulator cannot reach its Redis store: a server fault the SDKs retry (503), never a
    // start that could duplicate an acknowledged one.
    'store-unavailable': assumed('ServiceUnavailableException', 503, 'Service unavailable: {reason}; retry the request', ['ServiceUnavailableException', 'InternalServiceException']),
    // An emulator behaviour, not a claim about AWS: the emulator's own admission bound (too much
    // work in progress, or its event loop running late), shed at once with Retry-After
    // (docs/contract.md §1). 503 rather than 429, so that a load test can tell the emulator's
    // saturation from the quota it emulates; the SDKs retry both.
    overloaded: assumed('ServiceUnavailableException', 503, 'Service temporarily overloaded ({reason}); retry after {limit} s', ['ServiceUnavailableException', ...throttleErrors]),
    'headers-too-large': assumed('RequestHeaderFieldsTooLargeException', 431, 'The request line and headers exceed the size the service reads', ['RequestHeaderFieldsTooLargeException', 'SerializationException']),
    'unsupported-expectation': assumed('ExpectationFailedException', 417, 'Expect: {reason} is not supported (only 100-continue is)', ['ExpectationFailedException', 'SerializationException']),
    // Retryable: a request refused while the emulator stops never reached a handler, so a retry on a
    // new connection cannot start a second contact.
    'shutting-down': assumed('ServiceUnavailableException', 503, 'The service is shutting down; retry the request on a new connection', ['ServiceUnavailableException']),
  },
  limits: assumedLimits,
};
