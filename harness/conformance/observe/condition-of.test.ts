import { describe, expect, it } from 'vitest';
import { exercisedBy } from './condition-of.ts';

const target = { instanceId: '11111111-2222-4333-8444-555555555555', contactFlowId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' };
const valid = { InstanceId: target.instanceId, ContactFlowId: target.contactFlowId, ParticipantDetails: { DisplayName: 'a' } };
const body = (request: unknown) => JSON.stringify(request);

describe('exercisedBy', () => {
  it('a valid request for the known instance and flow exercises nothing', () => {
    expect(exercisedBy(body(valid), target)).toEqual({ kind: 'valid' });
  });

  it('violations of one rule exercise that rule, even at several sites', () => {
    const request = { ...valid, AllowedCapabilities: { Customer: { Video: 'x', ScreenShare: 'y' } } };
    const exercised = exercisedBy(body(request), target);
    expect(exercised.kind === 'condition' && exercised.condition).toBe('enum');
    expect(exercised.kind === 'condition' && exercised.violations).toHaveLength(2);
  });

  it('two rules, or a rule and an unknown resource, are ambiguous', () => {
    expect(exercisedBy(body({ ...valid, ParticipantDetails: {}, AllowedCapabilities: { Customer: { Video: 'x' } } }), target)).toEqual({ kind: 'ambiguous' });
    expect(exercisedBy(body({ ...valid, InstanceId: 'other', ParticipantDetails: {} }), target)).toEqual({ kind: 'ambiguous' });
  });

  it('an unknown instance or flow alone is resource-not-found', () => {
    const exercised = exercisedBy(body({ ...valid, ContactFlowId: 'another-flow' }), target);
    expect(exercised.kind === 'condition' && exercised.condition).toBe('resource-not-found');
  });

  it('a body that does not parse is its deserialization condition', () => {
    const exercised = exercisedBy('{"InstanceId": ', target);
    expect(exercised).toMatchObject({ kind: 'condition', condition: 'malformed-json', violations: [], request: undefined });
  });
});
