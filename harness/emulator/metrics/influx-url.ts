// Where the exporter writes: an InfluxDB 1.x URL in the form k6's own `--out influxdb=URL` takes, so
// that one URL serves both sides. `http://host:8086/k6` names the database by the last path segment
// (anything before it is a reverse-proxy prefix, as k6 allows); `http://host:8086?db=k6` (or `/?db=k6`)
// names it by query. Credentials in the URL become Basic auth and are never printed.

export interface InfluxTarget {
  /** Origin plus any path prefix, without a trailing slash: `${base}/write`, `${base}/query`. */
  readonly base: string;
  readonly database: string;
  /** An Authorization header value, when the URL carried credentials. */
  readonly authorization: string | undefined;
  /** The URL for messages: credentials removed. */
  readonly display: string;
}

export function parseInfluxUrl(text: string): InfluxTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not echoed when it may carry credentials.
    throw new Error(`influx URL ${text.includes('@') ? '' : `"${text}" `}is not a URL (e.g. http://127.0.0.1:8086/k6)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`influx URL must be http:// or https://, got ${url.protocol}`);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const fromQuery = url.searchParams.get('db');
  const database = fromQuery ?? (segments.length > 0 ? decodeURIComponent(segments.pop()!) : undefined);
  if (!database) throw new Error(`influx URL names no database: write it as ${url.origin}/k6 or ${url.origin}?db=k6`);
  const prefix = segments.length > 0 ? `/${segments.join('/')}` : '';
  const authorization = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  return { base: `${url.origin}${prefix}`, database, authorization, display: `${url.origin}${prefix} database ${database}` };
}
