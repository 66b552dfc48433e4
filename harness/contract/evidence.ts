// How we know each rule holds on the real service, which decides what a departure from it means:
// a target that departs from a modeled, documented or observed rule has a *finding*; one that
// departs only from this project's assumption has a *divergence*, reported but not failed
// (docs/contract.md §4 and §9). Runtime-neutral, like the rest of the contract.
import { documentedRules } from './documented-rules.ts';
import { hasOwn, isObject } from './json-type.ts';
import { utf8ByteLength } from './unicode.ts';
import type { Rule, Violation } from './violation.ts';

/** modeled: in AWS's API model; documented: AWS documentation prose; observed: seen on the real service; assumed: ours. */
export type Source = 'modeled' | 'documented' | 'observed' | 'assumed';

/** Whether a statement rests on evidence (anything but an assumption). */
export const isEvidence = (source: Source): boolean => source !== 'assumed';

/**
 * Where the requirement to refuse a request breaking each rule comes from. Model constraints and
 * JSON types are in the model; A1, A2, R1 are documented; the nesting limit and the refusal of lone
 * surrogates are this project's choices (a Java JSON reader accepts both).
 */
export const ruleSources: Readonly<Record<Rule, Source>> = {
  type: 'modeled',
  'well-formed-unicode': 'assumed',
  'nesting-depth': 'assumed',
  required: 'modeled',
  length: 'modeled',
  'key-length': 'modeled',
  enum: 'modeled',
  pattern: 'modeled',
  'attribute-byte-budget': documentedRules.A1.source,
  'attribute-key-charset': documentedRules.A2.source,
  'reference-type-at-creation': documentedRules.R1.source,
  // Documented budget, assumed counting (keys and values): refined per request below.
  'reference-byte-budget': 'documented',
  // Documented rule, assumed reading of "epoch timestamp" (1 to 13 digits): refined below.
  'date-reference-value': 'documented',
};

/** Request body conditions found before validation, and where refusing them comes from. */
export const bodyConditionSources = {
  // restJson1: the body of this operation is a JSON document.
  'malformed-json': 'modeled',
  // Whether bytes that are not UTF-8 are refused or replaced is not stated anywhere.
  'invalid-utf8': 'assumed',
} as const satisfies Record<string, Source>;

const digitsOnly = /^[0-9]+$/;

function referenceValueBytes(request: unknown): number {
  if (!isObject(request) || !hasOwn(request, 'References') || !isObject(request.References)) return 0;
  let bytes = 0;
  for (const reference of Object.values(request.References)) {
    if (isObject(reference) && hasOwn(reference, 'Value') && typeof reference.Value === 'string') bytes += utf8ByteLength(reference.Value);
  }
  return bytes;
}

/**
 * The source of one violation of `request`. Two rules are partly assumed: the reference budget is
 * evidence only when the values alone exceed it (counting keys too is our reading), and a DATE value
 * of digits only is refused by evidence only when it is not digits (more than 13 digits is our
 * reading of "epoch timestamp").
 */
export function violationSource(violation: Violation, request: unknown): Source {
  switch (violation.rule) {
    case 'reference-byte-budget':
      return referenceValueBytes(request) > documentedRules.R2.limitBytes ? 'documented' : 'assumed';
    case 'date-reference-value':
      return typeof violation.actual === 'string' && digitsOnly.test(violation.actual) ? 'assumed' : 'documented';
    default:
      return ruleSources[violation.rule];
  }
}

/** The strongest source among the violations: refusing is required by evidence if any one is. */
export function refusalSource(violations: readonly Violation[], request: unknown): Source {
  let strongest: Source = 'assumed';
  for (const v of violations) {
    const source = violationSource(v, request);
    if (isEvidence(source)) return source;
    strongest = source;
  }
  return strongest;
}
