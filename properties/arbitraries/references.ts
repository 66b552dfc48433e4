import fc from 'fast-check';
import { documentedRules, shapes, dateReferenceType } from '../../harness/contract/index.ts';
import { charOfWidth, type Utf8Width } from './charOfWidth.ts';
import { freeTextReferenceType } from './freeTextReferenceType.ts';
import { lengthOf } from './lengthOf.ts';
import { objectFromEntries } from './objectFromEntries.ts';
import { reference } from './reference.ts';
import { referenceKey } from './referenceKey.ts';
import { repeatToBytes } from './repeatToBytes.ts';
import { utf8Bytes } from './utf8Bytes.ts';
import type { Reference } from './types.ts';

export interface ReferencesOptions {
  /** Keys plus Values weigh exactly this many UTF-8 bytes (rule R2's assumed reading). */
  readonly exactBytes?: number;
  /** UTF-8 widths of the character that fills up to exactBytes (default: any). */
  readonly fillWidths?: readonly Utf8Width[];
}

type Entry = [string, Reference];

const R2 = documentedRules.R2;
const keyLength = lengthOf(shapes.ContactReferences.key.shape);
const TYPICAL_ENTRIES = 5;
/** How far under the budget the "near" mode lands: 0 is exactly at it. */
const SLACKS = [0, 0, 1, 2, 3, 7] as const;

const entries = fc.array(fc.tuple(referenceKey(), reference()), { maxLength: TYPICAL_ENTRIES });

const bytesOf = ([key, ref]: Entry): number => utf8Bytes(key) + utf8Bytes(ref.Value ?? '');

function fit(planned: readonly Entry[], budget: number, kept: Entry[] = []): Entry[] {
  const seen = new Set(kept.map(([k]) => k));
  let total = kept.reduce((n, e) => n + bytesOf(e), 0);
  for (const entry of planned) {
    if (seen.has(entry[0]) || total + bytesOf(entry) > budget) continue;
    seen.add(entry[0]);
    kept.push(entry);
    total += bytesOf(entry);
  }
  return kept;
}

/** References of exactly `target - slack` bytes: random entries, then a free-text reference takes the rest. */
function exactly(target: number, slacks: readonly number[], fillWidths?: readonly Utf8Width[]): fc.Arbitrary<Record<string, Reference>> {
  return fc
    .tuple(fc.constantFrom(...slacks), referenceKey(), entries, charOfWidth(fillWidths))
    .map(([slack, sinkKey, planned, fill]) => {
      const budget = target - slack;
      const key = utf8Bytes(sinkKey) <= budget ? sinkKey : 'k';
      const kept = fit(planned, budget, [[key, { Type: freeTextReferenceType(), Value: '' }]]);
      const rest = budget - kept.reduce((n, e) => n + bytesOf(e), 0);
      (kept[0] as Entry)[1] = { Type: freeTextReferenceType(), Value: repeatToBytes(rest, fill) };
      return objectFromEntries(kept);
    });
}

/** One key at ReferenceKey's maximum length (as far as R2 allows) and an empty or absent Value. */
function giantKey(): fc.Arbitrary<Record<string, Reference>> {
  const types = documentedRules.R1.allowedTypes.filter((t) => t !== dateReferenceType);
  return fc
    .tuple(fc.array(fc.integer({ min: 0x21, max: 0x7e }), { minLength: 1, maxLength: 4 }), fc.constantFrom(...types), fc.boolean())
    .map(([cps, type, withValue]) => {
      const n = Math.min(keyLength.max, R2.limitBytes);
      const unit = String.fromCharCode(...cps);
      const ref: Reference = withValue ? { Type: type, Value: '' } : { Type: type };
      return objectFromEntries([[unit.repeat(Math.ceil(n / unit.length)).slice(0, n), ref]]);
    });
}

/**
 * Valid References maps, budget-aware under R2 (keys plus Values, at most its limit): {}, a few
 * entries, totals at and just under the limit (multi-byte filler), one giant key. Every type R1
 * allows at creation appears; DATE values are epoch seconds or milliseconds (R3).
 */
export function references(options: ReferencesOptions = {}): fc.Arbitrary<Record<string, Reference>> {
  if (options.exactBytes !== undefined) return exactly(options.exactBytes, [0], options.fillWidths);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null).map(() => ({})) },
    { weight: 3, arbitrary: entries.map((planned) => objectFromEntries(fit(planned, R2.limitBytes))) },
    { weight: 3, arbitrary: exactly(R2.limitBytes, SLACKS) },
    { weight: 1, arbitrary: giantKey() },
  );
}
