// A burst beyond the target's known rate is throttled with 429 and an error name the profile
// allows. The burst carries requests missing their DisplayName, so no contact is ever started,
// which is what makes this probe acceptable against a real contact centre. The quota is documented;
// the throttle's error name and that the service throttles before it validates are assumptions, so
// a target that departs only there has a divergence, not a finding.
import { isEvidence } from '../../contract/index.ts';
import { departs, diverge, fail, pass, statusOf, type Check, type Finding } from '../check.ts';
import { caseObserver } from '../send-case.ts';

export const throttling: Check = {
  name: 'throttling',
  description: 'a burst beyond the known StartWebRTCContact rate gets 429 with an allowed error name',
  property: false,
  async run({ target, profile, progress }) {
    const probe = await target.throttleProbe();
    if (!probe) return { status: 'skipped', cases: 0, findings: [], note: 'no throttling probe for this target (real AWS needs --probe-throttling)' };
    const width = probe.burst + Math.max(5, Math.ceil(probe.ratePerSecond));
    const request = { InstanceId: probe.target.instanceId, ContactFlowId: probe.target.contactFlowId, ParticipantDetails: {} };
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: width }, () => probe.target.call('StartWebRTCContact', request, { unpaced: true, retryThrottled: false })),
    );
    progress(width, width);
    const elapsedS = (performance.now() - started) / 1000;
    const throttled = results.filter((r) => !r.ok && r.error.status === 429);
    for (const r of throttled) caseObserver(target)?.throttled(r);
    const allowed = profile.entries['rate-throttle'].allowed;
    const wrongName = throttled.find((r) => !r.ok && !allowed.includes(r.error.name));
    // A token bucket lets `burst` through at once, plus what refills while the burst is in flight.
    const passedLimit = probe.burst + Math.ceil(probe.ratePerSecond * elapsedS) + 1;
    const passed = results.length - throttled.length;
    const refusedFirst = results.every((r) => !r.ok && r.error.status !== undefined && r.error.status >= 400 && r.error.status < 500 && r.error.status !== 429);
    const verdict = throttled.length === 0
      ? refusedFirst
        ? diverge(`none of ${width} simultaneous requests was throttled: each was refused as invalid first; throttling before validation is an assumption of this project`, 'validated before throttling')
        : fail(`none of ${width} simultaneous requests was throttled (known rate ${probe.ratePerSecond}/s, burst ${probe.burst})`, 'not throttled')
      : wrongName && !wrongName.ok
        ? departs(isEvidence(profile.entries['rate-throttle'].source), `throttled with ${wrongName.error.name}; the profile allows ${allowed.join(', ')}`, wrongName.error.name)
        : passed > passedLimit
          ? fail(`${passed} of ${width} simultaneous requests got through a burst of ${probe.burst}`, 'burst exceeded')
          : pass;
    const findings: Finding[] = verdict.ok
      ? []
      : [{ check: 'throttling', grade: verdict.grade, reason: verdict.reason, group: verdict.answer, occurrences: 1, counterexample: { simultaneous: width, request }, exchange: (wrongName ?? results[0])?.exchange, replay: undefined, shrinks: 0 }];
    return { status: statusOf(findings), cases: width, findings };
  },
};
