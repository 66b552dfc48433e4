// k6's threshold expressions, parsed and evaluated as k6 v2.2.0 does (metrics/thresholds_parser.go,
// metrics/thresholds.go), including its rules for metrics without samples (k6-notes.md §4).
import { describe, expect, it } from 'vitest';
import { evaluateThreshold, parseThreshold, type NormalMetric } from '../../../scenarios/lib/threshold-eval.ts';

const rate = (passes: number, fails: number): NormalMetric => ({ type: 'rate', contains: 'default', values: { rate: passes + fails === 0 ? 0 : passes / (passes + fails), passes, fails } });
const counter = (count: number): NormalMetric => ({ type: 'counter', contains: 'default', values: { count } });
const trend = (values: Record<string, number>): NormalMetric => ({ type: 'trend', contains: 'time', values });
const gauge = (value: number): NormalMetric => ({ type: 'gauge', contains: 'default', values: { value, min: value, max: value } });

describe('parseThreshold', () => {
  it('tries the operators in k6 order and trims both sides', () => {
    expect(parseThreshold(' p(95) < 500 ')).toMatchObject({ method: 'p', key: 'p(95)', percentile: 95, operator: '<', limit: 500 });
    expect(parseThreshold('rate<=0.1')).toMatchObject({ key: 'rate', operator: '<=', limit: 0.1 });
    expect(parseThreshold('rate==0')).toMatchObject({ operator: '==', limit: 0 });
    expect(parseThreshold('count===3')).toMatchObject({ operator: '===', limit: 3 });
    expect(parseThreshold('value!=1e3')).toMatchObject({ operator: '!=', limit: 1000 });
    expect(parseThreshold('p(99.9)>=2')).toMatchObject({ key: 'p(99.9)', operator: '>=' });
  });

  it('refuses what k6 refuses', () => {
    expect(parseThreshold('rate')).toHaveProperty('error');
    expect(parseThreshold('p(101)<5')).toHaveProperty('error');
    expect(parseThreshold('mean<5')).toHaveProperty('error');
    expect(parseThreshold('rate<abc')).toHaveProperty('error');
  });
});

describe('evaluateThreshold', () => {
  it('compares the value k6 compares', () => {
    expect(evaluateThreshold('rate<0.01', rate(1, 99), 10, 'legacy')).toEqual({ status: 'crossed', actual: 0.01 });
    expect(evaluateThreshold('rate<0.011', rate(1, 99), 10, 'legacy').status).toBe('ok');
    expect(evaluateThreshold('p(95)<500', trend({ 'p(95)': 499.9 }), 10, 'legacy').status).toBe('ok');
    expect(evaluateThreshold('med<10', trend({ med: 10 }), 10, 'legacy').status).toBe('crossed');
    expect(evaluateThreshold('p(50)<11', trend({ med: 10 }), 10, 'legacy').status).toBe('ok');
    expect(evaluateThreshold('count>0', counter(3), 10, 'legacy').status).toBe('ok');
    expect(evaluateThreshold('value<5', gauge(4), 10, 'legacy').status).toBe('ok');
  });

  it('a counter rate is its count over the test duration (the machine-readable shape drops it)', () => {
    expect(evaluateThreshold('rate>0.5', counter(10), 10, 'machine-readable')).toEqual({ status: 'ok', actual: 1 });
    expect(evaluateThreshold('rate>0.5', counter(10), undefined, 'machine-readable').status).toBe('unavailable');
  });

  it('no samples, as k6 decides at the end of the run', () => {
    // A Rate without samples has no `rate` sink value: every rate threshold passes.
    expect(evaluateThreshold('rate<0.01', rate(0, 0), 10, 'legacy').status).toBe('ok');
    expect(evaluateThreshold('rate>0.5', rate(0, 0), 10, 'legacy').status).toBe('ok');
    // An empty Trend is all zeros.
    const empty = trend({ avg: 0, min: 0, med: 0, max: 0, 'p(95)': 0 });
    expect(evaluateThreshold('p(95)<500', empty, 10, 'legacy').status).toBe('ok');
    expect(evaluateThreshold('p(95)>0', empty, 10, 'legacy').status).toBe('crossed');
    expect(evaluateThreshold('avg>10', empty, 10, 'legacy').status).toBe('crossed');
    // An empty Counter has count 0.
    expect(evaluateThreshold('count>0', counter(0), 10, 'legacy').status).toBe('crossed');
    expect(evaluateThreshold('count<10', counter(0), 10, 'legacy').status).toBe('ok');
    expect(evaluateThreshold('value>0', gauge(0), 10, 'legacy').status).toBe('crossed');
  });

  it('says which verdict it cannot give, and why', () => {
    expect(evaluateThreshold('p(99)<1000', trend({ 'p(95)': 1 }), 10, 'machine-readable')).toEqual({ status: 'unavailable', note: 'p(99) is not in the machine-readable summary (it carries avg, min, med, max, p(90) and p(95) only)' });
    expect(evaluateThreshold('p(99)<1000', trend({ 'p(95)': 1 }), 10, 'legacy').note).toMatch(/summaryTrendStats/);
    expect(evaluateThreshold('rate<1', undefined, 10, 'legacy')).toMatchObject({ status: 'unavailable', note: 'the metric is not in the summary' });
    expect(evaluateThreshold('count>1', rate(1, 1), 10, 'legacy')).toMatchObject({ status: 'unavailable', note: 'k6 would refuse count on a rate' });
    expect(evaluateThreshold('nope', rate(1, 1), 10, 'legacy').status).toBe('unavailable');
  });
});
