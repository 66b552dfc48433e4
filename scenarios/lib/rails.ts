// The real-AWS rails, checked against the options in force. `k6 archive` stores the options computed
// when it ran, and `k6 run archive.tar` re-runs the init code with the run-time environment but
// keeps those options (docs/k6.md, "Archives"): an archive built with STEPS up to 800 for the
// emulator would send 800/s to the real service if the init-time caps were all there was. So
// setup(), which sees the options actually in force (in-force.ts), compares them with what the
// account allows and refuses the run, with one line, before any request.
//
// What the account allows is its StartWebRTCContact quota (settings.ts Rails): the documented
// 2 requests/s and burst 5, unless the operator declares the account's raised values with
// AWS_QUOTA_RPS / AWS_QUOTA_BURST. Pure.
import { isArrivalRate, peakArrivalRate, peakVus, type ScenarioInForce } from './in-force.ts';
import type { Rails } from './settings.ts';

/** What one exported load function sends, as its scenario file declares it. */
export interface ExecSpec {
  /** StartWebRTCContact requests per iteration (idempotency: 1 + replays, or the duplicates). */
  readonly requestsPerIteration: number;
  /**
   * The function spaces its own requests to MAX_RATE (pacing.ts, dividing by the VUs in force), so a
   * closed-model executor (shared-iterations) keeps to the rate by itself.
   */
  readonly paced: boolean;
}

/** Where the account's value is read: docs/k6.md, "The rails". */
const QUOTA_WHERE = 'Service Quotas, Amazon Connect, L-5CFC10A5';

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

function rateLimit(rails: Rails): string {
  return rails.declared.startsPerSecond
    ? `the ${fmt(rails.startsPerSecond)}/s declared with AWS_QUOTA_RPS`
    : `the account's ${fmt(rails.startsPerSecond)}/s (the documented StartWebRTCContact quota; if the account's is raised, declare it with AWS_QUOTA_RPS, from ${QUOTA_WHERE})`;
}

function vuLimit(rails: Rails): string {
  return rails.declared.vus
    ? `the ${rails.vus} declared with AWS_QUOTA_BURST`
    : `the account's burst of ${rails.vus} (the documented StartWebRTCContact burst; if the account's is raised, declare it with AWS_QUOTA_BURST)`;
}

/**
 * The first way the options in force break the rails, as one line naming the option, the limit
 * and how to change either; undefined when they keep to them.
 */
export function railsViolation(scenarios: readonly ScenarioInForce[], rails: Rails, execs: Readonly<Record<string, ExecSpec>>): string | undefined {
  const prefix = 'real-AWS run refused before any request:';
  for (const s of scenarios) {
    const at = `options.scenarios.${s.name}`;
    const spec = Object.prototype.hasOwnProperty.call(execs, s.exec) ? execs[s.exec] : undefined;
    if (spec === undefined) {
      return `${prefix} ${at} runs "${s.exec}", not one of this script's load functions (${Object.keys(execs).join(', ')}); an --iterations/--duration/--stage/--vus or K6_* override replaced the scenarios, and its rate is unknown`;
    }
    if (isArrivalRate(s)) {
      const peak = peakArrivalRate(s);
      const perSecond = peak === undefined ? 0 : peak.iterationsPerSecond * spec.requestsPerIteration;
      if (peak !== undefined && perSecond > rails.startsPerSecond + 1e-9) {
        const perIteration = spec.requestsPerIteration === 1 ? '' : ` × ${spec.requestsPerIteration} requests per iteration`;
        return `${prefix} ${at}.${peak.option} asks for ${fmt(perSecond)} StartWebRTCContact requests/s (${fmt(peak.perUnit)} iterations per ${fmt(peak.timeUnitS)}s${perIteration}), above ${rateLimit(rails)}; lower RATE or STEPS (and rebuild an archive with them)`;
      }
    } else if (!spec.paced) {
      return `${prefix} ${at} uses the ${s.executor} executor, which sets no request rate, for "${s.exec}", which does not pace itself; only arrival-rate scenarios keep it within the quota`;
    }
    // After the rate: a rate above the quota is the graver break, and the one to name.
    const vus = peakVus(s);
    if (vus > rails.vus) {
      const option = s.maxVUs !== undefined ? 'maxVUs' : s.stages !== undefined ? 'stages' : 'vus';
      return `${prefix} ${at}.${option} allows ${vus} VUs, above ${vuLimit(rails)}; lower it (VUS=${rails.vus}, and rebuild an archive with it)`;
    }
  }
  return undefined;
}
