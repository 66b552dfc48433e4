// A success body has every field a WebRTC client needs, each within the model's constraints.
import { validateShape } from '../../contract/index.ts';
import { lastResponse } from '../../targets/exchange.ts';
import { pass, fail } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { describeAnswer, sendStart } from '../send-case.ts';
import { freshValidCases, withFreshToken } from './case-arbitraries.ts';

/** Paths a client joining the call reads; the model marks all optional, a working service sends all. */
const requiredPaths = [
  ['ContactId'], ['ParticipantId'], ['ParticipantToken'],
  ['ConnectionData', 'Attendee', 'AttendeeId'], ['ConnectionData', 'Attendee', 'JoinToken'],
  ['ConnectionData', 'Meeting', 'MeetingId'], ['ConnectionData', 'Meeting', 'MediaRegion'],
  ...['AudioHostUrl', 'AudioFallbackUrl', 'SignalingUrl', 'TurnControlUrl', 'EventIngestionUrl'].map((u) => ['ConnectionData', 'Meeting', 'MediaPlacement', u]),
];

function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

export const responseSchema = propertyCheck({
  name: 'response-schema',
  description: 'a success body has every field present and within the model constraints, and a request id',
  arbitrary: freshValidCases,
  runsFactor: 0.5,
  async judge(generated, { target, profile }) {
    const request = withFreshToken(generated);
    const { result, expected } = await sendStart(target, profile, request);
    const exchange = result.exchange;
    if (expected.kind !== 'accepted') return { verdict: pass, exchange };
    const response = lastResponse(exchange);
    if (!result.ok || !response) return { verdict: fail(`valid request refused: ${describeAnswer(result)}`), exchange };
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return { verdict: fail('the success body is not JSON'), exchange };
    }
    const missing = requiredPaths.filter((p) => typeof at(body, p) !== 'string' || at(body, p) === '').map((p) => p.join('.'));
    const violations = validateShape('StartWebRTCContactResponse', body).map((v) => `${v.rule} at ${v.path || '(body)'}`);
    const problems = [
      ...missing.map((m) => `missing ${m}`),
      ...violations,
      ...(response.headers['x-amzn-requestid'] ? [] : ['no x-amzn-RequestId header']),
    ];
    return { verdict: problems.length === 0 ? pass : fail(problems.join('; ')), exchange };
  },
});
