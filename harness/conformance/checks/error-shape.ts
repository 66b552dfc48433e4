// An error must be one the AWS SDKs can parse: status, x-amzn-ErrorType naming the error, a JSON
// body with a Message, and a request id (docs/contract.md §1).
import { lastResponse } from '../../targets/exchange.ts';
import { pass, fail, type Verdict } from '../check.ts';
import { propertyCheck } from '../property-check.ts';
import { sendStart } from '../send-case.ts';
import { invalidCases } from './case-arbitraries.ts';

function errorShapeVerdict(status: number, headers: Readonly<Record<string, string>>, body: string, sdkName: string): Verdict {
  const problems: string[] = [];
  const type = headers['x-amzn-errortype'];
  const named = type?.split(':')[0]?.split('#').at(-1);
  if (!type) problems.push('no x-amzn-ErrorType header');
  // A body that is not JSON makes the SDK name a SyntaxError: the body is the problem, said below.
  else if (named !== sdkName && sdkName !== 'SyntaxError') problems.push(`x-amzn-ErrorType "${type}" does not name ${sdkName}`);
  if (!headers['x-amzn-requestid'] && !headers['x-amz-request-id']) problems.push('no x-amzn-RequestId header');
  if (!/^application\/(x-amz-)?json/.test(headers['content-type'] ?? '')) problems.push(`content-type "${headers['content-type'] ?? ''}" is not JSON`);
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const message = parsed.Message ?? parsed.message;
    if (typeof message !== 'string' || message === '') problems.push('the body has no Message');
  } catch {
    problems.push('the body is not JSON (the SDK would throw a SyntaxError)');
  }
  if (status < 400) problems.push(`status ${status} for an error`);
  return problems.length === 0 ? pass : fail(problems.join('; '));
}

export const errorShape = propertyCheck({
  name: 'error-shape',
  description: 'errors carry the status, x-amzn-ErrorType, JSON Message and request id the AWS SDKs parse',
  arbitrary: invalidCases,
  runsFactor: 0.5,
  async judge({ request }, { target, profile }) {
    const { result } = await sendStart(target, profile, request);
    const response = lastResponse(result.exchange);
    if (result.ok || !response) return { verdict: pass, exchange: result.exchange }; // acceptance is rejects-invalid's business
    return { verdict: errorShapeVerdict(response.status, response.headers, response.body, result.error.name), exchange: result.exchange };
  },
});
