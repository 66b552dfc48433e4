// The report redacts on its own, whatever JSON it is given.
import { describe, expect, it } from 'vitest';
import { REDACTED, sanitiseForReport, scrubText } from './sanitise.ts';

describe('scrubText', () => {
  it.each([
    ['a URL\'s user info', 'http://AKIAIOSFODNN7EXAMPLE:wJalr%2FXUtnFEMI@127.0.0.1:4599/x', 'wJalr', `http://${REDACTED}@127.0.0.1:4599/x`],
    ['an Authorization header line', `-H 'authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=abcdef0123'`, 'abcdef0123', undefined],
    ['a session token header', `-H 'x-amz-security-token: FQoGZXIvYXdzEJr'`, 'FQoGZXIvYXdzEJr', undefined],
    ['presigned query parameters', 'https://h/p?X-Amz-Credential=AKID%2F2026&X-Amz-Signature=ff00&X-Amz-Security-Token=tok1', 'tok1', undefined],
    ['credential variables', 'AWS_SECRET_ACCESS_KEY=s3cr3t/K AWS_SESSION_TOKEN=tok2 npx connect-harness', 's3cr3t', undefined],
    ['the emulator\'s --credentials', 'npx connect-harness emulator --credentials key1:s3cr3t2', 's3cr3t2', undefined],
    ['a sensitive member in text', 'echoed {"Description":"card 4111","DisplayName":"Ann"}', 'card 4111', undefined],
    ['a sensitive member escaped in text', 'body was "{\\"JoinToken\\":\\"jt-123\\"}"', 'jt-123', undefined],
    ['an access key id standing alone', 'key ASIAQWERTYUIOPASDFGH was used', 'ASIAQWERTYUIOPASDFGH', undefined],
  ])('removes %s', (_, text, secret, expected) => {
    const out = scrubText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
    if (expected !== undefined) expect(out).toBe(expected);
  });

  it('leaves ordinary text, and curl\'s references to the environment, alone', () => {
    const text = `curl --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" http://127.0.0.1:4599/contact/webrtc {"DisplayName":"Ann"} Member must have length less than or equal to 256`;
    expect(scrubText(text)).toBe(text);
  });
});

describe('sanitiseForReport', () => {
  it('replaces sensitive members at any depth, redacts headers and JSON bodies, keeps __proto__ an own key', () => {
    const input = JSON.parse(`{
      "counterexample": { "Description": "d1", "Attributes": { "__proto__": "kept" }, "ParticipantDetails": { "DisplayName": "Ann" } },
      "exchange": { "request": { "headers": { "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=ff", "X-Amz-Security-Token": "tok" },
                                 "body": "{\\"Description\\":\\"d2\\",\\"InstanceId\\":\\"i\\"}" },
                    "response": { "body": "{\\"ParticipantToken\\":\\"ptok9\\",\\"ConnectionData\\":{\\"Attendee\\":{\\"JoinToken\\":\\"jtok9\\"}}}" } }
    }`);
    const out = sanitiseForReport(input) as { counterexample: Record<string, Record<string, unknown>>; exchange: { request: { headers: Record<string, string>; body: string }; response: { body: string } } };
    const text = JSON.stringify(out);
    for (const secret of ['d1', 'd2', 'ptok9', 'jtok9', 'Signature=ff', 'AKID', '"tok"']) expect(text).not.toContain(secret);
    expect(out.counterexample.Description).toBe(REDACTED);
    expect(Object.getPrototypeOf(out.counterexample.Attributes)).toBe(Object.prototype);
    expect(Object.keys(out.counterexample.Attributes!)).toEqual(['__proto__']);
    expect(out.counterexample.ParticipantDetails).toEqual({ DisplayName: 'Ann' });
    expect(out.exchange.request.headers.authorization).toBe(`AWS4-HMAC-SHA256 Credential=${REDACTED}/x, SignedHeaders=host, Signature=${REDACTED}`);
    expect(out.exchange.request.headers['x-amz-security-token']).toBe(REDACTED);
    expect(JSON.parse(out.exchange.request.body)).toEqual({ Description: REDACTED, InstanceId: 'i' });
  });

  it('a sensitive member that is not a string is redacted too', () => {
    expect(sanitiseForReport({ JoinToken: 42, Description: { nested: 'x' } })).toEqual({ JoinToken: REDACTED, Description: REDACTED });
  });
});
