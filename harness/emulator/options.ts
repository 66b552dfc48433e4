// The emulator's options, their defaults, and their checks: one place, shared by the embedded API
// (startEmulator) and the command line.
import { defaultProfile, type FidelityProfile } from '../contract/index.ts';
import type { AdmissionBounds } from './admission.ts';
import { systemClock, type Clock } from './clock.ts';
import * as defaults from '../contract/defaults.ts';
import type { FaultOptions } from './faults.ts';
import type { EmulatorObserver } from './observer.ts';
import { resolveStages, type ReplaceStages, type RequestStages } from './stages.ts';
import { resolveQuotas, type QuotaOptions, type ResolvedQuotas } from './quotas.ts';

export interface Credential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The account the key belongs to (rate quotas are per account and region). */
  readonly accountId?: string;
}

export interface EmulatorOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly region?: string;
  readonly instanceIds?: readonly string[];
  readonly contactFlowIds?: readonly string[];
  readonly credentials?: readonly Credential[];
  /** Turns SigV4 checking off (any or no Authorization is accepted). */
  readonly noAuth?: boolean;
  readonly quotas?: QuotaOptions;
  readonly callDurationMs?: number;
  /** "memory" (default) or a redis:// URL. */
  readonly store?: string;
  readonly maxRememberedTokens?: number;
  readonly maxRetainedContacts?: number;
  readonly strictTokens?: boolean;
  readonly profile?: FidelityProfile;
  readonly faults?: FaultOptions;
  readonly maxBodyBytes?: number;
  /**
   * When to shed new requests with 503 (admission.ts); 0 (the default here) turns a bound off. The
   * command line applies DEFAULT_MAX_IN_FLIGHT and DEFAULT_MAX_EVENT_LOOP_DELAY_MS instead.
   */
  readonly admission?: Partial<AdmissionBounds>;
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly clock?: Clock;
  readonly observer?: EmulatorObserver;
  /** Where operational lines go (the Redis store's outages); default stderr, prefixed "emulator: ". */
  readonly log?: (line: string) => void;
  /** Stages to use instead of the real ones (stages.ts); tests pass broken ones. */
  readonly replaceStages?: ReplaceStages;
  /**
   * Which process answers, when several share one port (`emulator --workers N`): sent as the
   * `x-emulator-worker` header of health answers only, so that AWS-shaped answers stay as one
   * process would give them.
   */
  readonly worker?: string;
}

export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly region: string;
  readonly instanceIds: ReadonlySet<string>;
  readonly contactFlowIds: ReadonlySet<string>;
  readonly credentials: ReadonlyMap<string, { secretAccessKey: string; accountId: string }>;
  readonly noAuth: boolean;
  readonly quotas: ResolvedQuotas;
  readonly callDurationMs: number;
  readonly store: string;
  readonly maxRememberedTokens: number;
  readonly maxRetainedContacts: number;
  readonly strictTokens: boolean;
  readonly profile: FidelityProfile;
  readonly faults: FaultOptions;
  readonly maxBodyBytes: number;
  readonly admission: AdmissionBounds;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly clock: Clock;
  readonly observer: EmulatorObserver | undefined;
  readonly log: (line: string) => void;
  readonly stages: RequestStages;
  readonly worker: string | undefined;
}

/** A bound that 0 switches off. */
function bound(name: string, value: number): number {
  if (!(Number.isInteger(value) && value >= 0)) throw new Error(`${name} must be a whole number, 0 for no bound, got ${value}`);
  return value;
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number, got ${value}`);
  return value;
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const region = options.region ?? defaults.DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new Error(`region "${region}" does not look like an AWS region (e.g. us-east-1)`);
  const credentials = new Map<string, { secretAccessKey: string; accountId: string }>();
  const given: readonly Credential[] = options.credentials ?? [defaults.DEFAULT_CREDENTIALS];
  for (const c of given) {
    if (!c.accessKeyId || !c.secretAccessKey) throw new Error('credentials need an access key id and a secret');
    credentials.set(c.accessKeyId, { secretAccessKey: c.secretAccessKey, accountId: c.accountId ?? defaults.DEFAULT_ACCOUNT_ID });
  }
  const port = options.port ?? defaults.DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be 0..65535, got ${port}`);
  return {
    host: options.host ?? defaults.DEFAULT_HOST,
    port,
    region,
    instanceIds: new Set(options.instanceIds?.length ? options.instanceIds : [defaults.DEFAULT_INSTANCE_ID]),
    contactFlowIds: new Set(options.contactFlowIds?.length ? options.contactFlowIds : [defaults.DEFAULT_CONTACT_FLOW_ID]),
    credentials,
    noAuth: options.noAuth ?? false,
    quotas: resolveQuotas(options.quotas),
    callDurationMs: positive('call duration', options.callDurationMs ?? defaults.DEFAULT_CALL_DURATION_MS),
    store: options.store ?? 'memory',
    maxRememberedTokens: positive('max remembered tokens', options.maxRememberedTokens ?? defaults.DEFAULT_MAX_REMEMBERED_TOKENS),
    maxRetainedContacts: positive('max retained contacts', options.maxRetainedContacts ?? defaults.DEFAULT_MAX_RETAINED_CONTACTS),
    strictTokens: options.strictTokens ?? false,
    profile: options.profile ?? defaultProfile,
    faults: options.faults ?? {},
    maxBodyBytes: positive('max body bytes', options.maxBodyBytes ?? defaults.DEFAULT_MAX_BODY_BYTES),
    admission: {
      maxPerTurn: bound('max per turn', options.admission?.maxPerTurn ?? 0),
      maxInFlight: bound('max in flight', options.admission?.maxInFlight ?? 0),
      maxEventLoopDelayMs: bound('max event loop delay', options.admission?.maxEventLoopDelayMs ?? 0),
    },
    headersTimeoutMs: positive('headers timeout', options.headersTimeoutMs ?? 10_000),
    requestTimeoutMs: positive('request timeout', options.requestTimeoutMs ?? 30_000),
    clock: options.clock ?? systemClock,
    observer: options.observer,
    log: options.log ?? ((line) => process.stderr.write(`emulator: ${line}\n`)),
    stages: resolveStages(options.replaceStages),
    worker: options.worker,
  };
}
