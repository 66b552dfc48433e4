// classifyStart: one outcome per kind of answer, and error tags that stay bounded.
import { describe, expect, it } from 'vitest';
import { awsErrorName, classifyStart, type ResponseLike } from '../../../scenarios/lib/classify.ts';

const res = (status: number, body = '', headers: Record<string, string> = {}, error_code = 0): ResponseLike => ({ status, body, headers, error_code, timings: { duration: 12 } });

describe('classifyStart', () => {
  it('a 200 with a ContactId is accepted', () => {
    expect(classifyStart(res(200, '{"ContactId":"c-1"}'))).toEqual({ outcome: 'accepted', status: 200, errorName: undefined, errorTag: 'none', contactId: 'c-1', durationMs: 12 });
  });

  it('a 200 without a ContactId, or not JSON, is unexpected', () => {
    expect(classifyStart(res(200, '{}')).outcome).toBe('unexpected');
    expect(classifyStart(res(200, '<html>')).outcome).toBe('unexpected');
  });

  it('AWS errors by status, named from X-Amzn-Errortype as k6 canonicalises it', () => {
    expect(classifyStart(res(400, '{}', { 'X-Amzn-Errortype': 'InvalidParameterException' }))).toMatchObject({ outcome: 'rejected', errorName: 'InvalidParameterException', errorTag: 'InvalidParameterException' });
    expect(classifyStart(res(429, '{}', { 'X-Amzn-Errortype': 'TooManyRequestsException:http://internal' }))).toMatchObject({ outcome: 'throttled', errorName: 'TooManyRequestsException' });
    expect(classifyStart(res(500, '{}', { 'X-Amzn-Errortype': 'InternalServiceException' })).outcome).toBe('server-error');
    expect(classifyStart(res(302)).outcome).toBe('unexpected');
  });

  it('an error name outside the catalogue is tagged `other`, so tags stay bounded', () => {
    expect(classifyStart(res(400, '{}', { 'X-Amzn-Errortype': 'Surprise7f3a9Exception' }))).toMatchObject({ errorName: 'Surprise7f3a9Exception', errorTag: 'other' });
    expect(classifyStart(res(400, 'x')).errorTag).toBe('unnamed');
  });

  it('no HTTP answer is a network error tagged with k6 error code', () => {
    expect(classifyStart(res(0, '', {}, 1212))).toMatchObject({ outcome: 'network-error', errorTag: 'k6-1212', errorName: undefined });
  });

  it('falls back to the body like the SDK: code, then __type, namespace dropped', () => {
    expect(awsErrorName({}, '{"__type":"com.amazonaws.connect#ResourceNotFoundException"}')).toBe('ResourceNotFoundException');
    expect(awsErrorName({}, '{"code":"LimitExceededException"}')).toBe('LimitExceededException');
    expect(awsErrorName({}, '[]')).toBeUndefined();
  });
});
