import { hasOwn, isObject } from '../../harness/contract/index.ts';
import { utf8Bytes } from '../arbitraries/utf8Bytes.ts';

/** Bytes a map spends of its budget: keys, plus string values or a structure's string Value. */
export function budgetBytes(map: Record<string, unknown>): number {
  let n = 0;
  for (const key of Object.keys(map)) {
    const value = map[key];
    n += utf8Bytes(key);
    if (typeof value === 'string') n += utf8Bytes(value);
    else if (isObject(value) && hasOwn(value, 'Value') && typeof value.Value === 'string') n += utf8Bytes(value.Value);
  }
  return n;
}
