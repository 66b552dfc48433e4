// What a scenario run is configured with, parsed and checked from environment variables. Pure: env.ts
// passes k6's __ENV in; tests pass plain objects. Throwing here fails k6 in the init context, before
// a single request is sent, which is exactly where a refusal to touch the real service belongs.
//
// The defaults are the emulator's documented ones, imported rather than copied so that they cannot
// drift: harness/contract/defaults.ts is plain constants with no imports, so k6 loads it as is.
import { quotas } from '../../harness/contract/limits.ts';
import type { Credentials } from '../../harness/sigv4/types.ts';
import {
  DEFAULT_CONTACT_FLOW_ID,
  DEFAULT_CREDENTIALS,
  DEFAULT_HOST,
  DEFAULT_INSTANCE_ID,
  DEFAULT_PORT,
  DEFAULT_REGION,
} from '../../harness/contract/defaults.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Settings {
  /** scheme://authority, no path: requests go to `${targetUrl}/contact/webrtc`. */
  readonly targetUrl: string;
  /** The Host header value, as sent and signed. */
  readonly host: string;
  readonly region: string;
  readonly instanceId: string;
  readonly contactFlowId: string;
  readonly credentials: Credentials;
  /** Run identifier, set as the `testid` tag on every sample. */
  readonly testId: string;
  /** The target is the real Amazon Connect service (or is to be treated as such). */
  readonly realAws: boolean;
  /**
   * The target is the local emulator: TARGET_URL's host is 127.0.0.1, localhost or `emulator` (the
   * compose service) and REAL_AWS is not set. Anything else gets the cleanup of a real service.
   */
  readonly isEmulator: boolean;
  /** What a real-AWS run may do, checked in setup() against the options in force (rails.ts); undefined elsewhere. */
  readonly rails: Rails | undefined;
  /** Upper bound on StartWebRTCContact requests per second; undefined: none. */
  readonly maxRate: number | undefined;
  /** Overrides of the profile: iterations (or requests) per second, duration, VUs, iterations. */
  readonly rate: number | undefined;
  readonly duration: string | undefined;
  readonly vus: number | undefined;
  readonly iterations: number | undefined;
  /** Capacity: the request rates of the steps, in order; and how long each step holds, in seconds. */
  readonly steps: readonly number[] | undefined;
  readonly stepSeconds: number | undefined;
  /** Corpus file for negative-mix, resolved by k6 against the scenario file's directory. */
  readonly corpusPath: string | undefined;
  /** Stop every started contact within its iteration (always, unless the target is the emulator). */
  readonly stopContacts: boolean;
  /** Attach each started ContactId to its sample as metadata, for `--out json` (always, unless the target is the emulator). */
  readonly contactLedger: boolean;
  /** Directory handleSummary writes its files to, relative to where k6 runs (k6 does not create it). */
  readonly summaryDir: string;
}

/**
 * The account's StartWebRTCContact quota as far as this run knows it: the documented default
 * (2 requests/s, burst 5; Service Quotas code L-5CFC10A5), or what the operator declared with
 * AWS_QUOTA_RPS / AWS_QUOTA_BURST. Never raised by anything else.
 */
export interface Rails {
  /** StartWebRTCContact requests per second. */
  readonly startsPerSecond: number;
  /** VUs, i.e. requests that may be in flight at once: the quota's burst. */
  readonly vus: number;
  /** Whether each value was declared (AWS_QUOTA_RPS, AWS_QUOTA_BURST) or is the documented default. */
  readonly declared: { readonly startsPerSecond: boolean; readonly vus: boolean };
}

const AWS_HOST = /(^|\.)amazonaws\.com(\.cn)?$/i;
/** Host names that mean "the emulator": the loopback address, localhost, the compose service. */
const EMULATOR_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', 'emulator']);
const URL_SHAPE = /^(https?):\/\/([^/?#@\s]+)\/?$/i;
const TEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Go's time.ParseDuration units, as k6 reads durations in options (lib/types/types.go ParseExtendedDuration). */
const GO_DURATION = /^(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$/;
const GO_DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 0.001, s: 1, m: 60, h: 3600 };
/** k6's minimum for `duration` and `maxDuration` (lib/executor/constant_vus.go minDuration). */
export const MIN_DURATION_SECONDS = 1;

/**
 * A duration as k6 reads one in options, in seconds, or undefined when k6 would refuse it: Go units
 * (`500ms`, `1h30m`, `1m0s`), and k6's whole-day prefix (`2d`, `1d12h`; lib/types/types.go
 * ParseExtendedDuration). A bare number (milliseconds to k6) is refused here: write the unit.
 */
export function parseK6Duration(text: string): number | undefined {
  const t = text.trim();
  const days = /^(\d+)d(.*)$/.exec(t);
  if (days) {
    const rest = days[2] === '' ? 0 : parseK6Duration(days[2]!);
    return rest === undefined ? undefined : Number(days[1]) * 86_400 + rest;
  }
  if (t === '0') return 0;
  if (!GO_DURATION.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(GO_DURATION_PART)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return total;
}

/** A k6 duration (`90s`, `1h30m`, `2d`) in seconds; throws naming `name` when k6 would not read it. */
export function durationSeconds(text: string, name: string): number {
  const seconds = parseK6Duration(text);
  if (seconds !== undefined) return seconds;
  const bare = /^\d+(\.\d+)?$/.test(text.trim()) ? ` (a bare number is milliseconds to k6: write ${text}ms or ${text}s)` : '';
  throw new Error(`${name} must be a k6 duration such as 30s, 5m, 1h30m or 1d, got "${text}"${bare}`);
}

/** A duration setting that becomes an executor's duration or maxDuration: k6 refuses under 1 s. */
function runDuration(env: Env, name: string): string | undefined {
  const text = given(env, name);
  if (text === undefined) return undefined;
  const seconds = durationSeconds(text, name);
  if (seconds < MIN_DURATION_SECONDS) throw new Error(`${name} must be at least 1s (k6 refuses a shorter duration or maxDuration), got "${text}"`);
  return text.trim();
}

function stepList(env: Env): number[] | undefined {
  const text = given(env, 'STEPS');
  if (text === undefined) return undefined;
  const steps = text.split(',').map((part) => Number(part.trim()));
  if (!steps.every((n) => Number.isFinite(n) && n > 0)) throw new Error(`STEPS must be a comma-separated list of positive rates, got "${text}"`);
  return steps;
}

function positive(env: Env, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0)) throw new Error(`${name} must be a positive number, got "${text}"`);
  return n;
}

function whole(env: Env, name: string): number | undefined {
  const n = positive(env, name);
  if (n !== undefined && !Number.isInteger(n)) throw new Error(`${name} must be a whole number, got ${n}`);
  return n;
}

function flag(env: Env, name: string): boolean {
  const text = env[name];
  if (text === undefined || text === '' || text === '0') return false;
  if (text === '1') return true;
  throw new Error(`${name} must be 1 or 0, got "${text}"`);
}

function given(env: Env, name: string): string | undefined {
  const text = env[name];
  return text === undefined || text === '' ? undefined : text;
}

function required(env: Env, name: string, why: string): string {
  const text = given(env, name);
  if (text === undefined) throw new Error(`${name} is required ${why}`);
  return text;
}

/** scheme://authority → the Host header k6 sends: default ports are left out. */
function hostOf(scheme: string, authority: string): string {
  const lower = authority.toLowerCase();
  if ((scheme === 'https' && lower.endsWith(':443')) || (scheme === 'http' && lower.endsWith(':80'))) return lower.slice(0, lower.lastIndexOf(':'));
  return lower;
}

function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

/** The StartWebRTCContact quota a real-AWS run holds to: declared, or the documented default. */
function railsFrom(env: Env): Rails {
  const documented = quotas.startWebRTCContact;
  const rps = positive(env, 'AWS_QUOTA_RPS');
  const burst = whole(env, 'AWS_QUOTA_BURST');
  return {
    startsPerSecond: rps ?? documented.ratePerSecond,
    vus: burst ?? documented.burst,
    declared: { startsPerSecond: rps !== undefined, vus: burst !== undefined },
  };
}

export function parseSettings(env: Env): Settings {
  const region = given(env, 'REGION') ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new Error(`REGION "${region}" does not look like an AWS region`);
  const optIn = given(env, 'REAL_AWS');
  const targetUrl = (given(env, 'TARGET_URL') ?? (optIn === undefined ? `http://${DEFAULT_HOST}:${DEFAULT_PORT}` : `https://connect.${region}.amazonaws.com`)).replace(/\/$/, '');
  const m = URL_SHAPE.exec(targetUrl);
  if (!m) throw new Error(`TARGET_URL "${targetUrl}" must be http(s)://host[:port] with no path, query or credentials`);
  const scheme = m[1]!.toLowerCase();
  const host = hostOf(scheme, m[2]!);

  // Real AWS is someone's production contact centre: a run there is never an accident.
  const realAws = AWS_HOST.test(hostnameOf(host)) || optIn !== undefined;
  if (realAws && optIn !== '1') {
    throw new Error(`${targetUrl} is (treated as) the real Amazon Connect service: set REAL_AWS=1 to confirm that requests, and contacts, go there`);
  }
  const why = 'against real AWS (no emulator default applies there)';
  const credentials: Credentials = realAws
    ? {
        accessKeyId: required(env, 'AWS_ACCESS_KEY_ID', why),
        secretAccessKey: required(env, 'AWS_SECRET_ACCESS_KEY', why),
        ...(given(env, 'AWS_SESSION_TOKEN') === undefined ? {} : { sessionToken: given(env, 'AWS_SESSION_TOKEN')! }),
      }
    : {
        accessKeyId: given(env, 'AWS_ACCESS_KEY_ID') ?? DEFAULT_CREDENTIALS.accessKeyId,
        secretAccessKey: given(env, 'AWS_SECRET_ACCESS_KEY') ?? DEFAULT_CREDENTIALS.secretAccessKey,
        ...(given(env, 'AWS_SESSION_TOKEN') === undefined ? {} : { sessionToken: given(env, 'AWS_SESSION_TOKEN')! }),
      };

  // The rails are the account's quota: the documented default unless declared. Whether the options
  // in force keep to them is checked in setup(), whatever built those options (rails.ts).
  const rails = realAws ? railsFrom(env) : undefined;
  const maxRateGiven = positive(env, 'MAX_RATE');
  if (rails !== undefined && maxRateGiven !== undefined && maxRateGiven > rails.startsPerSecond) {
    throw new Error(
      `MAX_RATE ${maxRateGiven} is above the account's StartWebRTCContact quota of ${rails.startsPerSecond}/s` +
        (rails.declared.startsPerSecond ? ' (AWS_QUOTA_RPS)' : ' (the documented default; declare a raised quota with AWS_QUOTA_RPS)'),
    );
  }
  const maxRate = rails !== undefined ? Math.min(maxRateGiven ?? rails.startsPerSecond, rails.startsPerSecond) : maxRateGiven;

  const testId = given(env, 'TEST_ID') ?? 'local';
  if (!TEST_ID.test(testId)) throw new Error(`TEST_ID must be 1..64 characters of [A-Za-z0-9._-] (it becomes a tag), got "${testId}"`);
  const duration = runDuration(env, 'DURATION');
  const stepDuration = given(env, 'STEP_DURATION');
  const stepSeconds = stepDuration === undefined ? undefined : durationSeconds(stepDuration, 'STEP_DURATION');
  if (stepSeconds !== undefined && stepSeconds < MIN_DURATION_SECONDS) throw new Error(`STEP_DURATION must be at least 1s (a step must hold long enough to measure), got "${stepDuration}"`);
  const vus = whole(env, 'VUS');
  const iterations = whole(env, 'ITERATIONS');
  // k6 refuses a shared-iterations scenario with more VUs than iterations (lib/executor/shared_iterations.go Validate).
  if (vus !== undefined && iterations !== undefined && vus > iterations) {
    throw new Error(`VUS ${vus} is more than ITERATIONS ${iterations}: k6 refuses more VUs than iterations in a shared-iterations scenario`);
  }
  const isEmulator = !realAws && EMULATOR_HOSTS.has(hostnameOf(host));

  return {
    targetUrl: `${scheme}://${host}`,
    host,
    region,
    instanceId: realAws ? required(env, 'INSTANCE_ID', why) : (given(env, 'INSTANCE_ID') ?? DEFAULT_INSTANCE_ID),
    contactFlowId: realAws ? required(env, 'CONTACT_FLOW_ID', why) : (given(env, 'CONTACT_FLOW_ID') ?? DEFAULT_CONTACT_FLOW_ID),
    credentials,
    testId,
    realAws,
    isEmulator,
    rails,
    maxRate,
    rate: positive(env, 'RATE'),
    duration,
    vus,
    iterations,
    steps: stepList(env),
    stepSeconds,
    corpusPath: given(env, 'CORPUS'),
    // Anything but the emulator may be someone's contact centre: leave nothing active, keep a ledger.
    stopContacts: !isEmulator || flag(env, 'STOP_CONTACTS'),
    contactLedger: !isEmulator || flag(env, 'CONTACT_LEDGER'),
    summaryDir: (given(env, 'SUMMARY_DIR') ?? 'reports').replace(/\/$/, ''),
  };
}
