// Speed-tuned: guarded by `npm run bench -- emulator`.
// The StartWebRTCContact success body. Every field derives from the ContactId (and the region), so
// a replayed ClientToken can rebuild the original response byte for byte from a few stored bytes:
// that is what lets the stores remember millions of tokens in little memory, and lets two emulator
// processes on one Redis answer a replay identically. (A real service would not derive its tokens
// from an id; an emulator only needs them opaque and stable.)

/** Scratch for the 64 derived bytes: filled and read within one synchronous call. */
const bytes = Buffer.alloc(64);

/**
 * Fills `bytes` with 64 bytes that depend only on `contactId`: a 32-bit hash of its characters in
 * two lanes seeds a splitmix-style sequence. The values only need to look opaque and be stable; a
 * cryptographic hash here cost more than the rest of the response.
 */
function deriveBytes(contactId: string): void {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < contactId.length; i++) {
    const c = contactId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  for (let i = 0; i < 16; i++) {
    let z = (i & 1 ? (b = (b + 0x9e3779b9) | 0) : (a = (a + 0x6d2b79f5) | 0)) ^ (i << 24);
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    bytes.writeInt32LE(z ^ (z >>> 16), i * 4);
  }
}

function uuidFrom(hex: string): string {
  // Shaped as a version 4 UUID, like the real service's ids.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** "us-east-1" → "ue1", the short region code Chime media hosts use. */
export function regionCode(region: string): string {
  const parts = region.split('-');
  return `${parts[0]?.[0] ?? 'x'}${parts[1]?.[0] ?? 'x'}${parts.at(-1)?.replace(/\D/g, '') || '1'}`;
}

export function startResponse(contactId: string, region: string): Record<string, unknown> {
  // This runs once per started contact and once per replay.
  deriveBytes(contactId);
  const hex = bytes.toString('hex', 0, 32);
  const secondHex = bytes.toString('hex', 32, 64);
  const first64 = bytes.toString('base64url', 0, 32);
  const second64 = bytes.toString('base64url', 32, 64);
  const meetingId = uuidFrom(secondHex);
  const code = regionCode(region);
  return {
    ContactId: contactId,
    ParticipantId: uuidFrom(hex),
    ParticipantToken: `QVFJREFIa${second64}${first64}`,
    ConnectionData: {
      Attendee: { AttendeeId: uuidFrom(hex.slice(32) + hex.slice(0, 32)), JoinToken: second64 + hex.slice(0, 20) },
      Meeting: {
        MediaRegion: region,
        MediaPlacement: {
          AudioHostUrl: `${hex.slice(0, 8)}.k.m3.${code}.app.chime.aws:3478`,
          AudioFallbackUrl: `wss://haxrp.m3.${code}.app.chime.aws:443/calls/${meetingId}`,
          SignalingUrl: `wss://signal.m3.${code}.app.chime.aws/control/${meetingId}`,
          TurnControlUrl: `https://${parseInt(hex.slice(8, 12), 16) % 9000 + 1000}.cell.${region}.meetings.chime.aws/v2/turn_sessions`,
          EventIngestionUrl: `https://data.svc.${code}.ingest.chime.aws/v1/client-events`,
        },
        MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' } },
        MeetingId: meetingId,
      },
    },
  };
}

// ---- The body as JSON text, on every start's and replay's path ----
//
// Every value in the body has a fixed length (UUIDs, 43-character base64url, hex, a four-digit
// number) and the rest depends only on the region, so the body is one template per region with
// slots at fixed offsets: the slots are written in place and the whole body read out as one string,
// which is all a start allocates for it (no intermediate hex, base64 or UUID strings). The plain
// form is JSON.stringify(startResponse(...)), which start-response.test.ts compares it with.

const HEX = Buffer.from('0123456789abcdef', 'latin1');
const BASE64URL = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 'latin1');
const UUID_LENGTH = 36;
const BASE64_32_LENGTH = 43;

/** Where each value goes in a region's body, and the body with every value left blank. */
interface Template {
  readonly buffer: Buffer;
  readonly contactId: number;
  readonly participantId: number;
  /** ParticipantToken: base64url of the second 32 bytes, then of the first. */
  readonly tokenSecond: number;
  readonly tokenFirst: number;
  readonly attendeeId: number;
  /** JoinToken: base64url of the second 32 bytes, then hex of the first 10. */
  readonly joinSecond: number;
  readonly joinHex: number;
  readonly hostHex: number;
  readonly meetingIds: readonly [number, number, number];
  readonly turnNumber: number;
}

const templates = new Map<string, Template>();
/** A region the template can hold as it is, unescaped (the emulator's options admit no other). */
const PLAIN_REGION = /^[a-z0-9-]+$/;

/** Built once per region, in the layout of startResponse()'s members. */
function template(region: string): Template | undefined {
  let t = templates.get(region);
  if (t) return t;
  if (!PLAIN_REGION.test(region)) return undefined;
  const code = regionCode(region);
  let text = '';
  /** A literal, then room for a value of `length` characters; returns where the room starts. */
  const room = (literal: string, length: number) => {
    text += literal;
    const at = text.length;
    text += ' '.repeat(length);
    return at;
  };
  const contactId = room('{"ContactId":"', UUID_LENGTH);
  const participantId = room('","ParticipantId":"', UUID_LENGTH);
  const tokenSecond = room('","ParticipantToken":"QVFJREFIa', BASE64_32_LENGTH);
  const tokenFirst = room('', BASE64_32_LENGTH);
  const attendeeId = room('","ConnectionData":{"Attendee":{"AttendeeId":"', UUID_LENGTH);
  const joinSecond = room('","JoinToken":"', BASE64_32_LENGTH);
  const joinHex = room('', 20);
  const hostHex = room(`"},"Meeting":{"MediaRegion":"${region}","MediaPlacement":{"AudioHostUrl":"`, 8);
  const meeting1 = room(`.k.m3.${code}.app.chime.aws:3478","AudioFallbackUrl":"wss://haxrp.m3.${code}.app.chime.aws:443/calls/`, UUID_LENGTH);
  const meeting2 = room(`","SignalingUrl":"wss://signal.m3.${code}.app.chime.aws/control/`, UUID_LENGTH);
  const turnNumber = room('","TurnControlUrl":"https://', 4);
  const meeting3 = room(
    `.cell.${region}.meetings.chime.aws/v2/turn_sessions","EventIngestionUrl":"https://data.svc.${code}.ingest.chime.aws/v1/client-events"},` +
      '"MeetingFeatures":{"Audio":{"EchoReduction":"AVAILABLE"}},"MeetingId":"',
    UUID_LENGTH,
  );
  text += '"}}}';
  t = { buffer: Buffer.from(text, 'latin1'), contactId, participantId, tokenSecond, tokenFirst, attendeeId, joinSecond, joinHex, hostHex, meetingIds: [meeting1, meeting2, meeting3], turnNumber };
  templates.set(region, t);
  return t;
}

function writeHex(out: Buffer, to: number, from: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const b = bytes[from + i]!;
    out[to + 2 * i] = HEX[b >> 4]!;
    out[to + 2 * i + 1] = HEX[b & 15]!;
  }
}

/** uuidFrom() of the 16 bytes at `from`: their hex as 8-4-4-4-12, version 4, variant 10xx. */
function writeUuid(out: Buffer, to: number, from: number): void {
  writeHex(out, to, from, 4);
  out[to + 8] = 0x2d;
  writeHex(out, to + 9, from + 4, 2);
  out[to + 13] = 0x2d;
  writeHex(out, to + 14, from + 6, 2);
  out[to + 14] = 0x34; // '4' in place of the first hex digit of byte 6
  out[to + 18] = 0x2d;
  writeHex(out, to + 19, from + 8, 2);
  out[to + 19] = HEX[((bytes[from + 8]! >> 4) & 3) | 8]!;
  out[to + 23] = 0x2d;
  writeHex(out, to + 24, from + 10, 6);
}

/** The 32 bytes at `from` in base64url without padding: 43 characters. */
function writeBase64url32(out: Buffer, to: number, from: number): void {
  let o = to;
  for (let i = 0; i < 30; i += 3) {
    const n = (bytes[from + i]! << 16) | (bytes[from + i + 1]! << 8) | bytes[from + i + 2]!;
    out[o++] = BASE64URL[n >> 18]!;
    out[o++] = BASE64URL[(n >> 12) & 63]!;
    out[o++] = BASE64URL[(n >> 6) & 63]!;
    out[o++] = BASE64URL[n & 63]!;
  }
  const n = (bytes[from + 30]! << 8) | bytes[from + 31]!;
  out[o++] = BASE64URL[n >> 10]!;
  out[o++] = BASE64URL[(n >> 4) & 63]!;
  out[o] = BASE64URL[(n << 2) & 63]!;
}

/** A ContactId the template can hold as it is: 36 characters none of which JSON escapes, all ASCII. */
function fitsSlot(contactId: string): boolean {
  if (contactId.length !== UUID_LENGTH) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const c = contactId.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/**
 * The same response as JSON text, byte for byte JSON.stringify(startResponse(contactId, region)).
 * All of it is ASCII (so its length is its byte length): every value is hex, base64url, a UUID, a
 * number or the validated region, none of which JSON escapes.
 */
export function startResponseBody(contactId: string, region: string): string {
  const t = template(region);
  // Not an emulator's ContactId (they are UUIDs) or region: the plain way.
  if (!t || !fitsSlot(contactId)) return JSON.stringify(startResponse(contactId, region));
  const out = t.buffer;
  deriveBytes(contactId);
  for (let i = 0, c = t.contactId; i < UUID_LENGTH; i++) out[c + i] = contactId.charCodeAt(i);
  writeUuid(out, t.participantId, 0);
  writeBase64url32(out, t.tokenSecond, 32);
  writeBase64url32(out, t.tokenFirst, 0);
  writeUuid(out, t.attendeeId, 16);
  out.copyWithin(t.joinSecond, t.tokenSecond, t.tokenSecond + BASE64_32_LENGTH);
  writeHex(out, t.joinHex, 0, 10);
  writeHex(out, t.hostHex, 0, 4);
  const [m1, m2, m3] = t.meetingIds;
  writeUuid(out, m1, 32);
  out.copyWithin(m2, m1, m1 + UUID_LENGTH);
  out.copyWithin(m3, m1, m1 + UUID_LENGTH);
  const turn = (((bytes[4]! << 8) | bytes[5]!) % 9000) + 1000;
  const n = t.turnNumber;
  out[n] = 0x30 + Math.floor(turn / 1000);
  out[n + 1] = 0x30 + (Math.floor(turn / 100) % 10);
  out[n + 2] = 0x30 + (Math.floor(turn / 10) % 10);
  out[n + 3] = 0x30 + (turn % 10);
  return out.toString('latin1');
}
