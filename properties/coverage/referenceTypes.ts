import { documentedRules, shapes } from '../../harness/contract/index.ts';
import { siteById } from '../internal/siteById.ts';
import type { InvalidCase, Reference, StartWebRTCContactRequest } from '../arbitraries/index.ts';
import { atSite, invalidAt, validAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

const { R1 } = documentedRules;

/** A Value each type plausibly takes. Only DATE's is a rule (R3: epoch digits); the others are what a stricter service might check. */
const plausible: Readonly<Record<string, string>> = {
  URL: 'https://example.com/path?q=1',
  NUMBER: '42',
  STRING: 'text',
  DATE: '1700000000',
  EMAIL: 'someone@example.com',
  ATTACHMENT: 'https://example.com/file.pdf',
  CONTACT_ANALYSIS: 'analysis',
};
const valueFor = (type: string): string => plausible[type] ?? 'message';

/** A reference carrying every member it may, so that a target refusing one of them shows. */
const complete: Reference = {
  Type: 'URL',
  Value: valueFor('URL'),
  Status: shapes.ReferenceStatus.enum[0],
  Arn: 'arn:aws:connect:us-east-1:123456789012:instance/a',
  StatusReason: 'reason',
};

/**
 * Every ReferenceType: those rule R1 allows at creation are valid, with a Value the type takes (and,
 * but for DATE whose absent Value reads as "", without one); each other type is invalid (class
 * reference-type-at-creation/<TYPE>) with and without a Value. One reference with every member.
 */
export function referenceTypes({ base }: CoverageContext): CoverageCases {
  const entry = siteById(`${R1.member}{}`);
  const typeSite = siteById(`${R1.member}{}.Type`);
  const allowed: readonly string[] = R1.allowedTypes;
  const valid: StartWebRTCContactRequest[] = [];
  const invalid: InvalidCase[] = [];
  for (const type of shapes.ReferenceType.enum) {
    const withValue: Reference = { Type: type, Value: valueFor(type) };
    if (allowed.includes(type)) {
      valid.push(validAt(base, entry, withValue));
      if (type !== documentedRules.R3.referenceType) valid.push(validAt(base, entry, { Type: type }));
      continue;
    }
    const tag = { class: `${R1.rule}/${type}`, describe: type };
    invalid.push(invalidAt(base, typeSite, type, tag));
    // The Type set again over a reference that already carries a Value: the same key, so the same path.
    invalid.push(invalidAt(atSite(base, entry, withValue).request, typeSite, type, { ...tag, describe: `${type} with Value ${JSON.stringify(withValue.Value)}` }));
  }
  valid.push(validAt(base, entry, complete));
  return { valid, invalid };
}
