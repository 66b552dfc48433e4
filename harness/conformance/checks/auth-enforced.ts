// A target must not ignore SigV4: unsigned, wrong-secret, unknown-key and clock-skewed requests
// are refused with 403 (a skewed clock may get 400: AWS documents both).
import type { AuthVariant } from '../../targets/connect-client.ts';
import { fail, pass, statusOf, type Check, type Finding } from '../check.ts';
import { describeAnswer } from '../send-case.ts';

const variants: readonly { auth: AuthVariant; allowed: readonly string[]; statuses: readonly number[] }[] = [
  { auth: 'unsigned', allowed: ['MissingAuthenticationTokenException', 'IncompleteSignatureException', 'UnrecognizedClientException', 'AccessDeniedException'], statuses: [403] },
  { auth: 'wrong-secret', allowed: ['InvalidSignatureException', 'SignatureDoesNotMatch'], statuses: [403] },
  { auth: 'unknown-key', allowed: ['UnrecognizedClientException', 'InvalidClientTokenId'], statuses: [403] },
  { auth: 'skewed-clock', allowed: ['InvalidSignatureException', 'SignatureExpired', 'RequestExpired'], statuses: [400, 403] },
];

export const authEnforced: Check = {
  name: 'auth-enforced',
  description: 'unsigned, wrong-secret, unknown-key and clock-skewed requests are refused',
  property: false,
  async run({ target, progress }) {
    if (!target.authEnforced) return { status: 'skipped', cases: 0, findings: [], note: 'the target runs without authentication (--no-auth)' };
    const findings: Finding[] = [];
    let cases = 0;
    for (const { auth, allowed, statuses } of variants) {
      const request = {
        InstanceId: target.instanceId,
        ContactFlowId: target.contactFlowId,
        ParticipantDetails: { DisplayName: `auth-enforced ${auth}` },
      };
      const result = await target.call('StartWebRTCContact', request, { auth, retryThrottled: true });
      progress(++cases, variants.length);
      const verdict = result.ok
        ? fail(`a ${auth} request was accepted`, 'accepted')
        : !statuses.includes(result.error.status ?? 0) || !allowed.includes(result.error.name)
          ? fail(`a ${auth} request got ${describeAnswer(result)}; expected ${statuses.join('/')} ${allowed.join(' or ')}`, result.error.name)
          : pass;
      if (!verdict.ok) findings.push({ check: 'auth-enforced', grade: verdict.grade, reason: verdict.reason, group: `${auth}: ${verdict.answer}`, occurrences: 1, counterexample: { auth, request }, exchange: result.exchange, replay: undefined, shrinks: 0 });
    }
    return { status: statusOf(findings), cases, findings };
  },
};
