// One side of a diff as a Target. openTarget decides everything as for every other command: the
// real-AWS opt-in and its pacing (1/s), the ids real AWS needs, cleanup of started contacts on close.
// A side may name an AWS shared-config profile for its credentials; openTarget has no credentials
// setting, so such a side is opened by openTarget first (its checks and decisions), then rebuilt as
// the same endpoint target with the profile's credentials and the same pacing.
import { openEndpointTarget } from '../targets/endpoint-target.ts';
import { HarnessError } from '../targets/harness-error.ts';
import { DEFAULT_AWS_RATE, openTarget, type TargetRequest } from '../targets/open-target.ts';
import { Pacer } from '../targets/pacer.ts';
import type { Target } from '../targets/target.ts';
import type { SideName } from './cases.ts';

export interface SideRequest {
  readonly side: SideName;
  readonly url: string;
  readonly region?: string;
  readonly instanceId?: string;
  readonly contactFlowId?: string;
  /** An AWS shared-config profile for this side's credentials; default: the AWS default provider chain. */
  readonly profile?: string;
  /** --real-aws was given (it applies to the sides that are amazonaws.com hosts). */
  readonly realAws: boolean;
}

/** The real Amazon Connect service, as open-target.ts recognises it. */
export function isAwsHost(url: string): boolean {
  return /(^|\.)amazonaws\.com(\.cn)?$/i.test(new URL(url).hostname);
}

/**
 * The SDK warns when a profile is named while AWS_ACCESS_KEY_ID is set; in a diff that is the
 * intended setup (the environment signs the other side), so that one warning is dropped.
 */
const quietAboutTheOtherSide = {
  debug: () => {},
  info: () => {},
  warn: (...args: unknown[]) => {
    if (!String(args[0]).includes('Multiple credential sources detected')) console.warn(...args);
  },
  error: (...args: unknown[]) => console.error(...args),
};

export async function openSide(request: SideRequest): Promise<Target> {
  const aws = isAwsHost(request.url);
  const targetRequest: TargetRequest = {
    endpoint: request.url,
    ...(request.region === undefined ? {} : { region: request.region }),
    ...(request.instanceId === undefined ? {} : { instanceId: request.instanceId }),
    ...(request.contactFlowId === undefined ? {} : { contactFlowId: request.contactFlowId }),
    realAws: aws && request.realAws,
    probeThrottling: false,
  };
  let target: Target;
  try {
    target = await openTarget(targetRequest);
  } catch (error) {
    // openTarget names the single-target flags: name this side's.
    if (error instanceof HarnessError) throw new HarnessError(`${request.side}: ${error.message.replace(/--(instance-id|contact-flow-id)\b/g, `--${request.side}-$1`)}`);
    throw error;
  }
  if (request.profile === undefined) return target;
  await target.close(); // nothing was sent through it
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  return openEndpointTarget({
    kind: target.kind === 'aws' ? 'aws' : 'endpoint',
    endpoint: request.url,
    region: target.region,
    instanceId: target.instanceId,
    contactFlowId: target.contactFlowId,
    credentials: defaultProvider({ profile: request.profile, logger: quietAboutTheOtherSide }),
    ...(target.kind === 'aws' ? { pacer: new Pacer(DEFAULT_AWS_RATE) } : {}),
  });
}
