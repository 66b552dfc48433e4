// Bytes on the wire → a JSON value, or the deserialization condition a service would answer with.
// Shared by the emulator and `connect-harness validate`, so both refuse the same bodies the same way.
import { truncateCodePoints } from './unicode.ts';
import { firstDuplicateKey, hasRepeatedKeys } from './duplicate-keys.ts';

export type ParsedBody =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly condition: 'invalid-utf8' | 'malformed-json'; readonly reason: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function parseBody(bytes: Uint8Array): ParsedBody {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, condition: 'invalid-utf8', reason: 'invalid UTF-8' };
  }
  return parseBodyText(text);
}

/** The same, for a body already decoded (the conformance oracle holds the text the SDK sent). */
export function parseBodyText(text: string): ParsedBody {
  // restJson1: an empty body is an empty input structure.
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // SyntaxError for bad JSON, RangeError when nesting exhausts the parser's stack. V8's messages
    // quote the text around the error, which may be a secret's neighbour: only the kind is kept.
    const reason = error instanceof RangeError ? 'nested too deeply' : /end of JSON input/.test(String((error as Error)?.message)) ? 'unexpected end of input' : 'unexpected character';
    return { ok: false, condition: 'malformed-json', reason };
  }
  // Only objects can repeat a key. Counting says whether one does; the scan then names it.
  const duplicate = typeof value === 'object' && value !== null && hasRepeatedKeys(text, value) ? firstDuplicateKey(text) : undefined;
  if (duplicate !== undefined) {
    return { ok: false, condition: 'malformed-json', reason: `duplicate key ${JSON.stringify(truncateCodePoints(duplicate, 64))}` };
  }
  return { ok: true, value };
}
