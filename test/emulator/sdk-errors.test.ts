// Every error an SDK client can meet, as the real AWS SDK sees it: exception class, HTTP status,
// fault, and a message that names the offending member. Expected names come from the fidelity
// profile and the error catalogue, bounds from the contract's shapes.
import * as sdk from '@aws-sdk/client-connect';
import {
  DescribeContactCommand,
  GetContactAttributesCommand,
  StartWebRTCContactCommand,
  StopContactCommand,
  type ConnectClient,
  type ConnectServiceException,
} from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultProfile,
  documentedRules,
  errorCatalogue,
  isErrorName,
  shapes,
  type Condition,
} from '../../harness/contract/index.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { clientFor, emulatorForSuite, contactFlowId, instanceId, rejectionOf, startInput, UUID } from '../support/connect-client.ts';
import { httpRequest, jsonOf, rawExchange, responseOf } from '../support/raw-http.ts';

let client: ConnectClient;

emulatorForSuite((_emulator, c) => {
  client = c;
});

/** Asserts the SDK saw the error the profile maps `condition` to, and returns it. */
function expectCondition(error: ConnectServiceException, condition: Condition): void {
  const entry = defaultProfile.entries[condition];
  expect(error.name).toBe(entry.error);
  expect(error.$metadata.httpStatusCode).toBe(entry.status);
  expect(error.$metadata.requestId, 'x-amzn-RequestId reaches the SDK').toMatch(UUID);
  expect(error.$fault).toBe(isErrorName(entry.error) ? errorCatalogue[entry.error].fault : entry.status >= 500 ? 'server' : 'client');
  // Names the SDK models become their own class; others arrive as ConnectServiceException with the name.
  const modeled = (sdk as unknown as Record<string, unknown>)[entry.error];
  expect(error).toBeInstanceOf(typeof modeled === 'function' ? modeled : sdk.ConnectServiceException);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
}

const displayNameMax = shapes.DisplayName.length.max;
const arnMin = shapes.ReferenceArn.length.min;
const attributeBudget = documentedRules.A1.limitBytes;
const valueMax = shapes.AttributeValue.length.max;

/** Attributes whose keys and values total exactly `bytes` UTF-8 bytes, each value within its length bound. */
function attributesOfBytes(bytes: number): Record<string, string> {
  const out: Record<string, string> = {};
  let left = bytes;
  for (let i = 0; left > 0; i++) {
    const key = `k${i}`;
    const value = 'x'.repeat(Math.max(0, Math.min(valueMax, left - key.length)));
    out[key] = value;
    left -= key.length + value.length;
  }
  return out;
}

interface Case {
  readonly title: string;
  readonly overrides: Parameters<typeof startInput>[0];
  readonly condition: Condition;
  /** What the message must mention: the member path as AWS messages name it. */
  readonly mentions: string;
}

const invalid: readonly Case[] = [
  { title: 'missing InstanceId', overrides: { InstanceId: undefined }, condition: 'required', mentions: 'InstanceId' },
  { title: 'missing ContactFlowId', overrides: { ContactFlowId: undefined }, condition: 'required', mentions: 'ContactFlowId' },
  { title: 'missing ParticipantDetails', overrides: { ParticipantDetails: undefined }, condition: 'required', mentions: 'ParticipantDetails' },
  { title: 'missing DisplayName', overrides: { ParticipantDetails: {} }, condition: 'required', mentions: 'ParticipantDetails.DisplayName' },
  {
    title: `DisplayName of ${displayNameMax + 1} four-byte characters`,
    overrides: { ParticipantDetails: { DisplayName: '😀'.repeat(displayNameMax + 1) } },
    condition: 'length',
    mentions: 'ParticipantDetails.DisplayName',
  },
  {
    title: 'empty DisplayName',
    overrides: { ParticipantDetails: { DisplayName: '' } },
    condition: 'length',
    mentions: 'ParticipantDetails.DisplayName',
  },
  {
    title: "capability enum 'send' (lowercase)",
    overrides: { AllowedCapabilities: { Customer: { Video: 'send' } } },
    condition: 'enum',
    mentions: 'AllowedCapabilities.Customer.Video',
  },
  {
    title: 'ATTACHMENT reference at creation',
    overrides: { References: { doc: { Type: 'ATTACHMENT', Value: 'https://example.com/f' } } },
    condition: 'reference-type-at-creation',
    mentions: 'References.doc.Type',
  },
  {
    title: `attributes of ${attributeBudget + 1} UTF-8 bytes`,
    overrides: { Attributes: attributesOfBytes(attributeBudget + 1) },
    condition: 'attribute-byte-budget',
    mentions: 'Attributes',
  },
  {
    title: 'attribute key with a space and "!"',
    overrides: { Attributes: { 'bad key!': 'v' } },
    condition: 'attribute-key-charset',
    mentions: 'bad key!',
  },
  {
    title: "DATE reference 'abc'",
    overrides: { References: { when: { Type: 'DATE', Value: 'abc' } } },
    condition: 'date-reference-value',
    mentions: 'References.when.Value',
  },
  {
    title: 'reference Arn with a bad first character',
    overrides: { References: { link: { Type: 'URL', Value: 'https://example.com', Arn: `!${'a'.repeat(arnMin)}` } } },
    condition: 'pattern',
    mentions: 'References.link.Arn',
  },
  {
    title: 'a number where an attribute value string belongs',
    overrides: { Attributes: { n: 5 } },
    condition: 'type',
    mentions: 'Attributes.n',
  },
];

describe('StartWebRTCContact validation errors through the SDK', () => {
  it.each(invalid)('$title → the profile error for $condition', async ({ overrides, condition, mentions }) => {
    const error = await rejectionOf(client.send(new StartWebRTCContactCommand(startInput(overrides))));
    expectCondition(error, condition);
    expect(error.message).toContain(mentions);
  });

  it('counts DisplayName in code points: the maximum in four-byte characters is accepted', async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput({ ParticipantDetails: { DisplayName: '😀'.repeat(displayNameMax) } })));
    expect(out.ContactId).toMatch(UUID);
  });

  it(`accepts attributes of exactly ${attributeBudget} bytes`, async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput({ Attributes: attributesOfBytes(attributeBudget) })));
    expect(out.ContactId).toMatch(UUID);
  });

  it('reports several constraint violations in one message', async () => {
    const error = await rejectionOf(
      client.send(new StartWebRTCContactCommand(startInput({ InstanceId: undefined, ParticipantDetails: { DisplayName: '' } }))),
    );
    expectCondition(error, 'required');
    expect(error.message).toContain('InstanceId');
    expect(error.message).toContain('ParticipantDetails.DisplayName');
  });
});

describe('unknown resources', () => {
  it('unknown InstanceId → resource-not-found', async () => {
    const error = await rejectionOf(client.send(new StartWebRTCContactCommand(startInput({ InstanceId: '99999999-2222-4333-8444-555555555555' }))));
    expectCondition(error, 'resource-not-found');
    expect(error.message).toContain('99999999-2222-4333-8444-555555555555');
  });

  it('ContactFlowId "" passes the model but names no flow → resource-not-found', async () => {
    expect(shapes.ContactFlowId.length).not.toHaveProperty('min');
    const error = await rejectionOf(client.send(new StartWebRTCContactCommand(startInput({ ContactFlowId: '' }))));
    expectCondition(error, 'resource-not-found');
  });

  it('StopContact on an unknown contact → contact-not-found', async () => {
    const error = await rejectionOf(client.send(new StopContactCommand({ InstanceId: instanceId, ContactId: '00000000-0000-4000-8000-000000000000' })));
    expectCondition(error, 'contact-not-found');
  });

  it('StopContact on an already stopped contact → contact-not-found', async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput()));
    await client.send(new StopContactCommand({ InstanceId: instanceId, ContactId: out.ContactId }));
    const error = await rejectionOf(client.send(new StopContactCommand({ InstanceId: instanceId, ContactId: out.ContactId })));
    expectCondition(error, 'contact-not-found');
  });

  it('StopContact on an unknown instance → resource-not-found', async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput()));
    const error = await rejectionOf(client.send(new StopContactCommand({ InstanceId: '99999999-2222-4333-8444-555555555555', ContactId: out.ContactId })));
    expectCondition(error, 'resource-not-found');
  });

  it('StopContact without ContactId → required', async () => {
    const error = await rejectionOf(client.send(new StopContactCommand({ InstanceId: instanceId } as sdk.StopContactCommandInput)));
    expectCondition(error, 'required');
    expect(error.message).toContain('ContactId');
  });

  it('DescribeContact on an unknown contact → resource-not-found', async () => {
    const error = await rejectionOf(client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: '00000000-0000-4000-8000-000000000000' })));
    expectCondition(error, 'resource-not-found');
  });

  it('DescribeContact of a contact under another (unknown) instance → resource-not-found', async () => {
    const out = await client.send(new StartWebRTCContactCommand(startInput()));
    const error = await rejectionOf(client.send(new DescribeContactCommand({ InstanceId: '99999999-2222-4333-8444-555555555555', ContactId: out.ContactId })));
    expectCondition(error, 'resource-not-found');
  });

  it('GetContactAttributes on an unknown contact → resource-not-found', async () => {
    const error = await rejectionOf(client.send(new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: '00000000-0000-4000-8000-000000000000' })));
    expectCondition(error, 'resource-not-found');
  });

  it('DescribeContact with an over-long ContactId label → length', async () => {
    const error = await rejectionOf(client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: 'c'.repeat(shapes.ContactId.length.max + 1) })));
    expectCondition(error, 'length');
    expect(error.message).toContain('ContactId');
  });
});

describe('service-side failures reach the SDK as their classes', () => {
  it('rate throttle, concurrent-call quota and an injected fault', async () => {
    {
      await using limited = await startEmulator({ port: 0, quotas: { rateLimit: 1, burst: 1, maxConcurrentCalls: 1 } });
      const c = clientFor(limited);
      await c.send(new StartWebRTCContactCommand(startInput()));
      expectCondition(await rejectionOf(c.send(new StartWebRTCContactCommand(startInput()))), 'rate-throttle');
      c.destroy();
    }
    {
      await using oneCall = await startEmulator({ port: 0, quotas: { preset: 'unlimited', maxConcurrentCalls: 1 } });
      const c = clientFor(oneCall);
      await c.send(new StartWebRTCContactCommand(startInput()));
      expectCondition(await rejectionOf(c.send(new StartWebRTCContactCommand(startInput()))), 'concurrent-calls');
      c.destroy();
    }
    {
      await using failing = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, faults: { faultRate: 1 } });
      const c = clientFor(failing);
      expectCondition(await rejectionOf(c.send(new StartWebRTCContactCommand(startInput()))), 'injected-fault');
      c.destroy();
    }
  });
});

describe('x-amzn-requestid on every answer (raw HTTP, auth off: signing is tested in auth.test.ts)', () => {
  let open: RunningEmulator;
  beforeAll(async () => {
    open = await startEmulator({ port: 0, noAuth: true, quotas: { preset: 'unlimited' } });
  });
  afterAll(async () => {
    await open?.close();
  });
  const json = { 'content-type': 'application/json' };
  const valid = JSON.stringify({ InstanceId: instanceId, ContactFlowId: contactFlowId, ParticipantDetails: { DisplayName: 'x' } });
  const requests: readonly { title: string; bytes: () => Buffer; status: number }[] = [
    { title: 'success', bytes: () => httpRequest('PUT', '/contact/webrtc', json, valid), status: 200 },
    { title: 'validation error', bytes: () => httpRequest('PUT', '/contact/webrtc', json, '{}'), status: 400 },
    { title: 'malformed JSON', bytes: () => httpRequest('PUT', '/contact/webrtc', json, '{'), status: 400 },
    { title: 'not found', bytes: () => httpRequest('GET', `/contacts/${instanceId}/nope`), status: 404 },
    { title: 'contact not found', bytes: () => httpRequest('POST', '/contact/stop', json, JSON.stringify({ InstanceId: instanceId, ContactId: 'nope' })), status: 410 },
    { title: 'unknown operation', bytes: () => httpRequest('DELETE', '/contact/webrtc'), status: 404 },
    { title: 'body too large', bytes: () => httpRequest('PUT', '/contact/webrtc', { ...json, 'content-length': String(2 * 1024 * 1024) }), status: 413 },
    { title: 'unparseable HTTP (Node parser error)', bytes: () => Buffer.from('PUT /contact/webrtc HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n'), status: 400 },
  ];

  it.each(requests)('$title', async ({ bytes, status }) => {
    const response = responseOf(await rawExchange(open.port, bytes()));
    expect(response.status).toBe(status);
    expect(response.headers['x-amzn-requestid']).toMatch(UUID);
    expect(response.headers['content-type']).toBe('application/json');
    const body = jsonOf(response) as Record<string, unknown>;
    if (status >= 400) {
      expect(response.headers['x-amzn-errortype']).toEqual(expect.any(String));
      expect(body.Message).toEqual(expect.any(String));
    }
  });
});
