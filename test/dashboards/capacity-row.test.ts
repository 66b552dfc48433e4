// The capacity row of the k6 dashboard: four panels side by side, each split by the capacity step
// and restricted to samples that carry one, showing throughput, latency p50/p95/p99 and outcomes.
import { describe, expect, it } from 'vitest';
import { k6LoadDashboard } from '../../dashboards/k6-load.ts';

const panels = k6LoadDashboard().panels.filter((p) => p.title.startsWith('Capacity steps:'));

describe('the capacity-step row', () => {
  it('is one grid row of four panels', () => {
    expect(panels.map((p) => p.title)).toEqual(['Capacity steps: throughput', 'Capacity steps: latency p50 / p95 / p99', 'Capacity steps: outcomes', 'Capacity steps: failed and throttled share']);
    expect(new Set(panels.map((p) => p.gridPos.y)).size).toBe(1);
    expect(panels.reduce((w, p) => w + p.gridPos.w, 0)).toBe(24);
  });

  it('every query keeps to samples with a step and splits by it', () => {
    for (const t of panels.flatMap((p) => p.targets)) {
      expect(t.query).toContain(`AND "step" != ''`);
      expect(t.query).toMatch(/GROUP BY time\(\$__interval\), "step"/);
    }
  });

  it('latency shows p50, p95 and p99 of accepted starts; outcomes split by outcome', () => {
    const [latency] = panels[1]!.targets;
    expect(latency!.query).toMatch(/percentile\("value", 50\) AS "p50", percentile\("value", 95\) AS "p95", percentile\("value", 99\) AS "p99"/);
    expect(latency!.query).toContain(`"outcome" = 'accepted'`);
    expect(panels[2]!.targets[0]!.query).toMatch(/GROUP BY time\(\$__interval\), "step", "outcome"/);
  });
});
