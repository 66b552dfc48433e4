// What "AWS-shaped" means for an error answer, asserted once for every suite that sends raw bytes:
// a status, x-amzn-ErrorType, a request id, and a JSON body whose Message is a non-empty string.
import { expect } from 'vitest';
import { defaultProfile, type Condition } from '../../harness/contract/index.ts';
import { UUID } from './connect-client.ts';
import { jsonOf, type RawResponse } from './raw-http.ts';

/** An AWS-shaped error; a 4xx unless `status` says otherwise. */
export function expectAwsError(response: RawResponse, status?: number): { name: string; message: string } {
  if (status !== undefined) expect(response.status, response.text).toBe(status);
  else {
    expect(response.status, response.text).toBeGreaterThanOrEqual(400);
    expect(response.status, response.text).toBeLessThan(500);
  }
  expect(response.headers['content-type']).toBe('application/json');
  expect(response.headers['x-amzn-requestid']).toMatch(UUID);
  const name = response.headers['x-amzn-errortype'];
  expect(name).toEqual(expect.any(String));
  const body = jsonOf(response) as { Message?: unknown };
  expect(body.Message).toEqual(expect.any(String));
  expect((body.Message as string).length).toBeGreaterThan(0);
  return { name: name!, message: body.Message as string };
}

/** The error the default profile gives `condition`, AWS-shaped. */
export function expectCondition(response: RawResponse, condition: Condition): void {
  const entry = defaultProfile.entries[condition];
  const { name } = expectAwsError(response, entry.status);
  expect(name).toBe(entry.error);
}
