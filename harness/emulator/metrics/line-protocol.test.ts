import { describe, expect, it } from 'vitest';
import { escapeTag, floatField, intField, seriesKey } from './line-protocol.ts';

describe('line protocol', () => {
  it('escapes comma, equals sign and space in tags; replaces what 1.x cannot escape', () => {
    expect(escapeTag('a,b=c d')).toBe('a\\,b\\=c\\ d');
    expect(escapeTag('x\\')).toBe('x/');
    expect(escapeTag('line\nbreak')).toBe('line\\ break');
    expect(escapeTag('plain-value_1')).toBe('plain-value_1');
  });

  it('sorts tag keys and leaves out empty and undefined values', () => {
    expect(seriesKey('m', { outcome: 'accepted', error: undefined, instance: '', operation: 'StartWebRTCContact' })).toBe(
      'm,operation=StartWebRTCContact,outcome=accepted',
    );
  });

  it('writes numbers line protocol can read', () => {
    expect(floatField(1.23456)).toBe('1.235');
    expect(floatField(Number.NaN)).toBe('0');
    expect(floatField(1e300)).toBe('0');
    expect(floatField(1e-9)).toBe('0');
    expect(intField(7.9)).toBe('7i');
    expect(intField(Number.POSITIVE_INFINITY)).toBe('0i');
  });
});
