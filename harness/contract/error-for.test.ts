// Which error a list of violations becomes. Stages decide: deserialization problems win over model
// constraints, model constraints over documentation-only rules. A probe profile with machine-readable
// templates lets the tests read back which violations made it into the message.
import { describe, expect, test } from 'vitest';
import { errorForCondition, errorForViolations } from './error-for.ts';
import { allConditions, defaultProfile, type Condition, type FidelityProfile, type ProfileEntry } from './profile.ts';
import { documentedRuleNames, schemaRules, serializationRules, type Violation } from './violation.ts';
import { validate } from './validate.ts';

const SEP = '#';

/** Every condition answers E-<condition>, status 400 + its index, message "<condition|path>". */
const probe: FidelityProfile = {
  name: 'probe',
  description: 'test profile',
  entries: Object.fromEntries(allConditions.map((c, i): [Condition, ProfileEntry] => [
    c,
    { error: `E-${c}`, status: 400 + i, message: c === 'validation-summary' ? `{errors}${SEP}{details}` : `<${c}|{path}>`, allowed: [`E-${c}`], source: 'assumed' },
  ])) as Record<Condition, ProfileEntry>,
  limits: defaultProfile.limits,
};

const at = (path: string, rule: Violation['rule']): Violation => ({ path, rule, limit: 1, actual: 2 });
const minimal = { InstanceId: 'instance', ContactFlowId: 'flow', ParticipantDetails: { DisplayName: 'Customer' } };

function summary(message: string): { errors: string; details: string[] } {
  const [errors = '', details = ''] = message.split(SEP);
  return { errors, details: details === '' ? [] : details.split('; ') };
}

describe('errorForViolations', () => {
  test('no violation, no error', () => {
    expect(errorForViolations([], probe)).toBeUndefined();
    expect(errorForViolations([])).toBeUndefined();
  });

  for (const rule of serializationRules) {
    test(`a serialization violation (${rule}) wins over schema and documented ones, wherever it stands`, () => {
      const violations = [at('/Attributes', 'attribute-byte-budget'), at('/InstanceId', 'length'), at('/ClientToken', rule), at('/Description', 'type')];
      const error = errorForViolations(violations, probe);
      expect(error).toEqual({ name: `E-${rule}`, status: probe.entries[rule].status, message: `<${rule}|ClientToken>`, condition: rule });
    });
  }

  for (const rule of schemaRules) {
    test(`a schema violation (${rule}) wins over documented ones and leads the summary`, () => {
      const violations = [at('/Attributes', 'attribute-byte-budget'), at('/InstanceId', rule), at('/References', 'reference-byte-budget'), at('/ClientToken', 'length')];
      const error = errorForViolations(violations, probe);
      expect(error?.name).toBe(`E-${rule}`);
      expect(error?.status).toBe(probe.entries[rule].status);
      expect(error?.condition).toBe(rule);
      const { errors, details } = summary(error?.message ?? '');
      expect(errors).toBe('2 validation errors');
      // Only the schema violations, in their order; documented ones are a later stage.
      expect(details).toEqual([`<${rule}|InstanceId>`, '<length|ClientToken>']);
    });
  }

  test('one schema violation: singular summary', () => {
    const { errors, details } = summary(errorForViolations([at('/InstanceId', 'required')], probe)?.message ?? '');
    expect(errors).toBe('1 validation error');
    expect(details).toEqual(['<required|InstanceId>']);
  });

  for (const rule of documentedRuleNames) {
    test(`documented violations alone: the first one (${rule}) decides`, () => {
      const other = rule === 'attribute-key-charset' ? 'date-reference-value' : 'attribute-key-charset';
      const error = errorForViolations([at('/Attributes', rule), at('/Attributes/a b', other)], probe);
      expect(error).toEqual({ name: `E-${rule}`, status: probe.entries[rule].status, message: `<${rule}|Attributes>`, condition: rule });
    });
  }

  // The cap (MAX_DETAILS in error-for.ts, not exported) is 10, as AWS's generated validators cap theirs.
  for (const n of [9, 10, 11, 25]) {
    test(`the summary counts all ${n} violations and details at most 10`, () => {
      const violations = Array.from({ length: n }, (_, i) => at(`/Attributes/k${i}`, 'key-length'));
      const { errors, details } = summary(errorForViolations(violations, probe)?.message ?? '');
      expect(errors).toBe(`${n} validation errors`);
      expect(details).toEqual(violations.slice(0, 10).map((v) => `<key-length|Attributes.${v.path.split('/')[2]}>`));
    });
  }

  test('real violations under the default profile', () => {
    const typeFirst = validate({ ...minimal, InstanceId: 5, ParticipantDetails: { DisplayName: '' }, Attributes: { 'a b': 'v' } });
    expect(errorForViolations(typeFirst)).toMatchObject({ name: defaultProfile.entries.type.error, status: defaultProfile.entries.type.status, condition: 'type' });

    const schemaFirst = validate({ ...minimal, ParticipantDetails: { DisplayName: '' }, Attributes: { 'a b': 'v' } });
    expect(errorForViolations(schemaFirst)).toMatchObject({ name: defaultProfile.entries.length.error, status: defaultProfile.entries.length.status, condition: 'length' });

    const documentedOnly = validate({ ...minimal, Attributes: { 'a b': 'v' } });
    expect(errorForViolations(documentedOnly)).toMatchObject({ name: defaultProfile.entries['attribute-key-charset'].error, condition: 'attribute-key-charset' });
  });
});

describe('errorForCondition', () => {
  test('takes name, status and rendered message from the profile entry', () => {
    for (const condition of allConditions) {
      const entry = defaultProfile.entries[condition];
      const vars = { path: 'InstanceId', limit: 10, actual: 11, relation: 'less than or equal to', errors: '1 validation error', details: 'd', id: 'the-id', reason: 'the-reason' };
      const error = errorForCondition(condition, vars);
      expect(error.name).toBe(entry.error);
      expect(error.status).toBe(entry.status);
      expect(error.condition).toBe(condition);
      expect(error.message).not.toMatch(/\{\w+\}/);
    }
  });

  test('uses the given profile', () => {
    expect(errorForCondition('rate-throttle', {}, probe)).toEqual({ name: 'E-rate-throttle', status: probe.entries['rate-throttle'].status, message: '<rate-throttle|{path}>', condition: 'rate-throttle' });
  });

  test('substitutes the variables it is given', () => {
    const error = errorForCondition('resource-not-found', { reason: 'Instance', id: 'abc-123' });
    expect(error.message).toContain('abc-123');
    expect(error.message).not.toMatch(/\{\w+\}/);
  });
});
