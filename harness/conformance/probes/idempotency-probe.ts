// Many simultaneous starts sharing one ClientToken: exactly one contact, every answer the same.
import { randomUUID } from 'node:crypto';
import type { Target } from '../../targets/target.ts';
import type { ProbeResult } from './probe.ts';

export async function idempotencyProbe(target: Target, duplicates: number): Promise<ProbeResult> {
  const request = {
    InstanceId: target.instanceId,
    ContactFlowId: target.contactFlowId,
    ParticipantDetails: { DisplayName: 'idempotency probe' },
    ClientToken: randomUUID(),
  };
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: duplicates }, () => target.call('StartWebRTCContact', request)));
  const ids = new Set(results.flatMap((r) => (r.ok ? [String(r.output.ContactId)] : [])));
  const refused = results.filter((r) => !r.ok).length;
  const ok = ids.size === 1 && refused === 0;
  return {
    name: 'idempotency',
    ok,
    summary: `${duplicates} simultaneous starts with one ClientToken: ${ids.size} contact${ids.size === 1 ? '' : 's'}${refused ? `, ${refused} refused` : ''}`,
    metrics: { duplicates, contacts: ids.size, refused },
    durationMs: performance.now() - started,
  };
}
