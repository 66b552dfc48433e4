// Over time, for any k6 scenario: a summary holds aggregates only, so `report --k6-out FILE` reads
// k6's JSON output (`k6 run --out json=FILE`, gzip too) and keeps, per scenario, the
// webrtc_start_duration samples: when, how long, and the outcome tag. They are put into equal
// intervals (at most MAX_BUCKETS over the run) giving starts per second by outcome and the accepted
// latency p50/p95/p99 of each interval. Only the metric name, time, value and the bounded tags
// scenario, testid and outcome are read: never sample metadata (where the contact ledger keeps
// ContactIds).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { k6Metrics, startOutcomes, tagKeys } from '../contract/metric-names.ts';
import { lineChart, outcomeColours, stackedBarChart, type Chart, type ChartRow } from './charts/chart.ts';
import { ReportInputError } from './inputs.ts';
import { scrubText } from './sanitise.ts';

export const MAX_BUCKETS = 60;

export interface SampleBucket {
  /** Seconds from the first sample to the start of this interval. */
  readonly startS: number;
  /** Starts by outcome tag value. */
  readonly starts: Readonly<Record<string, number>>;
  /** Latency of accepted starts in this interval, ms; absent without accepted starts. */
  readonly acceptedMs?: { readonly p50: number; readonly p95: number; readonly p99: number };
}

export interface SampleSeries {
  readonly source: string;
  readonly scenario: string;
  readonly testId?: string;
  readonly bucketSeconds: number;
  readonly totalStarts: number;
  readonly buckets: readonly SampleBucket[];
}

interface Sample {
  readonly t: number;
  readonly ms: number;
  readonly outcome: string;
}

/** Linear interpolation between closest ranks, as k6 computes p(N) of a Trend. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Samples of one scenario put into equal intervals. */
export function bucketSamples(source: string, scenario: string, testId: string | undefined, samples: readonly Sample[]): SampleSeries {
  const first = Math.min(...samples.map((s) => s.t));
  const last = Math.max(...samples.map((s) => s.t));
  const spanS = Math.max(1, Math.ceil((last - first) / 1000 + 1e-9));
  const bucketSeconds = Math.max(1, Math.ceil(spanS / MAX_BUCKETS));
  const count = Math.ceil(spanS / bucketSeconds) || 1;
  const starts = Array.from({ length: count }, () => new Map<string, number>());
  const accepted = Array.from({ length: count }, () => [] as number[]);
  for (const s of samples) {
    const i = Math.min(count - 1, Math.floor((s.t - first) / 1000 / bucketSeconds));
    starts[i]!.set(s.outcome, (starts[i]!.get(s.outcome) ?? 0) + 1);
    if (s.outcome === 'accepted') accepted[i]!.push(s.ms);
  }
  const buckets = starts.map((byOutcome, i): SampleBucket => {
    const sorted = accepted[i]!.sort((a, b) => a - b);
    const latency = sorted.length === 0 ? {} : { acceptedMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) } };
    return { startS: i * bucketSeconds, starts: Object.fromEntries(byOutcome), ...latency };
  });
  return { source, scenario, ...(testId === undefined ? {} : { testId }), bucketSeconds, totalStarts: samples.length, buckets };
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Every scenario's start samples in a k6 JSON output file, read line by line (files can be large). */
export async function readK6Samples(file: string): Promise<SampleSeries[]> {
  let gzip: boolean;
  try {
    gzip = await isGzip(file);
  } catch (error) {
    throw new ReportInputError(`--k6-out ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const raw = createReadStream(file);
  const lines = createInterface({ input: gzip ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity });
  const byScenario = new Map<string, { testId: string | undefined; samples: Sample[] }>();
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '' || !line.includes(k6Metrics.startDuration)) continue;
    let point: { type?: unknown; metric?: unknown; data?: { time?: unknown; value?: unknown; tags?: Record<string, unknown> } };
    try {
      point = JSON.parse(line) as typeof point;
    } catch {
      throw new ReportInputError(`--k6-out ${file}: line ${lineNo} is not JSON: not k6's JSON output?`);
    }
    if (point.type !== 'Point' || point.metric !== k6Metrics.startDuration) continue;
    const t = Date.parse(String(point.data?.time));
    const ms = point.data?.value;
    const tags = point.data?.tags ?? {};
    if (!Number.isFinite(t) || typeof ms !== 'number') continue;
    const outcome = typeof tags[tagKeys.outcome] === 'string' && (startOutcomes as readonly string[]).includes(tags[tagKeys.outcome] as string) ? (tags[tagKeys.outcome] as string) : 'unexpected';
    const scenario = typeof tags[tagKeys.scenario] === 'string' ? scrubText(tags[tagKeys.scenario] as string) : 'default';
    const entry = byScenario.get(scenario) ?? { testId: typeof tags[tagKeys.testId] === 'string' ? scrubText(tags[tagKeys.testId] as string) : undefined, samples: [] };
    entry.samples.push({ t, ms, outcome });
    byScenario.set(scenario, entry);
  }
  if (byScenario.size === 0) throw new ReportInputError(`--k6-out ${file}: no ${k6Metrics.startDuration} samples: not the JSON output of a run of these scenarios?`);
  return [...byScenario].map(([scenario, { testId, samples }]) => bucketSamples(file, scenario, testId, samples));
}

/** Throughput, accepted latency and the outcome mix, interval by interval. */
export function timeSeriesCharts(series: SampleSeries): Chart[] {
  const label = (b: SampleBucket) => `${b.startS}s`;
  const xOrder = series.buckets.map(label);
  const per = series.bucketSeconds;
  const xTitle = `time into the run (intervals of ${per} s)`;
  const throughput: ChartRow[] = [
    ...series.buckets.map((b) => ({ x: label(b), series: 'starts /s', y: round(Object.values(b.starts).reduce((a, n) => a + n, 0) / per) })),
    ...series.buckets.map((b) => ({ x: label(b), series: 'accepted /s', y: round((b.starts.accepted ?? 0) / per) })),
  ];
  const latency: ChartRow[] = (['p50', 'p95', 'p99'] as const).flatMap((q) => series.buckets.filter((b) => b.acceptedMs !== undefined).map((b) => ({ x: label(b), series: q, y: b.acceptedMs![q] })));
  const outcomes: ChartRow[] = series.buckets.flatMap((b) =>
    startOutcomes.filter((o) => (b.starts[o] ?? 0) > 0).map((o) => ({ x: label(b), series: o, y: round(b.starts[o]! / per) })),
  );
  const id = (what: string) => `k6-${what}-over-time`;
  return [
    lineChart(throughput, { id: id('throughput'), title: 'Throughput over time', xTitle, yTitle: 'starts per second', xOrder, caption: 'StartWebRTCContact calls per second, all of them and the accepted ones.' }),
    lineChart(latency, { id: id('latency'), title: 'Accepted latency over time', xTitle, yTitle: 'ms', xOrder, seriesOrder: ['p50', 'p95', 'p99'], caption: 'p50, p95 and p99 of accepted starts in each interval (intervals without an accepted start have no point).' }),
    stackedBarChart(outcomes, { id: id('outcomes'), title: 'Outcome mix over time', xTitle, yTitle: 'starts per second', xOrder, seriesOrder: [...startOutcomes], colours: outcomeColours, caption: 'Starts per second in each interval by outcome: accepted, rejected (a 4xx), throttled (429), server-error (5xx), network-error (no answer), unexpected.' }),
  ];
}
