// What the exporter samples from a running emulator: active calls on every configured instance
// (zero included, so a panel shows an idle instance rather than nothing) and the quota they count against.
// With a shared store the count is every replica's calls, as this process last learnt it.
import type { RunningEmulator } from '../server.ts';
import type { ActiveCallsReading } from './influx-exporter.ts';

export function activeCallsOf(emulator: Pick<RunningEmulator, 'app' | 'options'>): () => ActiveCallsReading {
  const { contacts, clock, instances, store } = emulator.app.service;
  const shared = store.shared;
  const limit = emulator.options.quotas.maxConcurrentCalls;
  return () => {
    const now = clock.now();
    return { limit, perInstance: [...instances].map((id) => [id, shared ? shared.lastActiveCalls(id, now) : contacts.activeCalls(id, now)] as const) };
  };
}
