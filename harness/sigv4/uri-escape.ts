// RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ becomes %XX
// (uppercase hex) over the UTF-8 bytes. Two entry points: one for decoded text (what the signer
// escapes), one for text already encoded on the wire (what the verifier re-encodes).

const ALL_UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const HEX = '0123456789ABCDEF';

/**
 * Escapes decoded text exactly like @smithy/signature-v4's escapeUri (encodeURIComponent plus
 * `!'()*`), except that it never throws: a lone surrogate becomes U+FFFD, as TextEncoder and
 * Buffer would encode it, where encodeURIComponent throws URIError.
 */
export function uriEscape(text: string): string {
  if (ALL_UNRESERVED.test(text)) return text; // the common case: names, ids, dates
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    encoded = encodeURIComponent(replaceLoneSurrogates(text));
  }
  return encoded.replace(/[!'()*]/g, escapeAsciiChar);
}

function escapeAsciiChar(c: string): string {
  return percent(c.charCodeAt(0));
}

function percent(byte: number): string {
  return '%' + HEX.charAt(byte >> 4) + HEX.charAt(byte & 15);
}

function replaceLoneSurrogates(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += text.charAt(i) + text.charAt(i + 1);
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : text.charAt(i);
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function isUnreservedByte(b: number): boolean {
  return (
    (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) ||
    b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e
  );
}

/**
 * Canonical form of one query key or value as received on the wire: decode `%XY` to its byte,
 * then escape every byte that is not unreserved. Works on bytes, not characters, so that it never
 * throws and is its own fixed point: `%7e` becomes `~`, `%2b` becomes `%2B`, a stray `%` or an
 * invalid UTF-8 escape such as a lone `%C3` survives as bytes. `+` is taken literally (RFC 3986),
 * not as a space: the SDKs always send a space as `%20`. Characters above U+007F (Node refuses them
 * on the request line; a caller may still pass them) count as their UTF-8 bytes.
 */
export function reencodeComponent(wire: string): string {
  if (ALL_UNRESERVED.test(wire)) return wire;
  let out = '';
  const n = wire.length;
  for (let i = 0; i < n; i++) {
    let c = wire.charCodeAt(i);
    if (c === 0x25 && i + 2 < n) {
      const hi = hexValue(wire.charCodeAt(i + 1));
      const lo = hexValue(wire.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        const b = (hi << 4) | lo;
        out += isUnreservedByte(b) ? String.fromCharCode(b) : percent(b);
        i += 2;
        continue;
      }
    }
    if (c < 0x80) {
      out += isUnreservedByte(c) ? wire.charAt(i) : percent(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = wire.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    out += utf8Percent(c);
  }
  return out;
}

function utf8Percent(cp: number): string {
  if (cp < 0x800) return percent(0xc0 | (cp >> 6)) + percent(0x80 | (cp & 63));
  if (cp < 0x10000) {
    return percent(0xe0 | (cp >> 12)) + percent(0x80 | ((cp >> 6) & 63)) + percent(0x80 | (cp & 63));
  }
  return (
    percent(0xf0 | (cp >> 18)) + percent(0x80 | ((cp >> 12) & 63)) +
    percent(0x80 | ((cp >> 6) & 63)) + percent(0x80 | (cp & 63))
  );
}
