import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateShape } from '../contract/index.ts';
import { startResponse, startResponseBody } from './start-response.ts';

describe('startResponseBody', () => {
  it('is exactly JSON.stringify of the response object, for any id and region', () => {
    // Written into a template (the fast path) for UUIDs and plain regions; the others go the plain way.
    const odd = ['short', `${'x'.repeat(35)}"`, `${'y'.repeat(35)}é`, '00000000-0000-4000-8000-00000000000\\'];
    for (const region of ['us-east-1', 'eu-west-2', 'ap-southeast-1', 'us-gov-west-1', 'x"y', 'ü-1']) {
      for (let i = 0; i < 2000; i++) {
        const id = i < odd.length ? odd[i]! : randomUUID();
        const body = startResponseBody(id, region);
        expect(body).toBe(JSON.stringify(startResponse(id, region)));
        if (/^[\x20-\x7e]*$/.test(id + region)) expect(Buffer.byteLength(body)).toBe(body.length); // ASCII: the emulator sends length as Content-Length
      }
    }
  });

  it('derives every field from the ContactId: the same id, the same body', () => {
    const id = randomUUID();
    expect(startResponseBody(id, 'us-east-1')).toBe(startResponseBody(id, 'us-east-1'));
    expect(startResponseBody(randomUUID(), 'us-east-1')).not.toBe(startResponseBody(id, 'us-east-1'));
    expect(validateShape('StartWebRTCContactResponse', JSON.parse(startResponseBody(id, 'us-east-1')))).toEqual([]);
  });

  it('gives distinct ids the distinct tokens and ids a client would see', () => {
    const seen = { participant: new Set<string>(), token: new Set<string>(), meeting: new Set<string>(), attendee: new Set<string>() };
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const r = startResponse(randomUUID(), 'us-east-1') as { ParticipantId: string; ParticipantToken: string; ConnectionData: { Meeting: { MeetingId: string }; Attendee: { AttendeeId: string } } };
      seen.participant.add(r.ParticipantId);
      seen.token.add(r.ParticipantToken);
      seen.meeting.add(r.ConnectionData.Meeting.MeetingId);
      seen.attendee.add(r.ConnectionData.Attendee.AttendeeId);
    }
    // Ids that differ in one character only (as sequential ids would) too.
    const base = '00000000-0000-4000-8000-00000000000';
    for (const c of '0123456789abcdef') seen.token.add((startResponse(base + c, 'us-east-1') as { ParticipantToken: string }).ParticipantToken);
    expect([seen.participant.size, seen.token.size, seen.meeting.size, seen.attendee.size]).toEqual([n, n + 16, n, n]);
  });
});

describe('parseBodyText', () => {
  it('reports what kind of JSON error, never the text around it', async () => {
    const { parseBodyText } = await import('../contract/parse-body.ts');
    const result = parseBodyText('{"ClientToken":,"Description":"SECRET-TEXT"}');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toMatch(/SECRET|Descript/);
  });
});
