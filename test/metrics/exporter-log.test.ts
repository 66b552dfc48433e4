// An InfluxDB that fails is reported in one line naming it and its address, once per outage, and
// again in one line when writes recover; the points in between are counted, never logged one by one.
import { expect, it } from 'vitest';
import { InfluxExporter } from '../../harness/emulator/metrics/influx-exporter.ts';
import type { WriteResult } from '../../harness/emulator/metrics/influx-writer.ts';
import { closedPort } from '../support/closed-port.ts';
import { until } from '../support/hang-guard.ts';

it('one line naming InfluxDB and its address when writes fail, one when they recover, counts in between', async () => {
  const port = await closedPort();
  const lines: string[] = [];
  let failing = true;
  let writes = 0;
  const exporter = new InfluxExporter({
    target: `http://127.0.0.1:${port}/k6`,
    flushIntervalMs: 10,
    log: (line) => lines.push(line),
    write: async (): Promise<WriteResult> => {
      writes++;
      return failing ? { ok: false, reason: `connect ECONNREFUSED 127.0.0.1:${port}`, databaseMissing: false } : { ok: true };
    },
  });
  const event = { operation: 'StartWebRTCContact', outcome: 'accepted', errorName: undefined, condition: undefined, instanceId: undefined, durationMs: 1 } as const;
  try {
    exporter.request(event);
    await until('the first failed write', () => lines.length === 1);
    for (let i = 0; i < 5; i++) {
      exporter.request(event);
      const before = writes;
      await until('another failed write', () => writes > before);
    }
    expect(lines).toEqual([`metrics: InfluxDB http://127.0.0.1:${port} database k6: write failed (connect ECONNREFUSED 127.0.0.1:${port}); dropping and counting points until it answers`]);
    expect(exporter.stats().failedWrites).toBeGreaterThanOrEqual(6);
    expect(exporter.stats().dropped).toBeGreaterThanOrEqual(6);
    failing = false;
    exporter.request(event);
    await until('the recovery line', () => lines.length === 2);
    expect(lines[1]).toMatch(new RegExp(`^metrics: InfluxDB http://127\\.0\\.0\\.1:${port} database k6: writes recovered \\(\\d+ points dropped so far\\)$`));
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  } finally {
    await exporter.close();
  }
});
