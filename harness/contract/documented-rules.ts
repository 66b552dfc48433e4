// Rules that exist only in AWS documentation prose: no schema-driven tool checks them, so the
// contract states them here, by the names docs/contract.md §3 gives them, with what is assumed marked so.

/** Where a statement comes from: documentation prose, or an assumption of this project. */
export type Source = 'documented' | 'assumed';

export const documentedRules = {
  A1: {
    rule: 'attribute-byte-budget',
    member: 'Attributes',
    text: 'At most 32,768 UTF-8 bytes across all attribute keys and values of a contact.',
    limitBytes: 32768,
    source: 'documented',
  },
  A2: {
    rule: 'attribute-key-charset',
    member: 'Attributes',
    text: 'Attribute keys contain only alphanumeric characters, "-" and "_".',
    // "Alphanumeric" is read as ASCII: the documentation does not say whether other scripts count.
    allowedPattern: '^[A-Za-z0-9_-]+$',
    source: 'documented',
  },
  R1: {
    rule: 'reference-type-at-creation',
    member: 'References',
    text: 'At creation, Reference.Type must be URL, NUMBER, STRING, DATE or EMAIL.',
    allowedTypes: ['URL', 'NUMBER', 'STRING', 'DATE', 'EMAIL'],
    // Documented for contacts created with references (tasks); that StartWebRTCContact applies the
    // same list is this project's reading.
    source: 'documented',
  },
  R2: {
    rule: 'reference-byte-budget',
    member: 'References',
    text: 'At most 4,096 UTF-8 bytes across all references of a contact (keys and values counted: an assumption).',
    limitBytes: 4096,
    // The budget is documented; what counts is not: keys plus values is the stricter reading, so a
    // budget crossed only by counting keys rests on an assumption (evidence.ts grades that case).
    counts: 'keys-and-values',
    source: 'documented',
  },
  R3: {
    rule: 'date-reference-value',
    member: 'References',
    text: 'A DATE reference value is an epoch timestamp (seconds or milliseconds: not stated).',
    referenceType: 'DATE',
    // Digits only, up to 13 of them: epoch seconds or milliseconds until the year 2286. The rule is
    // documented; this reading of "epoch timestamp" is an assumption.
    valuePattern: '^[0-9]{1,13}$',
    source: 'documented',
  },
} as const;

export type DocumentedRuleId = keyof typeof documentedRules;

/** The Reference.Type rule R3 constrains, named once. */
export const dateReferenceType = documentedRules.R3.referenceType;
