// Speed-tuned: guarded by `npm run bench -- sigv4`.
// The ISO 8601 basic format SigV4 dates use (`20150830T123600Z`), both ways.

/** Formats epoch milliseconds (or a Date) as `YYYYMMDDTHHMMSSZ`, dropping milliseconds. */
export function formatAmzDate(time: Date | number): string {
  const iso = (typeof time === 'number' ? new Date(time) : time).toISOString(); // 2015-08-30T12:36:00.000Z
  return (
    iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + 'T' +
    iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z'
  );
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Parses `YYYYMMDDTHHMMSSZ` to epoch milliseconds; undefined when the text is not in that form or
 * names no real instant (month 13, February 30, hour 24: Date.UTC would silently roll them over).
 */
export function parseAmzDate(text: string): number | undefined {
  // A busy server sees the same x-amz-date on every request of a second: remember the last one.
  if (text === last.text) return last.ms;
  const ms = parseUncached(text);
  last = { text, ms };
  return ms;
}

let last: { text: string; ms: number | undefined } = { text: '', ms: undefined };

function parseUncached(text: string): number | undefined {
  const m = AMZ_DATE.exec(text);
  if (m === null) return undefined;
  const ms = Date.UTC(+(m[1] as string), +(m[2] as string) - 1, +(m[3] as string), +(m[4] as string), +(m[5] as string), +(m[6] as string));
  if (!Number.isFinite(ms) || formatAmzDate(ms) !== text) return undefined;
  return ms;
}
