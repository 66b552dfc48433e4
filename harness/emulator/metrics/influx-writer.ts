// One HTTP write to InfluxDB 1.x, with a deadline, and nothing else: no retry (a failed batch is
// dropped and counted by the exporter, so an InfluxDB outage costs points, never memory).
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { InfluxTarget } from './influx-url.ts';

export type WriteResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly databaseMissing: boolean };

/** How much of an error answer is kept for a message. */
const MAX_REASON = 200;

function headers(target: InfluxTarget, contentType: string): Record<string, string> {
  const h: Record<string, string> = { 'content-type': contentType };
  if (target.authorization) h.authorization = target.authorization;
  return h;
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

// node:http rather than fetch for the writes: they run on the emulator's own event loop, and
// fetch's web streams cost a third of a microsecond per point of a 5,000-point batch. One kept-alive
// connection per protocol is enough: the exporter has at most one write in flight.
const agents = { 'http:': new HttpAgent({ keepAlive: true, maxSockets: 1 }), 'https:': new HttpsAgent({ keepAlive: true, maxSockets: 1 }) };

/** `abort` cuts the write short (the exporter's close deadline). */
export function writeLines(target: InfluxTarget, body: string, timeoutMs: number, abort?: AbortSignal): Promise<WriteResult> {
  const url = new URL(`${target.base}/write?db=${encodeURIComponent(target.database)}&precision=ns`);
  const payload = Buffer.from(body, 'utf8');
  return new Promise<WriteResult>((resolve) => {
    let settled = false;
    const settle = (result: WriteResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      abort?.removeEventListener('abort', cut);
      resolve(result);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as keyof typeof agents],
        headers: { ...headers(target, 'text/plain; charset=utf-8'), 'content-length': payload.length },
      },
      (res) => {
        if (res.statusCode === 204) {
          res.resume();
          return settle({ ok: true });
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < MAX_REASON) text += chunk;
        });
        res.on('end', () => {
          text = text.slice(0, MAX_REASON);
          settle({ ok: false, reason: `HTTP ${res.statusCode} ${text.trim()}`, databaseMissing: res.statusCode === 404 && /database not found/i.test(text) });
        });
        res.on('error', (error) => settle({ ok: false, reason: describe(error), databaseMissing: false }));
      },
    );
    const fail = (reason: string) => {
      req.destroy();
      settle({ ok: false, reason, databaseMissing: false });
    };
    const timer = setTimeout(() => fail('timed out'), timeoutMs);
    const cut = () => fail('timed out');
    abort?.addEventListener('abort', cut, { once: true });
    if (abort?.aborted) cut();
    req.on('error', (error) => settle({ ok: false, reason: describe(error), databaseMissing: false }));
    req.end(payload);
  });
}

/** CREATE DATABASE is idempotent in InfluxDB 1.x; k6 does the same when its database is missing. */
export async function createDatabase(target: InfluxTarget, timeoutMs: number): Promise<boolean> {
  const q = `CREATE DATABASE "${target.database.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  try {
    const response = await fetch(`${target.base}/query`, {
      method: 'POST',
      headers: headers(target, 'application/x-www-form-urlencoded'),
      body: new URLSearchParams({ q }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
