// Every metric, measurement and tag name that crosses a process boundary: the k6 scenarios and the
// emulator's exporter write them, the Grafana dashboards query them. One module, so that a rename
// cannot silently empty a panel. Runtime-neutral: k6 imports it too.
//
// Tags are bounded by design: outcome, error name, rule, operation, scenario, configured instance,
// test id. Never ids, tokens or anything taken from a request body: they would explode series
// cardinality in InfluxDB and leak what must not leak.

/** The prefix of every custom k6 metric. */
export const k6MetricPrefix = 'webrtc_';

/** Custom metrics the k6 scenarios emit (k6 writes each as an InfluxDB measurement of that name, field "value"). */
export const k6Metrics = {
  startDuration: 'webrtc_start_duration',
  startFailed: 'webrtc_start_failed',
  throttled: 'webrtc_throttled',
  idempotencyViolations: 'webrtc_idempotency_violations',
  contactsStarted: 'webrtc_contacts_started',
  expectationMismatches: 'webrtc_expectation_mismatches',
  /**
   * Evidence counters: a verdict has samples to rest on. A `count>0` threshold fails on an empty
   * Counter, where a Rate threshold would pass (scenarios/lib/evidence.ts).
   * An idempotency probe that could be judged: a replay answered with a ContactId, or a batch of
   * duplicates two or more of which were.
   */
  idempotencyProbes: 'webrtc_idempotency_probes',
  /** A negative-mix corpus entry answered with a verdict (not throttled, failed or unreachable). */
  expectationsJudged: 'webrtc_expectations_judged',
} as const;

/** Metrics k6 itself emits, under its own names. */
export const k6BuiltinMetrics = {
  httpReqDuration: 'http_req_duration',
  iterations: 'iterations',
  droppedIterations: 'dropped_iterations',
  vus: 'vus',
  checks: 'checks',
} as const;

/** Measurements the emulator's exporter writes. */
export const emulatorMeasurements = {
  /** One point per request: field `duration_ms`, field `count` = 1. */
  requests: 'emulator_requests',
  /** Periodic: field `active`, field `limit` (the concurrent-call quota), per instance. */
  activeCalls: 'emulator_active_calls',
  /** Periodic: the exporter's own health: fields `written`, `dropped`, `failed_writes`, `buffered`. */
  exporter: 'emulator_exporter',
} as const;

/** The fields of each emulator measurement. */
export const emulatorFields = {
  [emulatorMeasurements.requests]: { count: 'count', durationMs: 'duration_ms' },
  [emulatorMeasurements.activeCalls]: { active: 'active', limit: 'limit' },
  /** `buffered`: points waiting in the exporter's ring when the health point was taken. */
  [emulatorMeasurements.exporter]: { written: 'written', dropped: 'dropped', failedWrites: 'failed_writes', buffered: 'buffered' },
} as const;

/** Tag keys, shared by both sides where they mean the same thing. */
export const tagKeys = {
  testId: 'testid',
  scenario: 'scenario',
  outcome: 'outcome',
  errorName: 'error',
  rule: 'rule',
  operation: 'operation',
  instance: 'instance',
  /** The capacity scenario's step, 1..N, from the elapsed scenario time (bounded by the step count). */
  step: 'step',
  /** The spike scenario's phase: baseline, burst or recovery (three values). */
  phase: 'phase',
} as const;

/**
 * The k6 sample-metadata key under which a started ContactId travels to k6's JSON output, where
 * `connect-harness stop-contacts` finds it. Metadata, not a tag: it makes no series and k6 keeps it
 * out of summaries and out of InfluxDB tags.
 */
export const contactIdMetadataKey = 'contact_id';

/** Values of the outcome tag a k6 scenario writes for a StartWebRTCContact response. */
export const startOutcomes = ['accepted', 'rejected', 'throttled', 'server-error', 'network-error', 'unexpected'] as const;
export type StartOutcome = (typeof startOutcomes)[number];

/** Short names for each emulator measurement's fields. */
export const requestFields = emulatorFields[emulatorMeasurements.requests];
export const activeCallFields = emulatorFields[emulatorMeasurements.activeCalls];
export const exporterFields = emulatorFields[emulatorMeasurements.exporter];

/**
 * The emulator's `outcome` tag on emulator_requests, one per answer. `shed`: refused unread by
 * admission control (harness/emulator/admission.ts), the emulator's own overload.
 */
export const emulatorOutcomes = ['accepted', 'replayed', 'rejected', 'not-found', 'throttled', 'fault', 'unauthorized', 'shed'] as const;
export type EmulatorOutcome = (typeof emulatorOutcomes)[number];
