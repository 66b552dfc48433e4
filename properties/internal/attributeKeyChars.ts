import { documentedRules } from '../../harness/contract/index.ts';
import { asciiMatching } from './asciiMatching.ts';

let cached: readonly string[] | undefined;

/** The characters rule A2 allows in an attribute key, read off its pattern (ASCII only, as A2 is read). */
export function attributeKeyChars(): readonly string[] {
  if (!cached) {
    const allowed = new RegExp(documentedRules.A2.allowedPattern);
    cached = asciiMatching((c) => allowed.test(c));
  }
  return cached;
}
