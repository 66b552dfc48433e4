// The HTML report as a person sees it: each recorded fixture (a passing conformance run, one with
// findings and divergences, a diff, the smoke scenario's summary in both k6 summary shapes, a
// capacity run with a knee in both shapes, k6's JSON output over time) is rendered by
// `connect-harness report` and opened in Debian's headless Chromium. The page must load with no
// console error and no network request, show its verdict, draw each chart with the series and
// points its data holds (counted in the SVG Vega drew, not taken from the page's own attributes
// alone), mark the knee, and never show a secret planted in the fixture. Pages and screenshots are
// left in reports/ for CI to keep.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planted, plantedValues } from '../fixtures/report/planted-secrets.ts';
import { describeWithChromium } from '../support/chromium.ts';
import { settlesWithin } from '../support/hang-guard.ts';
import { runCli } from '../support/run-cli.ts';

const root = resolve(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'report');
const reports = join(root, 'reports');
const fixture = (name: string) => join(fixtures, name);

interface ExpectedChart {
  readonly series: number;
  readonly points: number;
  /** The x category the knee rule stands on. */
  readonly knee?: string;
}

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly verdict: 'PASS' | 'FAIL' | 'INCONCLUSIVE';
  readonly text: RegExp;
  /** details.finding blocks: findings, divergences, diff groups. */
  readonly findings: number;
  readonly charts: Readonly<Record<string, ExpectedChart>>;
}

/** What k6's JSON output fixture holds, counted here independently of the report's code. */
function overTime(): Record<string, ExpectedChart> {
  const points = readFileSync(fixture('k6-out-load.json'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('"Point"') && l.includes('"webrtc_start_duration"'))
    .map((l) => JSON.parse(l) as { data: { time: string; tags: { outcome: string } } });
  const first = Math.min(...points.map((p) => Date.parse(p.data.time)));
  const second = (p: (typeof points)[number]) => Math.floor((Date.parse(p.data.time) - first) / 1000);
  const seconds = new Set(points.map(second));
  const withAccepted = new Set(points.filter((p) => p.data.tags.outcome === 'accepted').map(second));
  const pairs = new Set(points.map((p) => `${second(p)} ${p.data.tags.outcome}`));
  const outcomes = new Set(points.map((p) => p.data.tags.outcome));
  expect(seconds.size).toBeLessThanOrEqual(60); // one-second intervals, then
  return {
    'k6-throughput-over-time': { series: 2, points: 2 * seconds.size },
    'k6-latency-over-time': { series: 3, points: 3 * withAccepted.size },
    'k6-outcomes-over-time': { series: outcomes.size, points: pairs.size },
  };
}

const capacityKnee = '3 · 40/s';
const cases: readonly Case[] = [
  { name: 'conformance-pass', args: [fixture('conformance-pass.json')], verdict: 'PASS', text: /conformance: 0 findings, 0 divergences from assumptions/, findings: 0, charts: {} },
  { name: 'conformance-findings', args: [fixture('conformance-findings.json')], verdict: 'FAIL', text: /conformance: 3 findings, 1 divergence from assumptions/, findings: 4, charts: {} },
  { name: 'diff', args: [fixture('diff.json')], verdict: 'FAIL', text: /diff: \d+ cases of 760 answered differently, in 12 groups/, findings: 3, charts: {} },
  {
    name: 'k6-smoke-legacy',
    args: [fixture('k6-smoke-legacy.json')],
    verdict: 'PASS',
    text: /k6 smoke: every threshold holds/,
    findings: 0,
    // Three latency metrics × p50, p90, p95, p99, max; six starts, all accepted.
    charts: { 'k6-latency': { series: 3, points: 15 }, 'k6-outcomes': { series: 1, points: 1 } },
  },
  {
    name: 'k6-smoke-machine-readable',
    args: [fixture('k6-smoke-machine-readable.json')],
    verdict: 'INCONCLUSIVE',
    text: /k6 smoke: no threshold crossed, but 1 verdict is unavailable/,
    findings: 0,
    // No p(99) in this shape: four percentiles per metric.
    charts: { 'k6-latency': { series: 3, points: 12 }, 'k6-outcomes': { series: 1, points: 1 } },
  },
  {
    name: 'k6-capacity-knee-legacy',
    args: [fixture('k6-capacity-knee-legacy.json')],
    verdict: 'PASS',
    text: /knee found: step 2 \(20\/s\) held; step 3 \(40\/s\) did not: throttled 7\.2%/,
    findings: 0,
    charts: {
      // target for 4 steps; achieved and accepted for the 2 steps the run went through to the end.
      'capacity-throughput': { series: 3, points: 8, knee: capacityKnee },
      'capacity-latency': { series: 3, points: 9, knee: capacityKnee },
      'capacity-outcomes': { series: 3, points: 9, knee: capacityKnee },
    },
  },
  {
    name: 'k6-capacity-knee-machine-readable',
    args: [fixture('k6-capacity-knee-machine-readable.json')],
    verdict: 'PASS',
    text: /knee found: step 2 \(20\/s\) held; step 3 \(40\/s\) did not/,
    findings: 0,
    charts: {
      'capacity-throughput': { series: 3, points: 8, knee: capacityKnee },
      'capacity-latency': { series: 2, points: 6, knee: capacityKnee },
      'capacity-outcomes': { series: 3, points: 9, knee: capacityKnee },
    },
  },
  {
    name: 'k6-over-time',
    args: [fixture('k6-smoke-legacy.json'), '--k6-out', fixture('k6-out-load.json')],
    verdict: 'PASS',
    text: /k6 smoke: every threshold holds/,
    findings: 0,
    charts: { 'k6-latency': { series: 3, points: 15 }, 'k6-outcomes': { series: 1, points: 1 }, ...overTime() },
  },
];

/** What the page shows, read in the browser. Plain script text: the project's types have no DOM. */
const readPage = `(() => {
  const charts = [...document.querySelectorAll('figure[data-chart]')].map((f) => {
    const rects = [...f.querySelectorAll('g.mark-rect.role-mark path')];
    return {
      id: f.dataset.chart,
      declaredSeries: Number(f.dataset.series),
      declaredPoints: Number(f.dataset.points),
      lines: f.querySelectorAll('g.mark-line.role-mark path').length,
      symbols: f.querySelectorAll('g.mark-symbol.role-mark path').length,
      rects: rects.length,
      fills: new Set(rects.map((r) => r.getAttribute('fill'))).size,
      legend: f.querySelectorAll('g.role-legend-symbol path').length,
      kneeRules: f.querySelectorAll('g.mark-rule.role-mark line').length,
      kneeLabels: [...f.querySelectorAll('g.mark-text.role-mark text')].map((t) => t.textContent),
      dataKnee: f.dataset.knee,
    };
  });
  return {
    verdict: document.querySelector('header.verdict h1')?.textContent ?? '',
    headlines: [...document.querySelectorAll('header.verdict li')].map((li) => li.textContent),
    findings: document.querySelectorAll('details.finding').length,
    charts,
    text: document.body.innerText,
  };
})()`;

interface PageFacts {
  verdict: string;
  headlines: string[];
  findings: number;
  charts: { id: string; declaredSeries: number; declaredPoints: number; lines: number; symbols: number; rects: number; fills: number; legend: number; kneeRules: number; kneeLabels: string[]; dataKnee: string }[];
  text: string;
}

describeWithChromium('the HTML report in headless Chromium', (executablePath) => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(reports, { recursive: true });
    // No sandbox: CI runs as root. Nothing is downloaded: puppeteer-core drives the Debian build.
    browser = await settlesWithin('chromium to start', puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }), 60_000);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(cases)('$name: loads without errors or requests, shows its verdict and charts, and no secret', async (c) => {
    const out = join(reports, `report-${c.name}.html`);
    const ran = await runCli(['report', ...c.args, '--out', out]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(out);

    const html = readFileSync(out, 'utf8');
    for (const secret of plantedValues) {
      for (const form of new Set([secret, encodeURIComponent(secret), secret.replace(/&/g, '&amp;').replace(/</g, '&lt;')])) expect(html, `${c.name} shows ${form}`).not.toContain(form);
    }
    expect(html).not.toContain(planted.secretKey.slice(0, 24));

    const page = await browser.newPage();
    try {
      const problems: string[] = [];
      const requests: string[] = [];
      const url = pathToFileURL(out).href;
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warn') problems.push(`console ${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url() === url) void request.continue();
        else {
          requests.push(request.url());
          void request.abort();
        }
      });
      await settlesWithin(`${c.name} to load`, page.goto(url, { waitUntil: 'load' }), 60_000);
      const facts = (await page.evaluate(readPage)) as PageFacts;
      await page.screenshot({ path: join(reports, `report-${c.name}.png`) as `${string}.png`, fullPage: true });

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(facts.verdict).toBe(c.verdict);
      expect(facts.headlines.join('\n')).toMatch(c.text);
      expect(facts.findings).toBe(c.findings);
      for (const secret of plantedValues) expect(facts.text).not.toContain(secret);

      expect(facts.charts.map((f) => f.id).sort()).toEqual(Object.keys(c.charts).sort());
      for (const chart of facts.charts) {
        const expected = c.charts[chart.id]!;
        expect({ id: chart.id, series: chart.declaredSeries, points: chart.declaredPoints }).toEqual({ id: chart.id, series: expected.series, points: expected.points });
        const drawnPoints = chart.rects > 0 ? chart.rects : chart.symbols;
        const drawnSeries = chart.rects > 0 ? chart.fills : chart.lines;
        expect({ id: chart.id, drawnSeries, drawnPoints, legend: chart.legend }).toEqual({ id: chart.id, drawnSeries: expected.series, drawnPoints: expected.points, legend: expected.series });
        if (expected.knee === undefined) expect(chart.kneeRules).toBe(0);
        else {
          expect(chart.kneeRules).toBe(1);
          expect(chart.kneeLabels).toContain('knee');
          expect(chart.dataKnee).toBe(expected.knee);
        }
      }
    } finally {
      await page.close();
    }
  });
});
