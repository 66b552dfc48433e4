// A violation is data: which constraint kind failed, where, against which limit, with what value.
// Messages are rendered from it last, in messages.ts; tests assert on this data, never on text.

export const schemaRules = ['required', 'length', 'key-length', 'enum', 'pattern'] as const;
/** Problems with the JSON itself rather than a constraint: a deserializer would refuse them. */
export const serializationRules = ['type', 'well-formed-unicode', 'nesting-depth'] as const;
/** docs/contract.md §3: A1, A2, R1, R2, R3. */
export const documentedRuleNames = [
  'attribute-byte-budget',
  'attribute-key-charset',
  'reference-type-at-creation',
  'reference-byte-budget',
  'date-reference-value',
] as const;

export type SchemaRule = (typeof schemaRules)[number];
export type SerializationRule = (typeof serializationRules)[number];
export type DocumentedRule = (typeof documentedRuleNames)[number];
export type Rule = SchemaRule | SerializationRule | DocumentedRule;

export const allRules: readonly Rule[] = [...serializationRules, ...schemaRules, ...documentedRuleNames];

export interface Violation {
  /** RFC 6901 JSON Pointer to the offending value ("" is the whole request). */
  readonly path: string;
  readonly rule: Rule;
  /** The bound that was crossed: a number, an expected type, a pattern, or the allowed values. */
  readonly limit?: number | string | readonly string[];
  /** What was found: a count, a JSON type, or a (truncated, never sensitive) value. */
  readonly actual?: number | string;
}

/** Appends one reference token to a JSON Pointer, escaping "~" and "/" as RFC 6901 requires. */
export function childPath(path: string, token: string): string {
  // Most tokens need no escaping; testing first spares two replace() calls on the validator's path.
  return needsEscape.test(token) ? `${path}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}` : `${path}/${token}`;
}

const needsEscape = /[~/]/;

/** The reference tokens of a JSON Pointer, unescaped. */
export function pathTokens(path: string): string[] {
  if (path === '') return [];
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}
