import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../observer.ts';
import { SeriesTable } from './series-table.ts';

const event = (overrides: Partial<RequestEvent> = {}): RequestEvent => ({
  operation: 'StartWebRTCContact',
  outcome: 'rejected',
  errorName: 'InvalidParameterException',
  condition: 'length',
  instanceId: 'i-1',
  durationMs: 1,
  ...overrides,
});

describe('SeriesTable', () => {
  it('gives one id per tag set, whatever the string instances', () => {
    const table = new SeriesTable('t1');
    const a = table.idOf(event());
    expect(table.idOf(event({ instanceId: ['i', '1'].join('-'), durationMs: 99 }))).toBe(a);
    expect(table.idOf(event({ outcome: 'throttled' }))).not.toBe(a);
    expect(table.idOf(event({ instanceId: undefined }))).not.toBe(a);
    expect(table.size).toBe(3);
  });

  it('builds the series key with sorted, escaped tags and the test id', () => {
    const table = new SeriesTable('run 1');
    expect(table.keyOf(table.idOf(event({ errorName: undefined, condition: undefined, outcome: 'accepted' })))).toBe(
      'emulator_requests,instance=i-1,operation=StartWebRTCContact,outcome=accepted,testid=run\\ 1',
    );
  });

  it('refuses new series past its bound instead of growing', () => {
    const table = new SeriesTable('t', 2);
    expect(table.idOf(event({ instanceId: 'a' }))).toBe(0);
    expect(table.idOf(event({ instanceId: 'b' }))).toBe(1);
    expect(table.idOf(event({ instanceId: 'c' }))).toBe(-1);
    expect(table.idOf(event({ instanceId: 'a' }))).toBe(0);
  });
});
