// Tags and fields k6 itself writes with its InfluxDB v1 output (measurement = metric name, field
// `value`). These are k6's names, not ours, so they live apart from metric-names.ts. k6 writes `url`
// as a string field, not a tag, by default (K6_INFLUXDB_TAGS_AS_FIELDS=vu,iter,url, untyped: strings;
// `vu` and `iter` are not written at all unless enabled, and then as metadata the output drops).
export const k6Field = 'value';

export const k6SystemTags = {
  check: 'check',
  status: 'status',
  method: 'method',
  name: 'name',
  expectedResponse: 'expected_response',
  group: 'group',
} as const;
