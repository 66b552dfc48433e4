// Attributes come back from GetContactAttributes exactly as they were sent: every key (including
// "__proto__" and "constructor"), every value, astral characters included.
import { lastResponse } from '../../targets/exchange.ts';
import { pass, fail } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { refused } from '../send-case.ts';
import type { StartWebRTCContactRequest } from '../../../properties/arbitraries/index.ts';
import { coverageCases } from '../../../properties/coverage/index.ts';
import type { CheckContext } from '../check.ts';
import { freshValidCases, withFreshToken } from './case-arbitraries.ts';

/** Keys a plain-object store loses or corrupts, and values a UTF-16 store mangles: each sent once. */
const trickyAttributes: readonly Record<string, string>[] = [
  JSON.parse('{"__proto__":"p","constructor":"c","toString":"t","hasOwnProperty":"h"}') as Record<string, string>,
  { astral: '😀𝄞', empty: '', nul: 'a\u0000b', quote: '"\\' },
];

/** Coverage: the valid coverage cases that carry attributes, and the tricky maps on a minimal request. */
function roundTripCoverage({ target }: CheckContext): StartWebRTCContactRequest[] {
  const valid = coverageCases({ instanceId: target.instanceId, contactFlowId: target.contactFlowId }).valid;
  const withAttributes = valid.filter((r: StartWebRTCContactRequest) => r.Attributes !== undefined && r.Attributes !== null && Object.keys(r.Attributes).length > 0);
  const base = valid[0]!;
  return [...withAttributes, ...trickyAttributes.map((Attributes) => ({ ...base, Attributes }))].map(({ ClientToken: _, ...request }) => request);
}

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
  coverage: roundTripCoverage,
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
    return { verdict: difference ? fail(`attributes did not round-trip: ${difference}`, 'attributes differ') : pass, exchange: read.exchange };
  },
});
