// From command-line intent to a Target: the only place that decides emulator, endpoint or real AWS.
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../contract/defaults.ts';
import type { EmulatorOptions } from '../emulator/options.ts';
import { openEmulatorTarget } from './emulator-target.ts';
import { documentedStartRate, openEndpointTarget } from './endpoint-target.ts';
import { HarnessError } from './harness-error.ts';
import { Pacer } from './pacer.ts';
import type { Target } from './target.ts';

export interface TargetRequest {
  /** undefined: the embedded emulator (or, with realAws, the region's AWS endpoint). */
  readonly endpoint?: string;
  readonly region?: string;
  readonly instanceId?: string;
  readonly contactFlowId?: string;
  /** Explicit opt-in to send requests to the real Amazon Connect service. */
  readonly realAws?: boolean;
  /** Requests per second to the target (required pacing for real AWS). */
  readonly rate?: number;
  /** Whether to probe the target's throttling with a burst. */
  readonly probeThrottling?: boolean;
  readonly emulator?: EmulatorOptions;
}

/** Pacing for the real service when --rate is not given: under its documented 2 requests/s. */
export const DEFAULT_AWS_RATE = 1;

function isAwsHost(endpoint: string): boolean {
  try {
    return /(^|\.)amazonaws\.com(\.cn)?$/i.test(new URL(endpoint).hostname);
  } catch {
    throw new HarnessError(`--endpoint "${endpoint}" is not a URL`);
  }
}

export async function openTarget(request: TargetRequest): Promise<Target> {
  const { endpoint } = request;
  if (endpoint === undefined && !request.realAws) return openEmulatorTarget(request.emulator);
  const aws = request.realAws === true || (endpoint !== undefined && isAwsHost(endpoint));
  if (aws && !request.realAws) {
    throw new HarnessError(`${endpoint} is the real Amazon Connect service: add --real-aws to confirm that requests (and contacts) go there`);
  }
  if (aws && (request.instanceId === undefined || request.contactFlowId === undefined)) {
    throw new HarnessError('real AWS needs --instance-id and --contact-flow-id of an instance and flow you own');
  }
  const rate = request.rate ?? (aws ? DEFAULT_AWS_RATE : undefined);
  if (aws && rate! > documentedStartRate.ratePerSecond) {
    throw new HarnessError(`--rate ${rate} is above the documented StartWebRTCContact quota of ${documentedStartRate.ratePerSecond}/s`);
  }
  return openEndpointTarget({
    kind: aws ? 'aws' : 'endpoint',
    endpoint,
    region: request.region ?? DEFAULT_REGION,
    instanceId: request.instanceId ?? DEFAULT_INSTANCE_ID,
    contactFlowId: request.contactFlowId ?? DEFAULT_CONTACT_FLOW_ID,
    ...(rate === undefined ? {} : { pacer: new Pacer(rate) }),
    // A burst against real AWS is opt-in; against another endpoint it is on unless turned off.
    ...((aws ? request.probeThrottling === true : request.probeThrottling !== false) ? { knownRate: documentedStartRate } : {}),
  });
}
