import { describe, expect, it } from 'vitest';
import { profileFromJson } from '../../contract/index.ts';
import { checkMergeable, mergeObserved, ObservedFileError, summaryLines } from './observed-profile.ts';
import { evidenceOf, type ConditionEvidence, type ObservedAnswer } from './recorder.ts';

const where = { endpoint: 'https://connect.eu-west-2.amazonaws.com', region: 'eu-west-2' };
const answer = (error: string | null, message: string | null, cases: number, status = error === null ? 200 : 400): ObservedAnswer => ({ status, error, message, cases });
const seen = (answers: ObservedAnswer[], firstSeen = '2026-01-01T00:00:00.000Z', lastSeen = '2026-01-01T01:00:00.000Z'): ConditionEvidence =>
  evidenceOf({ answers, firstSeen, lastSeen, ...where });

describe('mergeObserved', () => {
  it('writes an observed entry per agreed condition, evidence for each, and loads back as a profile', () => {
    const { profile, summary } = mergeObserved(undefined, {
      required: seen([answer('ValidationException', "Value at '{path}' must not be null", 3)]),
      'attribute-byte-budget': seen([answer(null, null, 2)]),
      pattern: seen([answer('ValidationException', 'a', 1), answer('InvalidParameterException', 'b', 2)]),
    });
    expect(profile.entries).toEqual({ required: { error: 'ValidationException', status: 400, message: "Value at '{path}' must not be null", allowed: ['ValidationException'], source: 'observed' } });
    expect(profile.disagreements).toEqual({ pattern: { answers: [answer('InvalidParameterException', 'b', 2), answer('ValidationException', 'a', 1)] } });
    expect(profile.evidence).toMatchObject({ required: { cases: 3, agreed: true }, 'attribute-byte-budget': { cases: 2, agreed: true, accepted: true }, pattern: { cases: 3, agreed: false } });
    expect(summary).toMatchObject({ agreed: ['required'], accepted: [{ condition: 'attribute-byte-budget', cases: 2 }], disagreed: [{ condition: 'pattern', conflict: false }] });
    expect(profileFromJson(profile).entries.required.error).toBe('ValidationException');
    const lines = summaryLines(summary, 'observed.json');
    expect(lines).toMatch(/^Observed 3 conditions \(1 agreed, 1 disagreed, 1 accepted\) → observed\.json\n/);
    expect(lines).toContain('  disagreed: pattern: 400 InvalidParameterException "b" ×2; 400 ValidationException "a" ×1');
    expect(lines).toContain('  accepted: attribute-byte-budget');
  });

  it('adds counts up over runs, keeps first seen, moves last seen, and leaves other conditions and keys alone', () => {
    const first = mergeObserved(undefined, { required: seen([answer('X', 'm', 2)]), enum: seen([answer('Y', 'e', 1)]) }).profile;
    const withMore = { ...first, limits: { nestingDepth: 64 }, entries: { ...(first.entries as object), 'contact-not-found': { error: 'ResourceNotFoundException', source: 'documented' } } };
    const { profile, summary } = mergeObserved(withMore, { required: seen([answer('X', 'm', 5)], '2026-02-01T00:00:00.000Z', '2026-02-01T01:00:00.000Z') });
    expect(profile.evidence).toMatchObject({ required: { cases: 7, agreed: true, firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-02-01T01:00:00.000Z' } });
    expect((profile.evidence as Record<string, unknown>).enum).toEqual((first.evidence as Record<string, unknown>).enum);
    expect((profile.entries as Record<string, unknown>).enum).toEqual((first.entries as Record<string, unknown>).enum);
    expect((profile.entries as Record<string, unknown>)['contact-not-found']).toEqual({ error: 'ResourceNotFoundException', source: 'documented' });
    expect(profile.limits).toEqual({ nestingDepth: 64 });
    expect(summary.observed).toEqual(['required']);
  });

  it('turns a conflict with what the file held into a disagreement, and drops the entry', () => {
    const first = mergeObserved(undefined, { required: seen([answer('X', 'm', 2)]) }).profile;
    const { profile, summary } = mergeObserved(first, { required: seen([answer('Z', 'm', 1)]) });
    expect((profile.entries as Record<string, unknown>).required).toBeUndefined();
    expect(profile.disagreements).toEqual({ required: { answers: [answer('X', 'm', 2), answer('Z', 'm', 1)] } });
    expect(summary.disagreed).toEqual([{ condition: 'required', answers: [answer('X', 'm', 2), answer('Z', 'm', 1)], conflict: true }]);
    expect(summaryLines(summary, 'f')).toContain('disagreed: required (differs from what the file held)');
    // Observed the first way again later: still a disagreement, the counts only grow.
    const again = mergeObserved(profile, { required: seen([answer('X', 'm', 1)]) }).profile;
    expect(again.disagreements).toEqual({ required: { answers: [answer('X', 'm', 3), answer('Z', 'm', 1)] } });
  });

  it('compares a hand-written entry without evidence with what is observed', () => {
    const handWritten = { entries: { required: { error: 'InvalidParameterException', message: 'Missing {path}' } } };
    const same = mergeObserved(handWritten, { required: seen([answer('InvalidParameterException', 'Missing {path}', 4)]) });
    expect(same.summary.agreed).toEqual(['required']);
    expect((same.profile.entries as Record<string, { source: string }>).required!.source).toBe('observed');
    const other = mergeObserved(handWritten, { required: seen([answer('ValidationException', 'Missing {path}', 4)]) });
    expect(other.summary.disagreed).toMatchObject([{ condition: 'required', conflict: true }]);
  });

  it('refuses a file it cannot merge into, naming the key', () => {
    expect(() => checkMergeable([])).toThrow(ObservedFileError);
    expect(() => checkMergeable({ evidence: { required: { answers: 'no' } } })).toThrow(/evidence\.required/);
    expect(() => checkMergeable({ entries: { 'no-such-condition': {} } })).toThrow(/no-such-condition/);
  });
});
