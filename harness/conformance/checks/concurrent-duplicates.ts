// N requests with one ClientToken at the same moment start exactly one contact.
import { pass, fail } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { freshValidCases, withFreshToken } from './case-arbitraries.ts';

export const concurrentDuplicates = propertyCheck({
  name: 'concurrent-duplicates',
  description: 'concurrent requests sharing one ClientToken yield exactly one ContactId',
  arbitrary: freshValidCases,
  runsFactor: 0.05,
  async judge(generated, { target }) {
    const request = withFreshToken(generated);
    const width = target.concurrency;
    const results = await Promise.all(Array.from({ length: width }, () => target.call('StartWebRTCContact', request)));
    const ids = new Set(results.flatMap((r) => (r.ok ? [String(r.output.ContactId)] : [])));
    const refused = results.filter((r) => !r.ok);
    const exchange = results.find((r) => r.ok)?.exchange ?? results[0]?.exchange;
    if (ids.size === 0) return { verdict: fail(`none of ${width} concurrent starts succeeded (first error: ${refused[0] && !refused[0].ok ? refused[0].error.name : 'none'})`), exchange };
    if (ids.size > 1) return { verdict: fail(`${width} concurrent starts with one ClientToken created ${ids.size} contacts`), exchange };
    return { verdict: pass, exchange };
  },
});
