// StartWebRTCContact and its sibling reads, successful paths, through the real AWS SDK.
import {
  DescribeContactCommand,
  GetContactAttributesCommand,
  StartWebRTCContactCommand,
  StopContactCommand,
  type ConnectClient,
} from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { codePointLength, shapes } from '../../harness/contract/index.ts';
import { regionCode } from '../../harness/emulator/start-response.ts';
import type { RunningEmulator } from '../../harness/emulator/server.ts';
import { emulatorForSuite, instanceId, startInput, UUID } from '../support/connect-client.ts';

let emu: RunningEmulator;
let client: ConnectClient;

emulatorForSuite((e, c) => {
  emu = e;
  client = c;
});

const tokenBounds = shapes.ParticipantToken.length;
const idBounds = shapes.ContactId.length;

describe('StartWebRTCContact succeeds', () => {
  it('answers all four response members, with UUID ids and a token within the contract bounds', async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput()));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toEqual(expect.any(String));
    expect(out.$metadata.requestId!.length).toBeGreaterThan(0);

    expect(out.ContactId).toMatch(UUID);
    expect(out.ParticipantId).toMatch(UUID);
    for (const id of [out.ContactId!, out.ParticipantId!]) {
      expect(codePointLength(id)).toBeGreaterThanOrEqual(idBounds.min);
      expect(codePointLength(id)).toBeLessThanOrEqual(idBounds.max);
    }
    expect(out.ParticipantToken).toEqual(expect.any(String));
    expect(codePointLength(out.ParticipantToken!)).toBeGreaterThanOrEqual(tokenBounds.min);
    expect(codePointLength(out.ParticipantToken!)).toBeLessThanOrEqual(tokenBounds.max);

    const attendee = out.ConnectionData?.Attendee;
    expect(attendee?.AttendeeId).toEqual(expect.any(String));
    expect(attendee?.JoinToken).toEqual(expect.any(String));
    const meeting = out.ConnectionData?.Meeting;
    expect(meeting?.MediaRegion).toBe(emu.options.region);
    expect(meeting?.MeetingId).toEqual(expect.any(String));
    expect(meeting?.MeetingFeatures?.Audio?.EchoReduction).toBe('AVAILABLE');
    const placement = meeting?.MediaPlacement ?? {};
    const urls = ['AudioHostUrl', 'AudioFallbackUrl', 'SignalingUrl', 'TurnControlUrl', 'EventIngestionUrl'] as const;
    const code = regionCode(emu.options.region);
    for (const name of urls) {
      const url = placement[name];
      expect(url, name).toEqual(expect.any(String));
      expect(codePointLength(url!), name).toBeGreaterThanOrEqual(shapes.URI.length.min);
      expect(codePointLength(url!), name).toBeLessThanOrEqual(shapes.URI.length.max);
      // Either the short Chime code ("ue1") or the full region name.
      expect(url!.includes(code) || url!.includes(emu.options.region), `${name} ${url} mentions ${code}`).toBe(true);
    }
  });

  it('gives every start its own contact and participant', async () => {
    const a = await client.send(new StartWebRTCContactCommand(startInput()));
    const b = await client.send(new StartWebRTCContactCommand(startInput()));
    expect(a.ContactId).not.toBe(b.ContactId);
    expect(a.ParticipantId).not.toBe(b.ParticipantId);
    expect(a.$metadata.requestId).not.toBe(b.$metadata.requestId);
  });

  it('accepts every optional member the SDK sends, SegmentAttributes and AllowedCapabilities included', async () => {
    const out = await client.send(
      new StartWebRTCContactCommand(
        startInput({
          AllowedCapabilities: { Customer: { Video: 'SEND', ScreenShare: 'SEND' }, Agent: {} },
          Description: 'a test call',
          References: { ticket: { Type: 'URL', Value: 'https://example.com/t/1' }, when: { Type: 'DATE', Value: '1767225600000' } },
          SegmentAttributes: {
            'connect:Subtype': { ValueString: 'connect:WebRTC' },
            nested: { ValueMap: { n: { ValueInteger: 42 } }, ValueList: [{ ValueString: 'x' }] },
          },
        }),
      ),
    );
    expect(out.ContactId).toMatch(UUID);
    const described = await client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: out.ContactId }));
    expect(described.Contact?.SegmentAttributes?.['connect:Subtype']?.ValueString).toBe('connect:WebRTC');
    expect(described.Contact?.Description).toBe('a test call');
  });
});

describe('DescribeContact reads the started contact back', () => {
  it('shows channel, initiation method, timestamps as Dates, related contact and attributes', async () => {
    const before = Date.now();
    const related = await client.send(new StartWebRTCContactCommand(startInput()));
    const out = await client.send(
      new StartWebRTCContactCommand(startInput({ RelatedContactId: related.ContactId, Attributes: { customer: 'c-1', tier: 'gold' } })),
    );
    const { Contact: contact } = await client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: out.ContactId }));
    expect(contact).toBeDefined();
    expect(contact!.Id).toBe(out.ContactId);
    expect(contact!.InitialContactId).toBe(out.ContactId);
    expect(contact!.Channel).toBe('VOICE');
    expect(contact!.InitiationMethod).toBe('WEBRTC_API');
    expect(contact!.RelatedContactId).toBe(related.ContactId);
    expect(contact!.Attributes).toEqual({ customer: 'c-1', tier: 'gold' });
    expect(contact!.Arn).toContain(`instance/${instanceId}/contact/${out.ContactId}`);
    expect(contact!.InitiationTimestamp).toBeInstanceOf(Date);
    expect(contact!.LastUpdateTimestamp).toBeInstanceOf(Date);
    // Seconds on the wire: allow the sub-second truncation either way.
    expect(contact!.InitiationTimestamp!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(contact!.InitiationTimestamp!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(contact!.DisconnectTimestamp).toBeUndefined();
  });

  it('omits RelatedContactId when none was given', async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput()));
    const { Contact: contact } = await client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: out.ContactId }));
    expect(contact!.RelatedContactId).toBeUndefined();
  });
});

describe('GetContactAttributes', () => {
  it('returns the attributes byte-exact: astral characters, __proto__ and constructor keys', async () => {
    // JSON.parse makes "__proto__" an own, enumerable key (an object literal would set the prototype).
    const attributes = JSON.parse('{"__proto__":"p","constructor":"c","toString":"t","emoji":"😀 and \\u00e9 and 𝄞","empty":"","hasOwnProperty":"h"}') as Record<string, string>;
    expect(Object.keys(attributes)).toContain('__proto__');
    const out = await client.send(new StartWebRTCContactCommand(startInput({ Attributes: attributes })));
    const read = await client.send(new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: out.ContactId }));
    expect(read.Attributes).toBeDefined();
    const got = read.Attributes!;
    expect(Object.keys(got).sort()).toEqual(Object.keys(attributes).sort());
    for (const key of Object.keys(attributes)) {
      expect(Object.prototype.hasOwnProperty.call(got, key), key).toBe(true);
      expect(Buffer.from(got[key]!, 'utf8').equals(Buffer.from(attributes[key]!, 'utf8')), key).toBe(true);
    }
    expect(got.emoji).toBe('😀 and é and 𝄞');
  });

  it('returns an empty map for a contact started without attributes', async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput()));
    const read = await client.send(new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: out.ContactId }));
    expect(read.Attributes ?? {}).toEqual({});
  });
});

describe('StopContact', () => {
  it('returns {} and DescribeContact then shows a DisconnectTimestamp', async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput()));
    const stopped = await client.send(new StopContactCommand({ InstanceId: instanceId, ContactId: out.ContactId }));
    const { $metadata, ...rest } = stopped;
    expect($metadata.httpStatusCode).toBe(200);
    expect(rest).toEqual({});
    const { Contact: contact } = await client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: out.ContactId }));
    expect(contact!.DisconnectTimestamp).toBeInstanceOf(Date);
    expect(contact!.DisconnectTimestamp!.getTime()).toBeGreaterThanOrEqual(contact!.InitiationTimestamp!.getTime());
  });
});
