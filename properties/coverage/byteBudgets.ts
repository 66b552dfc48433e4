import { documentedRules, shapes } from '../../harness/contract/index.ts';
import { budgetBytes } from '../internal/budgetBytes.ts';
import type { Utf8Width } from '../arbitraries/charOfWidth.ts';
import { codePointCount } from '../arbitraries/codePointCount.ts';
import { freeTextReferenceType } from '../mutations/freeTextReferenceType.ts';
import { lengthOf } from '../internal/lengthOf.ts';
import { objectFromEntries } from '../arbitraries/objectFromEntries.ts';
import { repeatToBytes } from '../arbitraries/repeatToBytes.ts';
import { siteById } from '../internal/siteById.ts';
import type { InvalidCase, StartWebRTCContactRequest } from '../arbitraries/index.ts';
import { invalidAt, validAt } from './place.ts';
import { utf8Widths, widthChar } from './widthChars.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

const { A1, R2 } = documentedRules;

interface Budget {
  readonly rule: typeof A1 | typeof R2;
  /** Map key and value bounds in code points: no layout may break them (one fault per case). */
  readonly keyMax: number;
  readonly valueMax: number;
  /** Attribute keys keep to A2's ASCII charset, so only their values carry wide characters. */
  readonly asciiKeys: boolean;
  /** The map entry around a value: the string itself, or a free-text Reference holding it. */
  readonly entry: (value: string) => unknown;
}

const budgets: readonly Budget[] = [
  { rule: A1, keyMax: lengthOf(shapes.Attributes.key.shape).max, valueMax: lengthOf(shapes.Attributes.value.shape).max, asciiKeys: true, entry: (v) => v },
  {
    rule: R2,
    keyMax: lengthOf(shapes.ContactReferences.key.shape).max,
    valueMax: lengthOf(shapes.Reference.members.Value.shape).max,
    asciiKeys: false,
    entry: (v) => ({ Type: freeTextReferenceType(), Value: v }),
  },
];

type Layout = 'value' | 'key-and-value' | 'two-entries';
const layouts: readonly Layout[] = ['value', 'key-and-value', 'two-entries'];

/** `bytes` bytes of `width`-byte characters, padded with 1-byte ones to land exactly (see repeatToBytes). */
const fill = (bytes: number, width: Utf8Width, pad = 'a'): string => repeatToBytes(bytes, widthChar[width], pad);

/**
 * Entries weighing exactly `total` bytes (keys plus values) with `width`-byte filler, laid out so
 * that what is counted differs: all in one value, half in the key, split across two entries.
 */
function entries(budget: Budget, total: number, width: Utf8Width, layout: Layout): [string, string][] {
  switch (layout) {
    case 'value': {
      // A 1-byte filler past the value's maximum length moves the surplus into a longer key.
      let key = 1;
      while (codePointCount(fill(total - key, width)) > budget.valueMax) key++;
      return [['k'.repeat(key), fill(total - key, width)]];
    }
    case 'key-and-value': {
      const half = Math.floor(total / 2);
      const key = budget.asciiKeys ? 'k'.repeat(half) : fill(half, width, 'k');
      return [[key, fill(total - half, width)]];
    }
    case 'two-entries': {
      const rest = total - 4;
      return [['k1', fill(Math.floor(rest / 2), width)], ['k2', fill(rest - Math.floor(rest / 2), width)]];
    }
  }
}

/**
 * Each byte budget (A1: attribute keys and values, 32 768 bytes; R2: reference keys and Values,
 * 4 096 bytes) filled to exactly its limit (valid) and one byte past it (class <rule>/limit+1),
 * with 1-, 2-, 3- and 4-byte characters, in three layouts. Only the budget is broken: every key and
 * value stays within its length bounds, which the construction checks.
 */
export function byteBudgets({ base }: CoverageContext): CoverageCases {
  const valid: StartWebRTCContactRequest[] = [];
  const invalid: InvalidCase[] = [];
  for (const budget of budgets) {
    const site = siteById(budget.rule.member);
    for (const width of utf8Widths) {
      for (const layout of layouts) {
        for (const total of [budget.rule.limitBytes, budget.rule.limitBytes + 1]) {
          const planned = entries(budget, total, width, layout);
          const map = objectFromEntries(planned.map(([k, v]) => [k, budget.entry(v)]));
          const fits = planned.every(([k, v]) => codePointCount(k) <= budget.keyMax && codePointCount(v) <= budget.valueMax);
          if (budgetBytes(map) !== total || !fits) throw new Error(`coverage: ${budget.rule.rule} ${layout} ${width}-byte layout is wrong`);
          const describe = `${total} bytes, ${width}-byte characters, ${layout}`;
          if (total === budget.rule.limitBytes) valid.push(validAt(base, site, map));
          else invalid.push(invalidAt(base, site, map, { class: `${budget.rule.rule}/limit+1`, describe }));
        }
      }
    }
  }
  return { valid, invalid };
}
