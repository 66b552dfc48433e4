import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateShape } from '../contract/index.ts';
import { startResponse, startResponseBody } from './start-response.ts';

describe('startResponseBody', () => {
  it('is exactly JSON.stringify of the response object, for any id and region', () => {
    for (const region of ['us-east-1', 'eu-west-2', 'ap-southeast-1', 'us-gov-west-1']) {
      for (let i = 0; i < 50; i++) {
        const id = randomUUID();
        expect(startResponseBody(id, region)).toBe(JSON.stringify(startResponse(id, region)));
      }
    }
  });

  it('derives every field from the ContactId: the same id, the same body', () => {
    const id = randomUUID();
    expect(startResponseBody(id, 'us-east-1')).toBe(startResponseBody(id, 'us-east-1'));
    expect(startResponseBody(randomUUID(), 'us-east-1')).not.toBe(startResponseBody(id, 'us-east-1'));
    expect(validateShape('StartWebRTCContactResponse', JSON.parse(startResponseBody(id, 'us-east-1')))).toEqual([]);
  });
});

describe('parseBodyText', () => {
  it('reports what kind of JSON error, never the text around it', async () => {
    const { parseBodyText } = await import('./parse-body.ts');
    const result = parseBodyText('{"ClientToken":,"Description":"SECRET-TEXT"}');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toMatch(/SECRET|Descript/);
  });
});
