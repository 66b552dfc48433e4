/**
 * An object with one own enumerable data property per entry, as JSON.parse builds it. Defining (not
 * assigning) each property keeps "__proto__" an ordinary key instead of a prototype change; a later
 * entry with the same key replaces the value in the first entry's position, as JSON.parse does.
 */
export function objectFromEntries<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
