// An open-model load: requests leave at a fixed rate whether or not earlier ones have returned, and
// latency counts from when a request was due (so a stalled server cannot hide its queue: no
// coordinated omission).
import { Pool } from 'undici';
import type { SignedRequest } from './signed-requests.ts';

export interface RateResult {
  readonly sent: number;
  readonly ok: number;
  readonly latenciesMs: number[];
}

export async function constantRate(url: string, requests: readonly SignedRequest[], ratePerSecond: number, seconds: number): Promise<RateResult> {
  const pool = new Pool(url, { connections: 64, pipelining: 1 });
  const total = Math.min(requests.length, Math.floor(ratePerSecond * seconds));
  const latenciesMs: number[] = [];
  let ok = 0;
  let sent = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * ratePerSecond) / 1000));
    while (sent < due) {
      const dueAt = start + (sent * 1000) / ratePerSecond;
      const r = requests[sent++]!;
      inFlight.push(
        pool.request({ method: 'PUT', path: '/contact/webrtc', headers: r.headers, body: r.body }).then(async (res) => {
          await res.body.dump();
          latenciesMs.push(performance.now() - dueAt);
          if (res.statusCode === 200) ok++;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  await pool.close();
  return { sent, ok, latenciesMs };
}
