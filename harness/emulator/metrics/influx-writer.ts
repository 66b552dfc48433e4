// One HTTP write to InfluxDB 1.x, with a deadline, and nothing else: no retry (a failed batch is
// dropped and counted by the exporter, so an InfluxDB outage costs points, never memory).
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

/** `abort` cuts the write short (the exporter's close deadline). */
export async function writeLines(target: InfluxTarget, body: string, timeoutMs: number, abort?: AbortSignal): Promise<WriteResult> {
  const url = `${target.base}/write?db=${encodeURIComponent(target.database)}&precision=ns`;
  // One controller with its own timer rather than AbortSignal.any(AbortSignal.timeout(), …): with
  // the combined signal on Node 20, writes to a stalled server were seen to outlive their deadline.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('write timed out', 'TimeoutError')), timeoutMs);
  const cut = () => controller.abort(new DOMException('exporter closing', 'AbortError'));
  abort?.addEventListener('abort', cut, { once: true });
  if (abort?.aborted) cut();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: headers(target, 'text/plain; charset=utf-8'),
      body,
      signal: controller.signal,
    });
    if (response.status === 204) {
      await response.body?.cancel();
      return { ok: true };
    }
    const text = (await response.text()).slice(0, MAX_REASON);
    return { ok: false, reason: `HTTP ${response.status} ${text.trim()}`, databaseMissing: response.status === 404 && /database not found/i.test(text) };
  } catch (error) {
    return { ok: false, reason: describe(error), databaseMissing: false };
  } finally {
    clearTimeout(timer);
    abort?.removeEventListener('abort', cut);
  }
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
