/** The JSON type name of a value, as error messages and violations report it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return t; // string, boolean, object, and for non-JSON inputs undefined, bigint, function, symbol
}

/** A plain JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ownProperty = Object.prototype.hasOwnProperty;

/** Own-property test that works on null-prototype objects and in runtimes without Object.hasOwn. */
export function hasOwn(object: object, key: string): boolean {
  return ownProperty.call(object, key);
}
