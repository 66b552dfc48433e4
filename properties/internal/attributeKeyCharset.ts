import fc from 'fast-check';
import { documentedRules } from '../../harness/contract/index.ts';
import { asciiMatching } from './asciiMatching.ts';
import { attributeKeyChars } from './attributeKeyChars.ts';
import { charOfWidth } from '../arbitraries/charOfWidth.ts';
import { siteById } from './siteById.ts';
import { siteClass } from './siteClass.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

const { A2 } = documentedRules;
const fromCodePoint = (cp: number): string => String.fromCodePoint(cp);

/** Characters outside A2's charset, by kind: one tag class each. */
function forbidden(): readonly (readonly [string, fc.Arbitrary<string>])[] {
  const allowed = new Set(attributeKeyChars());
  return [
    ['space', fc.constant(' ')],
    ['punctuation', fc.constantFrom(...asciiMatching((c) => c > ' ' && c < '\x7f' && !allowed.has(c)))],
    ['non-ascii-letter', fc.oneof(fc.constantFrom('é', 'ß', 'Ж', 'ñ', 'ı', 'Ω', 'ا', '中'), charOfWidth([2, 3]).filter((c) => /^\p{L}$/u.test(c)))],
    ['emoji', fc.oneof(fc.integer({ min: 0x1f600, max: 0x1f64f }).map(fromCodePoint), fc.constantFrom('👍🏽', '🇫🇷', '❤️'))],
    ['control', fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constant(0x7f)).map(fromCodePoint)],
  ];
}

/**
 * Tag classes "attribute-key-charset/<kind>": an attribute key holding one character A2 does not
 * allow (space, punctuation such as . : / $ @ #, a non-ASCII letter, an emoji, a control character)
 * among allowed ones.
 */
export function attributeKeyCharset(): readonly InvalidClass[] {
  const keyChar = fc.constantFrom(...attributeKeyChars());
  const around = fc.array(keyChar, { maxLength: 6 }).map((cs) => cs.join(''));
  return forbidden().map(([kind, bad]) =>
    siteClass<string>({
      class: `attribute-key-charset/${kind}`,
      rule: A2.rule,
      note: `an attribute key with a ${kind} character`,
      sites: [siteById(`${A2.member}{key}`)],
      value: () => fc.tuple(around, bad, around).map(([before, c, after]) => before + c + after),
      describe: (key) => `key ${JSON.stringify(key)}`,
    }),
  );
}
