// The StartWebRTCContact success body. Every field derives from the ContactId (and the region), so
// a replayed ClientToken can rebuild the original response byte for byte from a few stored bytes:
// that is what lets the stores remember millions of tokens in little memory, and lets two emulator
// processes on one Redis answer a replay identically. (A real service would not derive its tokens
// from an id; an emulator only needs them opaque and stable.)
import { hash } from 'node:crypto';

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
  // One-shot hashing (no Hash object): this runs once per started contact and once per replay.
  const digest = hash('sha256', `connect-emulator:${contactId}`, 'buffer');
  const hex = digest.toString('hex');
  const second = hash('sha256', digest, 'buffer');
  const meetingId = uuidFrom(second.toString('hex'));
  const code = regionCode(region);
  return {
    ContactId: contactId,
    ParticipantId: uuidFrom(hex),
    ParticipantToken: `QVFJREFIa${second.toString('base64url')}${digest.toString('base64url')}`,
    ConnectionData: {
      Attendee: { AttendeeId: uuidFrom(hex.slice(32) + hex.slice(0, 32)), JoinToken: second.toString('base64url') + hex.slice(0, 20) },
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
 * in it is hex, base64url, a UUID or a validated region, none of which JSON needs to escape.
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
