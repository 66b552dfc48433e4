// What the exporter samples from a running emulator: active calls on every configured instance
// (zero included, so a panel shows an idle instance rather than nothing) and the quota they count against.
import type { RunningEmulator } from '../server.ts';
import type { ActiveCallsReading } from './influx-exporter.ts';

export function activeCallsOf(emulator: Pick<RunningEmulator, 'app' | 'options'>): () => ActiveCallsReading {
  const { contacts, clock, instances } = emulator.app.service;
  const limit = emulator.options.quotas.maxConcurrentCalls;
  return () => {
    const now = clock.now();
    return { limit, perInstance: [...instances].map((id) => [id, contacts.activeCalls(id, now)] as const) };
  };
}
