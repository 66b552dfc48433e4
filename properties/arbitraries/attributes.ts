import fc from 'fast-check';
import { documentedRules, shapes } from '../../harness/contract/index.ts';
import { attributeKey } from './attributeKey.ts';
import { attributeKeyChars } from '../internal/attributeKeyChars.ts';
import { charOfWidth, type Utf8Width } from './charOfWidth.ts';
import { codePointCount } from './codePointCount.ts';
import { lengthOf } from '../internal/lengthOf.ts';
import { objectFromEntries } from './objectFromEntries.ts';
import { repeatToBytes } from './repeatToBytes.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';
import { utf8Bytes } from './utf8Bytes.ts';

export interface AttributesOptions {
  /** Keys plus values weigh exactly this many UTF-8 bytes (rule A1's reading). */
  readonly exactBytes?: number;
  /** UTF-8 widths of the character that fills up to exactBytes (default: any). */
  readonly fillWidths?: readonly Utf8Width[];
}

const A1 = documentedRules.A1;
const keyLength = lengthOf(shapes.Attributes.key.shape);
const valueLength = lengthOf(shapes.Attributes.value.shape);
/** Generator tuning: ordinary values stay small, the budget modes make the big ones. */
const TYPICAL_VALUE = 200;
const TYPICAL_ENTRIES = 6;

const entries = fc.array(fc.tuple(attributeKey(), stringOfCodePoints(valueLength.min, Math.min(valueLength.max, TYPICAL_VALUE))), {
  maxLength: TYPICAL_ENTRIES,
});
const keyChar = fc.constantFrom(...attributeKeyChars());

/** Keeps entries (first of a key wins) while keys plus values stay within `budget` bytes. */
function fit(planned: readonly (readonly [string, string])[], budget: number, kept: [string, string][] = []): [string, string][] {
  const seen = new Set(kept.map(([k]) => k));
  let total = kept.reduce((n, [k, v]) => n + utf8Bytes(k) + utf8Bytes(v), 0);
  for (const [k, v] of planned) {
    const bytes = utf8Bytes(k) + utf8Bytes(v);
    if (seen.has(k) || total + bytes > budget) continue;
    seen.add(k);
    kept.push([k, v]);
    total += bytes;
  }
  return kept;
}

/** A map of exactly `target` bytes: random entries, then the first entry's value takes up the rest. */
function exactly(target: number, fillWidths?: readonly Utf8Width[]): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(attributeKey(), entries, charOfWidth(fillWidths), charOfWidth([2, 3, 4]))
    .map(([sinkKey, planned, fill, wideFill]) => {
      if (target <= 0) return {};
      const sink = sinkKey.slice(0, target); // attribute keys are ASCII: one byte per unit
      const kept = fit(planned, target, [[sink, '']]);
      const rest = target - kept.reduce((n, [k, v]) => n + utf8Bytes(k) + utf8Bytes(v), 0);
      let value = repeatToBytes(rest, fill);
      // 1-byte filler past the value's maximum length: the same bytes in fewer, wider code points.
      if (codePointCount(value) > valueLength.max) value = repeatToBytes(rest, wideFill);
      (kept[0] as [string, string])[1] = value;
      return objectFromEntries(kept);
    });
}

/** One key at AttributeName's maximum length (as far as A1 allows), the rest of the budget as value. */
function giantKey(): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(fc.array(keyChar, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([pattern, fillValue]) => {
    const n = Math.min(keyLength.max, A1.limitBytes);
    const key = pattern.join('').repeat(Math.ceil(n / pattern.length)).slice(0, n);
    const room = Math.min(valueLength.max, A1.limitBytes - n);
    return objectFromEntries([[key, fillValue ? 'v'.repeat(room) : '']]);
  });
}

/** One short key with a value at AttributeValue's maximum length (ASCII: the only way to fit A1). */
function giantValue(): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(keyChar, fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 1, maxLength: 6 })).map(([key, cps]) => {
    const n = Math.min(valueLength.max, A1.limitBytes - utf8Bytes(key));
    const unit = String.fromCharCode(...cps);
    return objectFromEntries([[key, unit.repeat(Math.ceil(n / unit.length)).slice(0, n)]]);
  });
}

/**
 * Valid Attributes maps, budget-aware: {} , a few entries under A1's budget, exactly the budget
 * filled with 1- to 4-byte characters, a giant key, a giant value. With `exactBytes`, only the
 * exact mode (which is how the "one byte over" invalid case is made).
 */
export function attributes(options: AttributesOptions = {}): fc.Arbitrary<Record<string, string>> {
  if (options.exactBytes !== undefined) return exactly(options.exactBytes, options.fillWidths);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null).map(() => ({})) },
    { weight: 3, arbitrary: entries.map((planned) => objectFromEntries(fit(planned, A1.limitBytes))) },
    { weight: 2, arbitrary: exactly(A1.limitBytes) },
    { weight: 1, arbitrary: giantKey() },
    { weight: 1, arbitrary: giantValue() },
  );
}
