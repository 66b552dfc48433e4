// Deliberately broken StartWebRTCContact targets, built from outside the emulator: an HTTP proxy on
// 127.0.0.1 in front of an in-process emulator (SigV4 on, unlimited quotas). Nothing in the
// production code knows about them: each breaks ONE rule the way a real implementation might, so
// that `connect-harness conformance --endpoint <proxy>` can be shown to catch it.
//
// How a request goes through the proxy:
//   1. it is buffered whole, then forwarded unchanged to the emulator, which judges its signature
//      (the Host header is kept, so the signature the SDK made for the proxy still verifies);
//   2. a 403 goes back as it came: no breakage ever touches authentication;
//   3. otherwise the breakage may answer differently. When it must accept what the emulator refused,
//      it re-signs a sanitized copy (the offending members removed) with harness/sigv4 and returns the
//      real contact that copy starts; when it must refuse what the emulator accepted, it stops the
//      contact the original started. What a request violates is decided with the contract's validate().
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { errorForViolations, pathTokens, profileFromJson, schemaRules, documentedRuleNames, validate, violationSource, type FidelityProfile, type Violation } from '../../../harness/contract/index.ts';
import { DEFAULT_CREDENTIALS } from '../../../harness/contract/defaults.ts';
import type { FaultOptions } from '../../../harness/emulator/faults.ts';
import { parseBody } from '../../../harness/contract/parse-body.ts';
import { startEmulator, type RunningEmulator } from '../../../harness/emulator/server.ts';
import { nodeCrypto } from '../../../harness/platform/node-crypto.ts';
import { signRequest } from '../../../harness/sigv4/index.ts';

export const breakages = [
  'faithful',
  'utf16-attribute-budget',
  'utf16-lengths',
  'attachment-at-creation',
  'dot-in-keys',
  'colon-in-keys',
  'e-acute-in-keys',
  '500-on-missing-member',
  'non-json-errors',
  'replay-new-contact',
  'loses-proto-attribute',
  'assumptions-only',
  'random-500s',
] as const;

export type Breakage = (typeof breakages)[number];

/** An HTTP answer, buffered. Header names lowercased. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

interface Incoming {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface ProxyCounts {
  /** Requests the proxy received, by operation ("other" for anything else). */
  readonly received: Record<string, number>;
  /** StartWebRTCContact requests answered otherwise than the emulator answered them. */
  altered: number;
}

export interface BrokenTarget extends AsyncDisposable {
  readonly breakage: Breakage;
  /** The proxy: what the harness is pointed at. */
  readonly url: string;
  readonly emulator: RunningEmulator;
  readonly counts: ProxyCounts;
  close(): Promise<void>;
}

export interface BrokenTargetOptions {
  /** Seed of the injected faults of `random-500s` (default 1). */
  readonly faultSeed?: number;
  /** Fraction of requests `random-500s` fails (default 0.05). */
  readonly faultRate?: number;
  /** The emulator's fidelity profile, in place of the breakage's own (to combine two departures). */
  readonly profile?: FidelityProfile;
}

const START = 'StartWebRTCContact';

function operationOf(method: string, url: string): string {
  const path = url.split('?')[0] ?? '';
  if (method === 'PUT' && path === '/contact/webrtc') return START;
  if (method === 'POST' && path === '/contact/stop') return 'StopContact';
  if (method === 'GET' && path.startsWith('/contacts/')) return 'DescribeContact';
  if (method === 'GET' && path.startsWith('/contact/attributes/')) return 'GetContactAttributes';
  return 'other';
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'proxy-connection', 'upgrade', 'te', 'trailer']);

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** An AWS-shaped JSON error, as the emulator's wire.ts writes them. */
export function awsError(status: number, name: string, message: string): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': name },
    body: Buffer.from(JSON.stringify({ Message: message })),
  };
}

const jsonOf = (answer: Answer): unknown => {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    return undefined;
  }
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A deep copy through JSON (keeps "__proto__" as an own key, as the wire body had it). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The top-level members whose violations `violations` are: `/Attributes/a.b` → `Attributes`. */
const memberOf = (v: Violation) => pathTokens(v.path)[0] ?? '';
/** The map key a violation under a map member is about: `/Attributes/a.b` → `a.b`. */
const keyOf = (v: Violation) => pathTokens(v.path)[1] ?? '';

/** Every string and key of a JSON value mapped through `f`. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, f(k), { value: mapStrings(v, f), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const astral = /[\ud800-\udbff][\udc00-\udfff]/g;
const A2_CHARSET = /^[A-Za-z0-9_-]*$/;

/** Whether a key breaks A2 only because of `char`: without it, it is in A2's charset. */
const onlyBadChar = (key: string, char: string) => key.includes(char) && A2_CHARSET.test(key.split(char).join(''));

interface Upstream {
  /** Sends a request signed with the emulator's default credentials (a copy the proxy made). */
  signed(method: string, path: string, body: string | undefined): Promise<Answer>;
  /** Stops a contact the original request started and the breakage hides. */
  stop(contactId: string): Promise<void>;
}

interface Judged {
  /** The request body as the emulator parsed it (undefined: not JSON, or not a body). */
  readonly request: Record<string, unknown> | undefined;
  readonly violations: readonly Violation[];
}

type Behaviour = (operation: string, original: Answer, judged: Judged, upstream: Upstream) => Promise<Answer>;

/** Accepts `sanitized` in place of a refused request: the real 200 it gets, or the original refusal when even that is refused. */
async function acceptInstead(original: Answer, sanitized: Record<string, unknown>, upstream: Upstream): Promise<Answer> {
  if (validate(sanitized).length > 0) return original;
  const answer = await upstream.signed('PUT', '/contact/webrtc', JSON.stringify(sanitized));
  return answer.status === 200 ? answer : original;
}

/** A breakage that accepts a refused start when `accepts(violations)` holds, starting `sanitize(request)` instead. */
function accepting(accepts: (violations: readonly Violation[], request: Record<string, unknown>) => boolean, sanitize: (request: Record<string, unknown>, violations: readonly Violation[]) => Record<string, unknown> | undefined): Behaviour {
  return async (operation, original, { request, violations }, upstream) => {
    if (operation !== START || original.status !== 400 || !request || violations.length === 0 || !accepts(violations, request)) return original;
    const sanitized = sanitize(copy(request), violations);
    return sanitized ? acceptInstead(original, sanitized, upstream) : original;
  };
}

/** Deletes the map keys the violations point at from their member. */
function withoutKeys(request: Record<string, unknown>, violations: readonly Violation[]): Record<string, unknown> {
  for (const v of violations) {
    const map = request[memberOf(v)];
    if (isRecord(map)) delete map[keyOf(v)];
  }
  return request;
}

/** A1 counted in UTF-16 code units: keys plus values, as the contract counts its bytes. */
function utf16AttributeUnits(request: Record<string, unknown>): number {
  const attributes = request.Attributes;
  if (!isRecord(attributes)) return 0;
  let units = 0;
  for (const [key, value] of Object.entries(attributes)) units += key.length + (typeof value === 'string' ? value.length : 0);
  return units;
}

const A1_LIMIT = 32_768;

const keyCharset = (char: string): Behaviour =>
  accepting(
    (violations) => violations.every((v) => v.rule === 'attribute-key-charset' && onlyBadChar(keyOf(v), char)),
    withoutKeys,
  );

const behaviours: Record<Exclude<Breakage, 'faithful' | 'random-500s'>, Behaviour> = {
  'utf16-attribute-budget': accepting(
    (violations, request) => violations.every((v) => v.rule === 'attribute-byte-budget') && utf16AttributeUnits(request) <= A1_LIMIT,
    (request) => {
      delete request.Attributes;
      return request;
    },
  ),

  'utf16-lengths': async (operation, original, { request }, upstream) => {
    if (operation !== START || original.status !== 200 || !request) return original;
    // Each astral character as two BMP ones: lengths then count UTF-16 units, as the defect does.
    const asUnits = mapStrings(request, (s) => s.replace(astral, 'xx'));
    const tooLong = validate(asUnits).filter((v) => v.rule === 'length' || v.rule === 'key-length');
    const error = errorForViolations(tooLong);
    if (!error) return original;
    const contactId = (jsonOf(original) as { ContactId?: unknown } | undefined)?.ContactId;
    if (typeof contactId === 'string') await upstream.stop(contactId);
    return awsError(error.status, error.name, error.message);
  },

  'attachment-at-creation': accepting(
    (violations) => violations.every((v) => v.rule === 'reference-type-at-creation' && v.actual === 'ATTACHMENT'),
    withoutKeys,
  ),

  'dot-in-keys': keyCharset('.'),
  'colon-in-keys': keyCharset(':'),
  'e-acute-in-keys': keyCharset('\u00e9'),

  '500-on-missing-member': async (operation, original, { violations }) =>
    operation === START && original.status === 400 && violations.some((v) => v.rule === 'required')
      ? awsError(500, 'InternalServiceException', 'Request processing failed because of an error or failure with the service')
      : original,

  'non-json-errors': async (_operation, original) => {
    if (original.status < 400) return original;
    const message = (jsonOf(original) as { Message?: unknown } | undefined)?.Message;
    const { 'content-type': _, ...headers } = original.headers;
    return { status: original.status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(`${String(message ?? 'error')}\n`) };
  },

  'replay-new-contact': async (operation, original, { request }, upstream) => {
    if (operation !== START || original.status !== 200 || !request || !('ClientToken' in request)) return original;
    const { ClientToken: _, ...withoutToken } = request;
    const fresh = await upstream.signed('PUT', '/contact/webrtc', JSON.stringify(withoutToken));
    if (fresh.status !== 200) return original;
    // The contact the token maps to is never shown to the caller: stop it (again, on a replay).
    const contactId = (jsonOf(original) as { ContactId?: unknown } | undefined)?.ContactId;
    if (typeof contactId === 'string') await upstream.stop(contactId);
    return fresh;
  },

  'loses-proto-attribute': async (operation, original) => {
    if (operation !== 'GetContactAttributes' || original.status !== 200) return original;
    const body = jsonOf(original);
    if (!isRecord(body) || !isRecord(body.Attributes) || !Object.hasOwn(body.Attributes, '__proto__')) return original;
    delete body.Attributes['__proto__'];
    return { ...original, body: Buffer.from(JSON.stringify(body)) };
  },

  // Faithful to everything modeled or documented; otherwise than assumed where only an assumption
  // says what to do: no nesting limit, lone surrogates taken (as U+FFFD), 14-digit DATE values and a
  // reference budget crossed only by counting keys accepted; and (through its emulator's profile)
  // ValidationException for constraint violations.
  'assumptions-only': accepting(
    (violations, request) => violations.every((v) => violationSource(v, request) === 'assumed'),
    (request, violations) => {
      let out: Record<string, unknown> = request;
      for (const v of violations) {
        switch (v.rule) {
          case 'well-formed-unicode':
            out = mapStrings(out, (s) => s.replace(loneSurrogate, '\ufffd')) as Record<string, unknown>;
            break;
          case 'nesting-depth':
          case 'reference-byte-budget':
            if (['InstanceId', 'ContactFlowId', 'ParticipantDetails'].includes(memberOf(v))) return undefined;
            delete out[memberOf(v)];
            break;
          case 'date-reference-value':
            out = withoutKeys(out, [v]);
            break;
          default:
            return undefined;
        }
      }
      return out;
    },
  ),
};

/** The emulator profile of `assumptions-only`: ValidationException (400) for every constraint rule, all assumed. */
export const validationExceptionProfile: FidelityProfile = profileFromJson({
  name: 'validation-exception',
  description: 'ValidationException for constraint violations (assumed entries only)',
  entries: Object.fromEntries(
    [...schemaRules, ...documentedRuleNames, 'validation-summary'].map((condition) => [condition, { error: 'ValidationException', status: 400, source: 'assumed' }]),
  ),
});

function emulatorFor(breakage: Breakage, options: BrokenTargetOptions): Promise<RunningEmulator> {
  const faults: FaultOptions | undefined = breakage === 'random-500s' ? { faultRate: options.faultRate ?? 0.05, seed: options.faultSeed ?? 1 } : undefined;
  return startEmulator({
    port: 0,
    quotas: { preset: 'unlimited' },
    ...(faults ? { faults } : {}),
    ...(options.profile ? { profile: options.profile } : breakage === 'assumptions-only' ? { profile: validationExceptionProfile } : {}),
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts an emulator and the proxy in front of it that breaks `breakage`. */
export async function startBrokenTarget(breakage: Breakage, options: BrokenTargetOptions = {}): Promise<BrokenTarget> {
  const emulator = await emulatorFor(breakage, options);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const region = emulator.options.region;
  const emulatorHost = `127.0.0.1:${emulator.port}`;
  const counts: ProxyCounts = { received: {}, altered: 0 };

  const send = (method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: emulator.port, method, path, agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
        readAll(res).then((data) => resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body: data }), reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  const upstream: Upstream = {
    async signed(method, path, body) {
      const headers = { host: emulatorHost, 'content-type': 'application/json' };
      const signature = signRequest({ method, path, headers, ...(body === undefined ? {} : { body }), region, service: 'connect', credentials: DEFAULT_CREDENTIALS, crypto: nodeCrypto });
      return send(method, path, { ...headers, ...signature }, Buffer.from(body ?? '', 'utf8'));
    },
    async stop(contactId) {
      await this.signed('POST', '/contact/stop', JSON.stringify({ InstanceId: [...emulator.options.instanceIds][0], ContactId: contactId }));
    },
  };

  const behaviour: Behaviour | undefined = breakage === 'faithful' || breakage === 'random-500s' ? undefined : behaviours[breakage];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const incoming: Incoming = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
    const operation = operationOf(incoming.method, incoming.url);
    counts.received[operation] = (counts.received[operation] ?? 0) + 1;
    const original = await send(incoming.method, incoming.url, flatHeaders(incoming.headers), incoming.body);
    let answer = original;
    // Authentication is the emulator's alone: a refusal of the signature goes back as it came.
    if (behaviour && original.status !== 403) {
      const parsed = operation === START ? parseBody(body) : undefined;
      const request = parsed?.ok && isRecord(parsed.value) ? parsed.value : undefined;
      answer = await behaviour(operation, original, { request, violations: request ? validate(request) : [] }, upstream);
      if (answer !== original) counts.altered++;
    }
    const headers = { ...answer.headers, 'content-length': String(answer.body.length) };
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug of the proxy must not pass for the target's answer: a status no check accepts, and a note.
      process.stderr.write(`broken-targets proxy (${breakage}): ${(error as Error)?.stack ?? String(error)}\n`);
      if (!res.headersSent) res.writeHead(599, { 'content-type': 'text/plain' });
      res.end('proxy error');
    });
  });
  server.keepAliveTimeout = 5_000;
  const port = await listen(server);

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    agent.destroy();
    await emulator.close();
  };
  return { breakage, url: `http://127.0.0.1:${port}`, emulator, counts, close, [Symbol.asyncDispose]: close };
}
