// What `connect-harness report` reads: the JSON reports of a conformance run (`--json`), a diff run
// (`--json`), a k6 scenario's handleSummary (`<scenario>-summary.json`, either summary shape) and
// `k6-combine --json`; each recognised by its shape, checked enough to render, and sanitised
// (sanitise.ts) before anything else sees it.
import { summarySchema } from '../../scenarios/lib/summary-normal.ts';
import type { CapacityVerdict } from '../../scenarios/lib/capacity-steps.ts';
import type { NormalMetric } from '../../scenarios/lib/threshold-eval.ts';
import type { ProbeResult } from '../conformance/probes/probe.ts';
import { sanitiseForReport } from './sanitise.ts';
import type { ConformanceJson } from '../conformance/reporters/json.ts';
import type { DiffJson } from '../diff/reporters/json.ts';

// The JSON shapes are stated once, by the reporters that write them.
export type { ConformanceFinding, ConformanceJson, ConformanceResult } from '../conformance/reporters/json.ts';
export type { DiffGroup, DiffJson, DiffSide, DiffTargetInfo } from '../diff/reporters/json.ts';
export type { JsonAttempt, JsonExchange } from '../conformance/reporters/exchange-json.ts';

export interface K6Threshold {
  readonly metric: string;
  readonly expression: string;
  readonly status: 'ok' | 'crossed' | 'unavailable';
  readonly source?: string;
  readonly actual?: number;
  readonly note?: string;
}

export interface K6SummaryJson {
  readonly scenario: string;
  readonly testId: string;
  readonly target?: { readonly kind?: string; readonly host?: string; readonly region?: string };
  readonly summaryShape: string;
  readonly passed: boolean | null;
  readonly expectedK6ExitCode?: number | null;
  readonly durationMs?: number;
  readonly thresholds: readonly K6Threshold[];
  readonly checks: readonly { readonly name: string; readonly passes: number; readonly fails: number }[];
  readonly metrics: Readonly<Record<string, NormalMetric>>;
  readonly notes: readonly string[];
  readonly capacityVerdict?: CapacityVerdict;
  readonly cleanup?: unknown;
  /** k6-combine only: the pods' summaries and the share of the test they cover. */
  readonly files?: readonly string[];
  readonly coverage?: number;
  readonly exitCode?: number;
  readonly error?: string;
}

export type ReportInput =
  | { readonly kind: 'conformance'; readonly source: string; readonly data: ConformanceJson; readonly probes?: readonly ProbeResult[] }
  | { readonly kind: 'diff'; readonly source: string; readonly data: DiffJson }
  | { readonly kind: 'k6'; readonly source: string; readonly data: K6SummaryJson; readonly combined: boolean };

/** Input that is not a report this command knows: the message names the file and what it lacks. */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function k6Input(source: string, value: Record<string, unknown>, combined: boolean): ReportInput {
  if (value.summaryShape === 'unreadable' || typeof value.error === 'string') {
    // Rendered all the same: the report says that handleSummary could not read its data.
    return { kind: 'k6', source, combined, data: { thresholds: [], checks: [], metrics: {}, notes: [], passed: null, ...value } as unknown as K6SummaryJson };
  }
  if (!Array.isArray(value.thresholds) || !Array.isArray(value.checks) || !isObject(value.metrics)) throw new ReportInputError(`${source}: a k6 summary without thresholds, checks or metrics`);
  return { kind: 'k6', source, combined, data: { notes: [], ...value, summaryShape: typeof value.summaryShape === 'string' ? value.summaryShape : 'combined' } as unknown as K6SummaryJson };
}

/** Recognises one parsed JSON report; `source` names it in messages and in the page. */
export function reportInputsFrom(source: string, parsed: unknown): ReportInput[] {
  const value = sanitiseForReport(parsed);
  // k6-combine --json: one group per test id and scenario.
  if (Array.isArray(value) && value.length > 0 && value.every((g) => isObject(g) && typeof g.testId === 'string' && typeof g.scenario === 'string' && Array.isArray(g.files))) {
    return value.map((g, i) => k6Input(`${source} [${i}]`, g as Record<string, unknown>, true));
  }
  if (!isObject(value)) throw new ReportInputError(`${source}: not a report (expected a JSON object)`);
  if (value.schema === summarySchema) return [k6Input(source, value, false)];
  const summary = value.summary;
  if (isObject(summary) && Array.isArray(value.results) && isObject(value.target) && typeof summary.findings === 'number') {
    return [{ kind: 'conformance', source, data: value as unknown as ConformanceJson }];
  }
  if (isObject(summary) && Array.isArray(value.groups) && isObject(value.baseline) && isObject(value.candidate) && typeof summary.disagreeing === 'number') {
    return [{ kind: 'diff', source, data: value as unknown as DiffJson }];
  }
  if (typeof value.schema === 'string') throw new ReportInputError(`${source}: schema ${value.schema} is not one this version reads (k6 summaries: ${summarySchema})`);
  throw new ReportInputError(`${source}: not a conformance report (--json), a diff report (--json), a k6 summary (<scenario>-summary.json) or k6-combine --json output`);
}

/** The text of one file as report inputs. */
export function parseReportFile(source: string, text: string): ReportInput[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ReportInputError(`${source}: not JSON`);
  }
  return reportInputsFrom(source, parsed);
}
