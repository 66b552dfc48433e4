// The contract's data holds together: references resolve, bounds are ordered, patterns compile, and
// the documentation-only rules point at members and values that exist.
import { describe, expect, test } from 'vitest';
import { shapes } from './shapes.ts';
import type { Shape } from './shape-types.ts';
import { documentedRules } from './documented-rules.ts';
import { maxNestingDepth, idempotency, quotas } from './limits.ts';
import { operations } from './operations.ts';

const all = shapes as Readonly<Record<string, Shape>>;

describe('shapes', () => {
  for (const [name, shape] of Object.entries(all)) {
    test(`${name} is consistent`, () => {
      const refs: string[] = [];
      if (shape.type === 'structure') {
        refs.push(...Object.values(shape.members).map((m) => m.shape));
        for (const r of shape.required ?? []) expect(Object.keys(shape.members), r).toContain(r);
      }
      if (shape.type === 'map') refs.push(shape.key.shape, shape.value.shape);
      if (shape.type === 'list') refs.push(shape.member.shape);
      for (const ref of refs) expect(all[ref], ref).toBeDefined();
      if (shape.type === 'map') expect(all[shape.key.shape]?.type).toBe('string');
      if (shape.type === 'string' || shape.type === 'map' || shape.type === 'list') {
        const { min = 0, max = Number.MAX_SAFE_INTEGER } = shape.length ?? {};
        expect(Number.isInteger(min) && min >= 0 && min <= max).toBe(true);
      }
      if (shape.type === 'string') {
        if (shape.pattern !== undefined) expect(() => new RegExp(shape.pattern as string, 'u')).not.toThrow();
        if (shape.enum) {
          expect(shape.enum.length).toBeGreaterThan(0);
          expect(new Set(shape.enum).size).toBe(shape.enum.length);
        }
      }
    });
  }

  test('every operation input is a shape', () => {
    for (const op of Object.values(operations)) if ('input' in op) expect(all[op.input]).toBeDefined();
  });
});

describe('documented rules and limits', () => {
  test('point at request members and values of the model', () => {
    const members = Object.keys(shapes.StartWebRTCContactRequest.members);
    for (const rule of Object.values(documentedRules)) expect(members).toContain(rule.member);
    for (const type of documentedRules.R1.allowedTypes) expect(shapes.ReferenceType.enum).toContain(type);
    expect(() => new RegExp(documentedRules.A2.allowedPattern)).not.toThrow();
    expect(() => new RegExp(documentedRules.R3.valuePattern)).not.toThrow();
  });

  test('are positive numbers', () => {
    expect(Number.isInteger(maxNestingDepth) && maxNestingDepth > 0).toBe(true);
    expect(documentedRules.A1.limitBytes).toBeGreaterThan(0);
    expect(documentedRules.R2.limitBytes).toBeGreaterThan(0);
    expect(idempotency.windowMs).toBeGreaterThan(0);
    expect(quotas.startWebRTCContact.burst).toBeGreaterThanOrEqual(quotas.startWebRTCContact.ratePerSecond);
  });
});
