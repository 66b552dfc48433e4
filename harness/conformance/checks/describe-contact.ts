// DescribeContact shows the contact just started: its id, a WebRTC initiation, its RelatedContactId.
import { pass, fail } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { refused } from '../send-case.ts';
import { freshValidCases, withFreshToken } from './case-arbitraries.ts';

export const describeContact = propertyCheck({
  name: 'describe-contact',
  description: 'DescribeContact shows the started contact (id, WEBRTC_API initiation, related contact)',
  arbitrary: freshValidCases,
  runsFactor: 0.3,
  async judge(generated, { target }) {
    const request = withFreshToken(generated);
    const started = await target.call('StartWebRTCContact', request);
    if (!started.ok) return refused('start', started);
    const described = await target.call('DescribeContact', { InstanceId: target.instanceId, ContactId: started.output.ContactId });
    const exchange = described.exchange;
    if (!described.ok) return refused('DescribeContact', described);
    const contact = (described.output.Contact ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    if (contact.Id !== started.output.ContactId) problems.push('Contact.Id is not the started ContactId');
    // WEBRTC_API is the model's initiation method for this operation; that the service reports it is assumed.
    if (contact.InitiationMethod !== 'WEBRTC_API') problems.push(`InitiationMethod ${String(contact.InitiationMethod)}, expected WEBRTC_API`);
    if (!(contact.InitiationTimestamp instanceof Date)) problems.push('no InitiationTimestamp');
    if (request.RelatedContactId !== undefined && contact.RelatedContactId !== request.RelatedContactId) problems.push('RelatedContactId did not round-trip');
    return { verdict: problems.length === 0 ? pass : fail(problems.join('; ')), exchange };
  },
});
