// Many distinct contact starts at once: all must be accepted, and how fast they were is measured.
import { randomUUID } from 'node:crypto';
import type { Target } from '../../targets/target.ts';
import { summarise } from './latency-summary.ts';
import type { ProbeResult } from './probe.ts';

export async function concurrencyProbe(target: Target, total: number, concurrency = target.concurrency): Promise<ProbeResult> {
  const durations: number[] = [];
  const failures = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const result = await target.call('StartWebRTCContact', {
        InstanceId: target.instanceId,
        ContactFlowId: target.contactFlowId,
        ParticipantDetails: { DisplayName: `probe ${i}` },
        ClientToken: randomUUID(),
        Attributes: { probe: 'concurrency', index: String(i) },
      });
      durations.push(result.exchange.durationMs);
      if (!result.ok) failures.set(result.error.name, (failures.get(result.error.name) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const latency = summarise(durations);
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  const rate = total / seconds;
  return {
    name: 'concurrency',
    ok: failed === 0,
    summary:
      `${total} distinct starts, ${concurrency} at a time: ${total - failed} accepted` +
      `${failed ? ` (${[...failures].map(([n, c]) => `${c} × ${n}`).join(', ')})` : ''}; ${rate.toFixed(0)}/s; ` +
      `latency p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`,
    metrics: { total, failed, ratePerSecond: rate, ...latency },
    durationMs: seconds * 1000,
  };
}
