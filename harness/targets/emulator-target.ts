// The embedded emulator as a target: started in this process, quotas unlimited so that a
// conformance run measures conformance rather than waiting on a 2/s bucket. The throttling probe
// gets its own emulator with the documented aws-default quotas.
import { quotas } from '../contract/index.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_CREDENTIALS, DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../contract/defaults.ts';
import type { EmulatorOptions } from '../emulator/options.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { ExchangeListeners, SdkTarget, type Target, type ThrottleProbe } from './target.ts';

export interface EmulatorTarget extends Target {
  readonly emulator: RunningEmulator;
}

function targetFor(emulator: RunningEmulator, description: string, probe: () => Promise<ThrottleProbe | undefined>, onClose: () => Promise<void>, exchangeListeners: ExchangeListeners): SdkTarget {
  const credential = emulator.options.credentials.entries().next().value;
  const [accessKeyId, { secretAccessKey }] = credential ?? [DEFAULT_CREDENTIALS.accessKeyId, { secretAccessKey: DEFAULT_CREDENTIALS.secretAccessKey }];
  return new SdkTarget({
    kind: 'emulator',
    description,
    endpoint: emulator.url,
    region: emulator.options.region,
    credentials: { accessKeyId, secretAccessKey },
    instanceId: [...emulator.options.instanceIds][0] ?? DEFAULT_INSTANCE_ID,
    contactFlowId: [...emulator.options.contactFlowIds][0] ?? DEFAULT_CONTACT_FLOW_ID,
    authEnforced: !emulator.options.noAuth,
    concurrency: 50,
    stopContactsOnClose: false,
    throttleProbe: probe,
    onClose,
    exchangeListeners,
  });
}

export async function openEmulatorTarget(options: EmulatorOptions = {}): Promise<EmulatorTarget> {
  const settings: EmulatorOptions = { region: DEFAULT_REGION, quotas: { preset: 'unlimited' }, ...options, port: 0, host: '127.0.0.1' };
  const emulator = await startEmulator(settings);
  let probe: { emulator: RunningEmulator; target: SdkTarget } | undefined;
  // The probe's emulator is part of this target: whoever listens to one hears both.
  const listeners = new ExchangeListeners();
  const throttleProbe = async (): Promise<ThrottleProbe> => {
    if (!probe) {
      const limited = await startEmulator({ ...settings, quotas: { preset: 'aws-default' } });
      probe = { emulator: limited, target: targetFor(limited, `embedded emulator ${limited.url} (aws-default quotas)`, async () => undefined, () => limited.close(), listeners) };
    }
    return { target: probe.target, ...quotas.startWebRTCContact };
  };
  const target = targetFor(emulator, `embedded emulator ${emulator.url}`, throttleProbe, async () => {
    await probe?.target.close();
    await emulator.close();
  }, listeners);
  return Object.assign(target, { emulator });
}
