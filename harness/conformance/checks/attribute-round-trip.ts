// Attributes come back from GetContactAttributes exactly as they were sent: every key (including
// "__proto__" and "constructor"), every value, astral characters included.
import { lastResponse } from '../../targets/exchange.ts';
import { pass, fail } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { refused } from '../send-case.ts';
import { freshValidCases, withFreshToken } from './case-arbitraries.ts';

function entries(object: unknown): [string, unknown][] {
  return object !== null && typeof object === 'object' ? Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
}

function firstDifference(sent: [string, unknown][], got: [string, unknown][]): string | undefined {
  const gotMap = new Map(got);
  for (const [key, value] of sent) {
    if (!gotMap.has(key)) return `key ${JSON.stringify(key.slice(0, 40))} missing`;
    if (gotMap.get(key) !== value) return `value of ${JSON.stringify(key.slice(0, 40))} changed`;
  }
  if (got.length !== sent.length) return `${got.length} keys came back for ${sent.length} sent`;
  return undefined;
}

export const attributeRoundTrip = propertyCheck({
  name: 'attribute-round-trip',
  description: 'GetContactAttributes returns the started contact\'s attributes byte for byte',
  arbitrary: freshValidCases,
  runsFactor: 0.5,
  async judge(generated, { target }) {
    const request = withFreshToken(generated);
    const started = await target.call('StartWebRTCContact', request);
    if (!started.ok) return refused('start', started);
    // What went over the wire is what must come back (JSON.parse keeps "__proto__" as an own key).
    const sent = entries((JSON.parse(started.exchange.attempts.at(-1)?.request.body ?? '{}') as { Attributes?: unknown }).Attributes ?? {});
    const read = await target.call('GetContactAttributes', { InstanceId: target.instanceId, InitialContactId: started.output.ContactId });
    if (!read.ok) return refused('GetContactAttributes', read);
    const body = lastResponse(read.exchange)?.body ?? '{}';
    const got = entries((JSON.parse(body) as { Attributes?: unknown }).Attributes ?? {});
    const difference = firstDifference(sent, got);
    return { verdict: difference ? fail(`attributes did not round-trip: ${difference}`) : pass, exchange: read.exchange };
  },
});
