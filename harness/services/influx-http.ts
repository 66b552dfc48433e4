// The few InfluxDB 1.x HTTP calls that services and tests make: ping, query, create a database.
// (The exporter has its own writer: it must never wait on anything but its one write.)

export interface InfluxSeries {
  readonly name: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly columns: readonly string[];
  readonly values: readonly (readonly unknown[])[];
}

export interface InfluxResult {
  readonly series?: readonly InfluxSeries[];
  readonly error?: string;
}

/** True when InfluxDB answers /ping with 204. */
export async function pingInflux(url: string, timeoutMs = 500): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 204;
  } catch {
    return false;
  }
}

/** Runs one InfluxQL statement; throws on HTTP or statement errors. Times as epoch milliseconds. */
export async function queryInflux(url: string, database: string, q: string, timeoutMs = 10_000): Promise<InfluxResult> {
  const params = new URLSearchParams({ db: database, q, epoch: 'ms' });
  const response = await fetch(`${url}/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { results?: InfluxResult[]; error?: string };
  if (!response.ok || body.error) throw new Error(`InfluxDB ${response.status}: ${body.error ?? JSON.stringify(body).slice(0, 300)} (query: ${q})`);
  const result = body.results?.[0] ?? {};
  if (result.error) throw new Error(`InfluxDB: ${result.error} (query: ${q})`);
  return result;
}

export async function createInfluxDatabase(url: string, database: string): Promise<void> {
  await queryInflux(url, database, `CREATE DATABASE "${database.replace(/"/g, '\\"')}"`);
}

/** Writes line protocol (precision ns); throws unless InfluxDB accepts every line. */
export async function writeInflux(url: string, database: string, lines: string): Promise<void> {
  const response = await fetch(`${url}/write?db=${encodeURIComponent(database)}&precision=ns`, { method: 'POST', body: lines, signal: AbortSignal.timeout(10_000) });
  if (response.status !== 204) throw new Error(`InfluxDB write ${response.status}: ${(await response.text()).slice(0, 300)}`);
}
