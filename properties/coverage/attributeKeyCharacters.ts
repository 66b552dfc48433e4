import { documentedRules } from '../../harness/contract/index.ts';
import { asciiMatching } from '../internal/asciiMatching.ts';
import { attributeKeyChars } from '../internal/attributeKeyChars.ts';
import { prototypeKeys } from '../internal/prototypeKeys.ts';
import { siteById } from '../internal/siteById.ts';
import { invalidAt, validAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

const { A2 } = documentedRules;

/**
 * Characters rule A2 refuses in an attribute key, by the random generator's kinds. ASCII is
 * enumerated whole; beyond it, a few that trip real implementations: Unicode spaces, letters that
 * \w or \p{L} accept, K (U+212A KELVIN SIGN) and ſ (U+017F) which a case-insensitive Unicode regex
 * folds to "k" and "s", and emoji made of several code points.
 */
function refused(): readonly (readonly [kind: string, chars: readonly string[]])[] {
  const allowed = new Set(attributeKeyChars());
  return [
    ['space', [' ', '\u00A0', '\u3000']],
    ['punctuation', asciiMatching((c) => c > ' ' && c < '\x7f' && !allowed.has(c))],
    ['control', asciiMatching((c) => c < ' ' || c === '\x7f')],
    ['non-ascii-letter', ['é', 'ß', 'ж', 'Ж', 'ñ', 'ı', 'Ω', 'ا', '中', 'Ａ', '\u212A', '\u017F']],
    ['emoji', ['😀', '👍🏽', '🇫🇷', '❤️']],
  ];
}

/** Valid keys at the edges of A2's charset: each end of each ASCII range, "-" and "_" alone, all of it at once, prototype names. */
function allowedKeys(): readonly string[] {
  const chars = attributeKeyChars();
  const code = (c: string | undefined): number => (c === undefined ? -2 : c.charCodeAt(0));
  // A character whose neighbour in code point order is missing on either side ends a range.
  const ends = chars.filter((c, i) => code(chars[i - 1]) !== code(c) - 1 || code(chars[i + 1]) !== code(c) + 1);
  return [...ends, chars.join(''), ...prototypeKeys.filter((k) => [...k].every((c) => chars.includes(c)))];
}

/**
 * Every character outside A2's [A-Za-z0-9_-] as its own attribute key "a<c>b" (class
 * attribute-key-charset/<kind>): in the middle, so that a pattern missing either anchor, or one
 * checking only the first or last character, still accepts it. Valid keys at the charset's edges.
 */
export function attributeKeyCharacters({ base }: CoverageContext): CoverageCases {
  const keys = siteById(`${A2.member}{key}`);
  const invalid = refused().flatMap(([kind, chars]) =>
    chars.map((c) => {
      const key = `a${c}b`;
      return invalidAt(base, keys, key, { class: `${A2.rule}/${kind}`, describe: `key ${JSON.stringify(key)}` });
    }),
  );
  return { valid: allowedKeys().map((key) => validAt(base, keys, key)), invalid };
}
