// Counterexamples can hold 32 KB strings; a person needs their shape, not every byte.
const MAX_STRING = 80;
const MAX_ENTRIES = 12;

function shorten(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    const points = [...value];
    return points.length > MAX_STRING ? `${points.slice(0, MAX_STRING / 2).join('')}…(${points.length} code points)…${points.slice(-8).join('')}` : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ENTRIES).map((v) => shorten(v, depth + 1));
    return value.length > MAX_ENTRIES ? [...items, `…(${value.length - MAX_ENTRIES} more)`] : items;
  }
  const entries = Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries.slice(0, MAX_ENTRIES)) {
    Object.defineProperty(out, String(shorten(k, depth)), { value: shorten(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  if (entries.length > MAX_ENTRIES) out['…'] = `${entries.length - MAX_ENTRIES} more keys`;
  return out;
}

export function abbreviateJson(value: unknown): string {
  return JSON.stringify(shorten(value, 0)) ?? String(value);
}
