// Fixed, documented defaults: a fresh emulator always knows this instance, flow and key pair, so
// examples, scenarios and CI can name them without configuration.
export const DEFAULT_INSTANCE_ID = '11111111-2222-4333-8444-555555555555';
export const DEFAULT_CONTACT_FLOW_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4599;
/** Bodies above this are refused with 413 before they are read. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** How long a started call stays active unless StopContact ends it first. */
export const DEFAULT_CALL_DURATION_MS = 300_000;
/** Remembered ClientTokens in the memory store before the oldest are forgotten. */
export const DEFAULT_MAX_REMEMBERED_TOKENS = 2_000_000;
/** Contacts kept readable by DescribeContact / GetContactAttributes before the oldest are dropped. */
export const DEFAULT_MAX_RETAINED_CONTACTS = 20_000;
/**
 * The command line's admission bounds (admission.ts): beyond either, new requests are shed with 503.
 * Requests in progress at once (being worked on, waiting for injected latency or for Redis): under
 * 2,000 connections, 256 and a 250 ms turn cut admitted p99 several times against no bound
 * (BENCHMARKS.md); lower bounds cut it further but shed runs with added latency, which a k6 run
 * rarely keeps at 256. The event-loop bound also catches costly requests (large bodies) and sits
 * above a GC pause. The embedded API has neither unless given them: its caller sets the load, and shares
 * its event loop.
 */
export const DEFAULT_MAX_PER_TURN = 64;
export const DEFAULT_MAX_IN_FLIGHT = 256;
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 250;
