// What a scenario run is configured with, parsed and checked from environment variables. Pure: env.ts
// passes k6's __ENV in; tests pass plain objects. Throwing here fails k6 in the init context, before
// a single request is sent, which is exactly where a refusal to touch the real service belongs.
//
// The defaults are the emulator's documented ones, imported rather than copied so that they cannot
// drift: harness/emulator/defaults.ts is plain constants with no imports, so k6 loads it as is.
import { quotas } from '../../harness/contract/limits.ts';
import type { Credentials } from '../../harness/sigv4/types.ts';
import {
  DEFAULT_CONTACT_FLOW_ID,
  DEFAULT_CREDENTIALS,
  DEFAULT_HOST,
  DEFAULT_INSTANCE_ID,
  DEFAULT_PORT,
  DEFAULT_REGION,
} from '../../harness/emulator/defaults.ts';

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
  /** Stop every started contact within its iteration (always against real AWS). */
  readonly stopContacts: boolean;
  /** Attach each started ContactId to its sample as metadata, for `--out json` (always against real AWS). */
  readonly contactLedger: boolean;
  /** Directory handleSummary writes its files to (must exist). */
  readonly summaryDir: string;
}

const AWS_HOST = /(^|\.)amazonaws\.com(\.cn)?$/i;
const URL_SHAPE = /^(https?):\/\/([^/?#@\s]+)\/?$/i;
const TEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** A k6 duration (`90s`, `1h30m`) in seconds. */
export function durationSeconds(text: string): number {
  if (!DURATION.test(text)) throw new Error(`"${text}" is not a k6 duration such as 30s, 5m or 1h30m`);
  let total = 0;
  for (const m of text.matchAll(DURATION_PART)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return total;
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

  const documented = quotas.startWebRTCContact.ratePerSecond;
  const maxRateGiven = positive(env, 'MAX_RATE');
  const rate = positive(env, 'RATE');
  if (realAws && maxRateGiven !== undefined && maxRateGiven > documented) {
    throw new Error(`MAX_RATE ${maxRateGiven} is above the documented StartWebRTCContact quota of ${documented}/s`);
  }
  const maxRate = realAws ? Math.min(maxRateGiven ?? documented, documented) : maxRateGiven;
  if (realAws && rate !== undefined && rate > maxRate!) throw new Error(`RATE ${rate} is above the ${maxRate}/s allowed against real AWS`);

  const testId = given(env, 'TEST_ID') ?? 'local';
  if (!TEST_ID.test(testId)) throw new Error(`TEST_ID must be 1..64 characters of [A-Za-z0-9._-] (it becomes a tag), got "${testId}"`);
  const duration = given(env, 'DURATION');
  if (duration !== undefined && !DURATION.test(duration)) throw new Error(`DURATION must be a k6 duration such as 30s, 5m or 1h30m, got "${duration}"`);
  const stepDuration = given(env, 'STEP_DURATION');
  const stepSeconds = stepDuration === undefined ? undefined : durationSeconds(stepDuration);

  return {
    targetUrl: `${scheme}://${host}`,
    host,
    region,
    instanceId: realAws ? required(env, 'INSTANCE_ID', why) : (given(env, 'INSTANCE_ID') ?? DEFAULT_INSTANCE_ID),
    contactFlowId: realAws ? required(env, 'CONTACT_FLOW_ID', why) : (given(env, 'CONTACT_FLOW_ID') ?? DEFAULT_CONTACT_FLOW_ID),
    credentials,
    testId,
    realAws,
    maxRate,
    rate,
    duration,
    vus: whole(env, 'VUS'),
    iterations: whole(env, 'ITERATIONS'),
    steps: stepList(env),
    stepSeconds,
    corpusPath: given(env, 'CORPUS'),
    stopContacts: realAws || flag(env, 'STOP_CONTACTS'),
    contactLedger: realAws || flag(env, 'CONTACT_LEDGER'),
    summaryDir: (given(env, 'SUMMARY_DIR') ?? '.').replace(/\/$/, ''),
  };
}
