// The canonical query string: every parameter escaped per RFC 3986, sorted by escaped name, then by
// escaped value; `X-Amz-Signature` left out (it cannot sign itself, and @smithy/signature-v4 always
// drops it). A record is escaped the way @smithy/signature-v4 escapes one; a string is the query as
// it stands on the wire (no leading `?`) and is re-encoded, so that `%7e` and `~` sign alike.
import { reencodeComponent, uriEscape } from './uri-escape.ts';

/** Query parameters by decoded name; a repeated name takes an array. */
export type QueryRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

const SIGNATURE_PARAM = 'x-amz-signature';

export function canonicalQuery(query: string | QueryRecord | undefined): string {
  if (query === undefined) return '';
  return typeof query === 'string' ? canonicalQueryFromWire(query) : canonicalQueryFromRecord(query);
}

/** Mirrors @smithy/signature-v4 getCanonicalQuery. */
export function canonicalQueryFromRecord(query: QueryRecord): string {
  const keys: string[] = [];
  const serialized = new Map<string, string>();
  for (const key of Object.keys(query)) {
    if (key.toLowerCase() === SIGNATURE_PARAM) continue;
    const value = query[key];
    const encodedKey = uriEscape(key);
    if (typeof value === 'string') {
      keys.push(encodedKey);
      serialized.set(encodedKey, `${encodedKey}=${uriEscape(value)}`);
    } else if (Array.isArray(value) && value.length > 0) {
      keys.push(encodedKey);
      const pairs = (value as readonly string[]).map((v) => `${encodedKey}=${uriEscape(v)}`).sort();
      serialized.set(encodedKey, pairs.join('&'));
    }
  }
  return keys
    .sort()
    .map((k) => serialized.get(k))
    .join('&');
}

/** `a=1&b` becomes pairs (a, 1), (b, ""); empty pieces (`&&`) are skipped. */
export function canonicalQueryFromWire(wire: string): string {
  if (wire.length === 0) return '';
  const pairs: [string, string][] = [];
  for (const piece of wire.split('&')) {
    if (piece.length === 0) continue;
    const eq = piece.indexOf('=');
    const key = reencodeComponent(eq < 0 ? piece : piece.slice(0, eq));
    if (key.toLowerCase() === SIGNATURE_PARAM) continue;
    pairs.push([key, eq < 0 ? '' : reencodeComponent(piece.slice(eq + 1))]);
  }
  // Canonical forms are ASCII, so code-unit order is byte order.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as [string, string];
    out += (i === 0 ? '' : '&') + pair[0] + '=' + pair[1];
  }
  return out;
}
