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

/**
 * The same response as JSON text, written directly: this is on every start's path, and every value
 * in it is hex, base64url, a UUID or a validated region, none of which JSON needs to escape, and
 * all of it is ASCII (so its length is its byte length).
 */
export function startResponseBody(contactId: string, region: string): string {
  const r = startResponse(contactId, region) as {
    ContactId: string; ParticipantId: string; ParticipantToken: string;
    ConnectionData: { Attendee: { AttendeeId: string; JoinToken: string }; Meeting: { MediaRegion: string; MediaPlacement: Record<string, string>; MeetingId: string } };
  };
  const { Attendee: a, Meeting: m } = r.ConnectionData;
  const p = m.MediaPlacement;
  return (
    `{"ContactId":"${r.ContactId}","ParticipantId":"${r.ParticipantId}","ParticipantToken":"${r.ParticipantToken}",` +
    `"ConnectionData":{"Attendee":{"AttendeeId":"${a.AttendeeId}","JoinToken":"${a.JoinToken}"},` +
    `"Meeting":{"MediaRegion":"${m.MediaRegion}","MediaPlacement":{"AudioHostUrl":"${p.AudioHostUrl}","AudioFallbackUrl":"${p.AudioFallbackUrl}",` +
    `"SignalingUrl":"${p.SignalingUrl}","TurnControlUrl":"${p.TurnControlUrl}","EventIngestionUrl":"${p.EventIngestionUrl}"},` +
    `"MeetingFeatures":{"Audio":{"EchoReduction":"AVAILABLE"}},"MeetingId":"${m.MeetingId}"}}}`
  );
}
