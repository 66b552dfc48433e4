// Every query a dashboard makes, and the same query as Grafana would send it for one test id.
import type { Dashboard } from '../../dashboards/builder/model.ts';

export interface PanelQuery {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly query: string;
}

export function panelQueries(dashboard: Dashboard): PanelQuery[] {
  return dashboard.panels.flatMap((panel) => panel.targets.map((t) => ({ dashboard: dashboard.title, panel: panel.title, refId: t.refId, query: t.query })));
}

/** Grafana's substitutions for a 1 h range, a 10 s interval, and one test id picked in the variable. */
export function substitute(query: string, testId: string): string {
  const out = query
    .replaceAll('$timeFilter', 'time > now() - 1h')
    .replaceAll('$__interval_ms', '10000')
    .replaceAll('$__interval', '10s')
    .replaceAll('$testid', testId.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  if (/\$[A-Za-z_]/.test(out)) throw new Error(`query still has a variable after substitution: ${out}`);
  return out;
}
