// The canonical URI of a non-S3 request, as @smithy/signature-v4 builds it with uriEscapePath: true
// (the default every AWS SDK v3 client except S3 uses): normalise the path as it stands on the wire
// (drop empty and "." segments, let ".." pop one), then escape the whole of it once more. The wire
// path is already percent-encoded, so a segment `a%20b` is signed as `a%2520b`: double encoding.
import { uriEscape } from './uri-escape.ts';

// Segments of unreserved characters only, none of them "." or "..", no "//": normalising and
// escaping would change nothing. This is the shape of every Connect operation's path.
const ALREADY_CANONICAL = /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9\-_.~]+)*\/?$/;

/** `path` is the path as sent on the wire, without the query string. */
export function canonicalPath(path: string): string {
  if (path.length > 0 && ALREADY_CANONICAL.test(path)) return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized =
    (path.startsWith('/') ? '/' : '') + segments.join('/') + (segments.length > 0 && path.endsWith('/') ? '/' : '');
  return uriEscape(normalized).replace(/%2F/g, '/');
}
