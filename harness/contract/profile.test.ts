// The default fidelity profile: one entry per condition, consistent with the error catalogue, and every
// template fully rendered from the violations validate() really produces.
import { describe, expect, test } from 'vitest';
import { allConditions, defaultProfile, serviceConditions } from './profile.ts';
import { errorCatalogue, isErrorName } from './errors.ts';
import { allRules, type Rule } from './violation.ts';
import { renderTemplate, violationVars } from './messages.ts';
import { errorForViolations } from './error-for.ts';
import { validate } from './validate.ts';
import { documentedRules } from './documented-rules.ts';
import { maxNestingDepth } from './limits.ts';
import { shapes } from './shapes.ts';

const minimal = { InstanceId: 'instance', ContactFlowId: 'flow', ParticipantDetails: { DisplayName: 'Customer' } };
const leftover = /\{\w+\}/;
/** The placeholders profile.ts documents. */
const vocabulary = ['path', 'limit', 'actual', 'relation', 'errors', 'details', 'id', 'reason'];

function deep(levels: number): unknown {
  let value: unknown = { ValueString: 'leaf' };
  for (let i = 0; i < levels; i++) value = { ValueMap: { k: value } };
  return value;
}

/** One request per rule that breaks it; typed by Rule so that a new rule cannot go without one. */
const examples: Record<Rule, unknown> = {
  type: { ...minimal, InstanceId: 5 },
  'well-formed-unicode': { ...minimal, InstanceId: '\ud800' },
  'nesting-depth': { ...minimal, SegmentAttributes: { k: deep(maxNestingDepth) } },
  required: { ContactFlowId: 'flow', ParticipantDetails: {} },
  length: { ...minimal, InstanceId: '', ParticipantDetails: { DisplayName: 'x'.repeat(shapes.DisplayName.length.max + 1) } },
  'key-length': { ...minimal, Attributes: { '': 'v' } },
  enum: { ...minimal, AllowedCapabilities: { Customer: { Video: 'send' } }, References: { r: { Type: 'url' } } },
  pattern: { ...minimal, References: { r: { Type: 'URL', Arn: '€'.repeat(shapes.ReferenceArn.length.min) } } },
  'attribute-byte-budget': { ...minimal, Attributes: { k: '€'.repeat(Math.ceil(documentedRules.A1.limitBytes / 3)) } },
  'attribute-key-charset': { ...minimal, Attributes: { 'a b': 'v' } },
  'reference-type-at-creation': { ...minimal, References: { r: { Type: 'ATTACHMENT' } } },
  'reference-byte-budget': { ...minimal, References: { r: { Type: 'URL', Value: '€'.repeat(Math.ceil(documentedRules.R2.limitBytes / 3)) } } },
  'date-reference-value': { ...minimal, References: { r: { Type: 'DATE', Value: '2024-01-01' } } },
};

describe('defaultProfile', () => {
  test('conditions are unique and are the rules plus the service conditions', () => {
    expect(new Set(allConditions).size).toBe(allConditions.length);
    expect([...allConditions].sort()).toEqual([...allRules, ...serviceConditions].sort());
  });

  test('has exactly one entry per condition', () => {
    expect(Object.keys(defaultProfile.entries).sort()).toEqual([...allConditions].sort());
  });

  for (const condition of allConditions) {
    test(`${condition}: allowed includes its error; status agrees with the catalogue`, () => {
      const entry = defaultProfile.entries[condition];
      expect(entry.allowed).toContain(entry.error);
      expect(Number.isInteger(entry.status) && entry.status >= 400 && entry.status <= 599).toBe(true);
      if (isErrorName(entry.error)) expect(entry.status).toBe(errorCatalogue[entry.error].status);
      for (const name of entry.allowed) expect(isErrorName(name), name).toBe(true);
      expect(['modeled', 'documented', 'observed', 'assumed']).toContain(entry.source);
      for (const [, name] of entry.message.matchAll(/\{(\w+)\}/g)) expect(vocabulary).toContain(name);
    });
  }

  for (const rule of allRules) {
    test(`${rule}: the template renders fully from a real violation`, () => {
      const violations = validate(examples[rule]);
      const mine = violations.filter((v) => v.rule === rule);
      expect(mine.length).toBeGreaterThan(0);
      for (const v of mine) {
        const message = renderTemplate(defaultProfile.entries[rule].message, violationVars(v));
        expect(message, JSON.stringify(v)).not.toMatch(leftover);
      }
      const error = errorForViolations(violations);
      expect(error?.message).not.toMatch(leftover);
    });
  }

  test('the validation summary renders fully, its details included', () => {
    const error = errorForViolations(validate({ ...minimal, InstanceId: '', ClientToken: 'x'.repeat(shapes.ClientToken.length.max + 1), AllowedCapabilities: { Agent: { ScreenShare: 'no' } } }));
    expect(error?.condition).toBe('length');
    expect(error?.message).not.toMatch(leftover);
  });

  for (const condition of serviceConditions) {
    test(`${condition}: the template renders fully from the variables a caller passes`, () => {
      const vars = { limit: 10, id: 'contact-1', reason: 'Instance', errors: '1 validation error', details: 'x' };
      expect(renderTemplate(defaultProfile.entries[condition].message, vars)).not.toMatch(leftover);
    });
  }
});
