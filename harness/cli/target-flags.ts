// The flags that choose a target, shared by every command that sends requests.
import type { ParseArgsConfig } from 'node:util';
import type { TargetRequest } from '../targets/open-target.ts';
import { shapes } from '../contract/index.ts';
import { httpUrl, nonEmpty, positiveNumber, region } from './parse-values.ts';

export const targetOptions = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  'instance-id': { type: 'string' },
  'contact-flow-id': { type: 'string' },
  rate: { type: 'string' },
  'real-aws': { type: 'boolean' },
  'probe-throttling': { type: 'boolean' },
  'no-throttle-probe': { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export const targetUsage = `Target (default: the embedded emulator, started in this process):
  --endpoint URL              send to this endpoint instead (credentials: the AWS default provider chain)
  --region R                  signing region (default us-east-1)
  --instance-id ID            the instance to start contacts in
  --contact-flow-id ID        the flow to start them with
  --real-aws                  required to send to the real Amazon Connect service
  --rate RPS                  pace requests (real AWS: default 1/s, at most the documented 2/s)
  --probe-throttling          allow the throttling probe against real AWS (sends a short burst of invalid requests)
  --no-throttle-probe         skip the throttling probe against an endpoint`;

type TargetValues = { [K in keyof typeof targetOptions]?: (typeof targetOptions)[K]['type'] extends 'boolean' ? boolean : string };

export function targetRequest(values: TargetValues): TargetRequest {
  const endpoint = httpUrl('--endpoint', values.endpoint);
  const signingRegion = region('--region', values.region);
  const instanceId = nonEmpty('--instance-id', values['instance-id'], shapes.InstanceId.length.max);
  const contactFlowId = nonEmpty('--contact-flow-id', values['contact-flow-id'], shapes.ContactFlowId.length.max);
  const rate = positiveNumber('--rate', values.rate);
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(signingRegion === undefined ? {} : { region: signingRegion }),
    ...(instanceId === undefined ? {} : { instanceId }),
    ...(contactFlowId === undefined ? {} : { contactFlowId }),
    ...(rate === undefined ? {} : { rate }),
    realAws: values['real-aws'] === true,
    ...(values['probe-throttling'] ? { probeThrottling: true } : values['no-throttle-probe'] ? { probeThrottling: false } : {}),
  };
}

/** The flags as given, to put into replay commands so a replay goes where the run went. */
export function targetArgs(values: TargetValues): string[] {
  const out: string[] = [];
  for (const key of Object.keys(targetOptions) as (keyof typeof targetOptions)[]) {
    const value = values[key];
    if (value === true) out.push(`--${key}`);
    else if (typeof value === 'string') out.push(`--${key}`, value);
  }
  return out;
}
