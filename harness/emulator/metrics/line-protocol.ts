// InfluxDB 1.x line protocol, the little of it the exporter needs: escaping and tag sets.
// https://docs.influxdata.com/influxdb/v1/write_protocols/line_protocol_reference/

/**
 * A tag key or value as line protocol reads it back: comma, equals sign and space are escaped with a
 * backslash. Line protocol 1.x has no escape for a backslash itself (`\\` before a comma does not
 * parse), so a backslash becomes "/"; a line break, which would end the point, becomes a space. Tag
 * values here are ids, names and test ids: neither appears in them in practice.
 */
export function escapeTag(text: string): string {
  return /[\\,= \n\r]/.test(text) ? text.replace(/\\/g, '/').replace(/[\n\r]/g, ' ').replace(/([,= ])/g, '\\$1') : text;
}

/** A measurement name: comma and space are escaped (same caveats as escapeTag). */
export function escapeMeasurement(text: string): string {
  return /[\\, \n\r]/.test(text) ? text.replace(/\\/g, '/').replace(/[\n\r]/g, ' ').replace(/([, ])/g, '\\$1') : text;
}

/**
 * `measurement,k1=v1,k2=v2` with keys sorted (InfluxDB's own order, cheapest for it to index) and
 * empty or undefined values left out (line protocol has no empty tag value).
 */
export function seriesKey(measurement: string, tags: Readonly<Record<string, string | undefined>>): string {
  let out = escapeMeasurement(measurement);
  for (const key of Object.keys(tags).sort()) {
    const value = tags[key];
    if (value === undefined || value === '') continue;
    out += `,${escapeTag(key)}=${escapeTag(value)}`;
  }
  return out;
}

/**
 * A float field value, to the microsecond for milliseconds. Line protocol has no NaN, infinity or
 * exponent notation, so those (and absurd magnitudes, which String() would write with an exponent) become 0.
 */
export function floatField(value: number): string {
  return Number.isFinite(value) && Math.abs(value) < 1e15 ? String(Math.round(value * 1000) / 1000) : '0';
}

/** An integer field value (the `i` suffix keeps its type integer in every shard). */
export function intField(value: number): string {
  return `${Number.isFinite(value) ? Math.trunc(value) : 0}i`;
}
