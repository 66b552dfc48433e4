// Both handleSummary shapes in one form: k6's verdicts kept (legacy), thresholds re-evaluated where
// the shape has none (machine-readable), and never an exception, whatever k6 hands over.
import { describe, expect, it } from 'vitest';
import { normaliseSummary, thresholdsPassed } from '../../../scenarios/lib/summary-normal.ts';

const legacy = {
  root_group: { name: '', checks: [{ name: 'a', passes: 2, fails: 0 }], groups: [{ name: 'g', checks: [{ name: 'a', passes: 1, fails: 1 }] }] },
  state: { testRunDurationMs: 2000 },
  metrics: {
    webrtc_start_failed: { type: 'rate', contains: 'default', values: { rate: 0.5, passes: 1, fails: 1 }, thresholds: { 'rate<0.01': { ok: false } } },
    'webrtc_start_duration{outcome:accepted}': { type: 'trend', contains: 'time', values: { avg: 5, 'p(95)': 9, 'p(99.0)': 10 } },
  },
  setup_data: { plan: 1 },
};

const machineReadable = {
  version: '1.0.0',
  config: { duration: 4, execution: 'local', script: '' },
  metadata: { generated_at: '2026-01-01T00:00:00Z', k6_version: '2.3.0' },
  results: {
    checks: {
      metrics: [
        { name: 'checks_total', type: 'counter', contains: 'default', values: { count: 4 } },
        { name: 'checks_failed', type: 'rate', contains: 'default', values: { matches: 1, rate: 0.25, total: 4 } },
        { name: 'checks_succeeded', type: 'rate', contains: 'default', values: { matches: 3, rate: 0.75, total: 4 } },
      ],
      results: [{ name: 'a', passes: 3, fails: 1 }],
    },
    metrics: [
      { name: 'webrtc_contacts_started', type: 'counter', contains: 'default', values: { count: 8 } },
      { name: 'webrtc_start_failed', type: 'rate', contains: 'default', values: { matches: 1, rate: 0.5, total: 2 } },
      { name: 'webrtc_start_duration{outcome:accepted}', type: 'trend', contains: 'time', values: { avg: 5, max: 12, med: 4, min: 1, p90: 8, p95: 9 } },
      { name: 'iteration_duration', type: 'trend', contains: 'time', values: { avg: 5, max: null, med: null, min: null, p90: null, p95: null } },
    ],
  },
};

const declared = {
  webrtc_start_failed: [{ threshold: 'rate<0.01', abortOnFail: true }],
  'webrtc_start_duration{outcome:accepted}': ['p(95)<500', 'p(99)<1000'],
  webrtc_contacts_started: ['count>0', 'rate>1'],
  checks: ['rate>0.5'],
  http_req_waiting: ['p(95)<1'],
};

describe('normaliseSummary', () => {
  it('legacy: k6 verdicts kept, undeclared ones too, declared ones without a verdict re-evaluated; checks merged over groups', () => {
    const n = normaliseSummary(legacy, { webrtc_start_failed: ['rate<0.01'], 'webrtc_start_duration{outcome:accepted}': ['p(99)<5'] });
    expect(n.shape).toBe('legacy');
    expect(n.thresholds).toEqual([
      { metric: 'webrtc_start_duration{outcome:accepted}', expression: 'p(99)<5', status: 'crossed', source: 'recomputed', actual: 10 },
      { metric: 'webrtc_start_failed', expression: 'rate<0.01', status: 'crossed', source: 'k6', actual: 0.5 },
    ]);
    expect(n.metrics['webrtc_start_duration{outcome:accepted}']!.values).toEqual({ avg: 5, 'p(95)': 9, 'p(99)': 10 });
    expect(n.checks).toEqual([{ name: 'a', passes: 3, fails: 1 }]);
    expect(n.durationMs).toBe(2000);
    expect(n.setupData).toEqual({ plan: 1 });
  });

  it('machine-readable: values under the legacy keys, checks from checks_succeeded, every declared threshold re-evaluated or explained', () => {
    const n = normaliseSummary(machineReadable, declared);
    expect(n.shape).toBe('machine-readable');
    expect(n.metrics.webrtc_start_failed!.values).toEqual({ rate: 0.5, passes: 1, fails: 1 });
    expect(n.metrics.webrtc_contacts_started!.values).toEqual({ count: 8, rate: 2 });
    expect(n.metrics['webrtc_start_duration{outcome:accepted}']!.values).toEqual({ avg: 5, max: 12, med: 4, min: 1, 'p(90)': 8, 'p(95)': 9 });
    expect(n.metrics.iteration_duration!.values).toEqual({ avg: 5 });
    expect(n.metrics.checks!.values).toEqual({ rate: 0.75, passes: 3, fails: 1 });
    expect(n.checks).toEqual([{ name: 'a', passes: 3, fails: 1 }]);
    expect(n.durationMs).toBe(4000);
    expect(n.setupData).toBeUndefined();
    const by = Object.fromEntries(n.thresholds.map((t) => [`${t.metric} ${t.expression}`, t]));
    expect(by['webrtc_start_failed rate<0.01']).toEqual({ metric: 'webrtc_start_failed', expression: 'rate<0.01', status: 'crossed', source: 'recomputed', actual: 0.5, abortOnFail: true });
    expect(by['webrtc_start_duration{outcome:accepted} p(95)<500']).toMatchObject({ status: 'ok', actual: 9 });
    expect(by['webrtc_start_duration{outcome:accepted} p(99)<1000']).toMatchObject({ status: 'unavailable', source: 'none' });
    expect(by['webrtc_contacts_started count>0']).toMatchObject({ status: 'ok', actual: 8 });
    expect(by['webrtc_contacts_started rate>1']).toMatchObject({ status: 'ok', actual: 2 });
    expect(by['checks rate>0.5']).toMatchObject({ status: 'ok', actual: 0.75 });
    expect(by['http_req_waiting p(95)<1']).toMatchObject({ status: 'unavailable', note: expect.stringMatching(/--summary-mode=compact/) });
    expect(thresholdsPassed(n.thresholds)).toBe(false);
    expect(n.notes.join(' ')).toMatch(/re-evaluated/);
  });

  it('a run without checks: the checks threshold passes as k6 passes a Rate without samples', () => {
    const n = normaliseSummary({ ...machineReadable, results: { checks: { metrics: null, results: null }, metrics: [] } }, { checks: ['rate==1'] });
    expect(n.thresholds).toEqual([expect.objectContaining({ metric: 'checks', status: 'ok', note: 'no samples: k6 passes a rate threshold without samples' })]);
  });

  it('never throws: anything else is an unreadable summary with every declared threshold unavailable', () => {
    for (const junk of [null, undefined, 5, 'x', [], {}, { metrics: [] }, { results: 5 }, { metrics: { a: null, b: { type: 'nope' } } }, { results: { metrics: [null, { name: 1 }, { name: 'x', type: 'rate', values: null }] } }]) {
      const n = normaliseSummary(junk, { webrtc_start_failed: ['rate<0.01'] });
      expect(n.thresholds.map((t) => t.status).filter((s) => s !== 'unavailable')).toEqual([]);
    }
    expect(normaliseSummary(42).shape).toBe('unreadable');
    expect(thresholdsPassed(normaliseSummary(42, { a: ['rate<1'] }).thresholds)).toBeNull();
  });
});
