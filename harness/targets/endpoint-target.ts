// Any URL that speaks the API: an emulator in docker compose, a proxy, or the real service (which
// additionally needs the explicit opt-in, see open-target.ts). Credentials come from the AWS
// default provider chain unless given.
import { quotas } from '../contract/index.ts';
import type { Credentials } from './connect-client.ts';
import type { Pacer } from './pacer.ts';
import { SdkTarget, type ThrottleProbe } from './target.ts';

export interface EndpointTargetSettings {
  readonly kind: 'endpoint' | 'aws';
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly instanceId: string;
  readonly contactFlowId: string;
  readonly credentials?: Credentials;
  readonly pacer?: Pacer;
  /** The target's known StartWebRTCContact rate; undefined: do not probe throttling. */
  readonly knownRate?: { readonly ratePerSecond: number; readonly burst: number };
}

export function openEndpointTarget(settings: EndpointTargetSettings): SdkTarget {
  const where = settings.endpoint ?? `https://connect.${settings.region}.amazonaws.com`;
  let target: SdkTarget | undefined = undefined;
  const throttleProbe = async (): Promise<ThrottleProbe | undefined> =>
    settings.knownRate && target ? { target, ...settings.knownRate } : undefined;
  target = new SdkTarget({
    kind: settings.kind,
    // Plain words, printed at the start of every run: what is being tested, where, for which region.
    description: settings.kind === 'aws' ? `real AWS: Amazon Connect at ${where}, region ${settings.region}` : `endpoint ${where} (region ${settings.region})`,
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: settings.credentials,
    instanceId: settings.instanceId,
    contactFlowId: settings.contactFlowId,
    authEnforced: true,
    // The real service's burst is 5: keep concurrent probes inside it.
    concurrency: settings.kind === 'aws' ? 3 : 20,
    // Every contact started on a real or shared service is stopped before the run ends.
    stopContactsOnClose: true,
    ...(settings.pacer ? { pacer: settings.pacer } : {}),
    throttleProbe,
  });
  return target;
}

export const documentedStartRate = { ratePerSecond: quotas.startWebRTCContact.ratePerSecond, burst: quotas.startWebRTCContact.burst };
