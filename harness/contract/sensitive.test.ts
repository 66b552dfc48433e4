// Sensitive members are derived from the shapes, and their values never reach a violation or a message.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sensitiveMemberNames } from './sensitive.ts';
import { shapes } from './shapes.ts';
import type { Shape } from './shape-types.ts';
import { documentedRules } from './documented-rules.ts';
import { validate } from './validate.ts';
import { errorForViolations } from './error-for.ts';
import { defaultProfile } from './profile.ts';

/** Property tests with plain fast-check (seed printed on failure): @fast-check/vitest would load
 * vitest's whole runtime again in every worker, about 2 s per file. */
function prop<Ts extends unknown[]>(arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }) {
  return (name: string, predicate: (...args: Ts) => void): void => {
    test(name, () => {
      fc.assert(fc.property(fc.tuple<Ts>(...arbitraries), (args) => predicate(...args)));
    });
  };
}

const minimal = { InstanceId: 'instance', ContactFlowId: 'flow', ParticipantDetails: { DisplayName: 'Customer' } };

describe('sensitiveMemberNames', () => {
  test('holds Description, ParticipantToken and JoinToken', () => {
    for (const name of ['Description', 'ParticipantToken', 'JoinToken']) expect(sensitiveMemberNames.has(name), name).toBe(true);
  });

  test('holds exactly the members whose string shape is marked sensitive', () => {
    const all = shapes as Readonly<Record<string, Shape>>;
    const expected = new Set<string>();
    for (const shape of Object.values(all)) {
      if (shape.type !== 'structure') continue;
      for (const [member, ref] of Object.entries(shape.members)) {
        const target = all[ref.shape];
        if (target?.type === 'string' && target.sensitive === true) expected.add(member);
      }
    }
    expect(new Set(sensitiveMemberNames)).toEqual(expected);
    expect(sensitiveMemberNames.has('DisplayName')).toBe(false);
  });
});

describe('a sensitive value never reaches a violation or a message', () => {
  const marker = 'S3CR3T-MARK';
  const leak = marker.slice(0, 5); // even a truncated quote would show this much
  const secret = (n: number) => marker.repeat(Math.ceil(n / marker.length)).slice(0, n);
  const max = shapes.Description.length.max;

  function expectNoLeak(request: unknown): void {
    const violations = validate(request);
    expect(violations.length).toBeGreaterThan(0);
    expect(JSON.stringify(violations)).not.toContain(leak);
    expect(errorForViolations(violations, defaultProfile)?.message).not.toContain(leak);
    // Each violation alone too: the summary might hide one that a single-error message would show.
    for (const v of violations) expect(errorForViolations([v])?.message).not.toContain(leak);
  }

  const cases: Record<string, unknown> = {
    'over-long Description': { ...minimal, Description: secret(max + 1) },
    'over-long Description among other violations': {
      ...minimal, Description: secret(max + 1), InstanceId: '', Attributes: { 'a b': 'v' }, References: { r: { Type: 'DATE', Value: 'x' } },
    },
    'Description with a lone surrogate': { ...minimal, Description: `${secret(100)}\ud800` },
    'valid Description beside an attribute over its byte budget': {
      ...minimal, Description: secret(max), Attributes: { k: 'x'.repeat(shapes.AttributeValue.length.max), l: 'y'.repeat(documentedRules.A1.limitBytes) },
    },
  };
  for (const [name, request] of Object.entries(cases)) {
    test(name, () => expectNoLeak(request));
  }

  prop([fc.string({ unit: 'binary', maxLength: 30 }), fc.integer({ min: -2, max: 2 }), fc.boolean()])(
    'a Description around its maximum length, with a broken InstanceId beside it',
    (tail, delta, lone) => {
      const body = secret(max + delta - [...tail].length - (lone ? 1 : 0));
      expectNoLeak({ ...minimal, InstanceId: '', Description: `${body}${tail}${lone ? '\udc00' : ''}` });
    },
  );
});
