// The coverage phase's list: deterministic, every case what its tag says, every tag class of the
// random generator at every site it reaches, and the near misses it exists for. Measures here use
// TextEncoder and string iteration, not the contract's Unicode helpers.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { documentedRules, hasOwn, isObject, pathTokens, validate } from '../../harness/contract/index.ts';
import { invalidClasses } from '../mutations/invalidClasses.ts';
import { minimalValid } from '../internal/minimalValid.ts';
import type { InvalidCase, JsonObject, RequestOptions } from '../arbitraries/index.ts';
import { coverageCases, coverageCount, coverageFamilies } from './index.ts';

const { A1, A2, R1, R2 } = documentedRules;
const encoder = new TextEncoder();
const bytes = (s: string): number => encoder.encode(s).byteLength;
const codePoints = (s: string): number => [...s].length;
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const holds = (request: unknown, c: InvalidCase): boolean => validate(request).some((v) => v.rule === c.tag.rule && v.path === c.tag.path);
/** The UTF-8 widths of the characters in `s`. */
const widths = (s: string): Set<number> => new Set([...s].map(bytes));
/** The value a JSON Pointer names in `request`. */
const at = (request: unknown, path: string): unknown =>
  pathTokens(path).reduce<unknown>((node, t) => (isObject(node) && hasOwn(node, t) ? node[t] : Array.isArray(node) ? node[Number(t)] : undefined), request);
/** Keys plus string values (or a Reference's Value) in bytes: the budgets' measure. */
const budgetOf = (map: unknown): number =>
  isObject(map)
    ? Object.entries(map).reduce((n, [k, v]) => n + bytes(k) + (typeof v === 'string' ? bytes(v) : isObject(v) && typeof v.Value === 'string' ? bytes(v.Value) : 0), 0)
    : -1;
const siteOf = (c: InvalidCase): string => c.tag.note.split(': ')[0] ?? '';

const withSegments = coverageCases();
const withoutSegments = coverageCases({ segmentAttributes: false, instanceId: 'instance-a', contactFlowId: ['flow-1', 'flow-2'] });
const OPTIONS: readonly (readonly [string, RequestOptions, ReturnType<typeof coverageCases>])[] = [
  ['default options', {}, withSegments],
  ['fixed ids, no SegmentAttributes', { segmentAttributes: false, instanceId: 'instance-a', contactFlowId: ['flow-1', 'flow-2'] }, withoutSegments],
];

/** The sites each tag class's own random generator reaches, over a minimal base, at a fixed seed (its notes start with the site id). */
function generatorSites(options: RequestOptions): Map<string, Set<string>> {
  const base = fc.constant(minimalValid('StartWebRTCContactRequest') as never);
  const out = new Map<string, Set<string>>();
  for (const cls of invalidClasses()) {
    const arbitrary = cls.build(base, options);
    if (arbitrary) out.set(cls.class, new Set(fc.sample(arbitrary, { seed: 1, numRuns: 200 }).map(siteOf)));
  }
  return out;
}

function coverageSites(cases: readonly InvalidCase[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of cases) out.set(c.tag.class, (out.get(c.tag.class) ?? new Set()).add(siteOf(c)));
  return out;
}

const sorted = (m: Map<string, Set<string>>): Record<string, string[]> => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]).sort());

describe('coverageCases is deterministic', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the same cases in the same order at every call', () => {
    expect(coverageCases()).toEqual(withSegments);
    expect(coverageCases({ segmentAttributes: false, instanceId: 'instance-a', contactFlowId: ['flow-1', 'flow-2'] })).toEqual(withoutSegments);
  });

  it('never draws a random number', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    expect(coverageCount()).toBe(withSegments.valid.length + withSegments.invalid.length);
  });

  it('changes only the ids when the fixed ids change', () => {
    const a = coverageCases({ instanceId: 'instance-a', contactFlowId: 'flow-a' });
    const b = coverageCases({ instanceId: 'instance-b', contactFlowId: 'flow-b' });
    const renamed = (value: unknown): string => JSON.stringify(value, (k, v: unknown) => (k === 'InstanceId' && v === 'instance-b' ? 'instance-a' : k === 'ContactFlowId' && v === 'flow-b' ? 'flow-a' : v));
    expect(b.valid.length).toBe(a.valid.length);
    expect(b.invalid.length).toBe(a.invalid.length);
    expect(b.valid.map(renamed)).toEqual(a.valid.map((r) => JSON.stringify(r)));
    expect(b.invalid.map(renamed)).toEqual(a.invalid.map((c) => JSON.stringify(c)));
    expect(a.valid.every((r) => r.InstanceId === 'instance-a' && r.ContactFlowId === 'flow-a')).toBe(true);
  });

  it('refuses ids that break their shapes', () => {
    expect(() => coverageCases({ instanceId: '' })).toThrow(RangeError);
    expect(() => coverageCases({ contactFlowId: [] })).toThrow(RangeError);
  });
});

describe.each(OPTIONS)('with %s', (_, options, cases) => {
  it('every valid case validates clean, also after a JSON round-trip', () => {
    const dirty = cases.valid.filter((r) => validate(r).length > 0 || validate(viaJson(r)).length > 0);
    expect(dirty.map((r) => validate(r))).toEqual([]);
  });

  it('every invalid case breaks its tagged rule at its tagged path, also after a JSON round-trip', () => {
    const broken = cases.invalid.filter((c) => !holds(c.request, c) || !holds(viaJson(c.request), c));
    expect(broken.map((c) => c.tag)).toEqual([]);
  });

  it('tags with the random generator\'s class ids and rules, and needs no fallback', () => {
    const rules = new Map(invalidClasses().map((c) => [c.class, c.rule]));
    expect(cases.invalid.filter((c) => rules.get(c.tag.class) !== c.tag.rule).map((c) => c.tag)).toEqual([]);
    expect(coverageFamilies(options).map((f) => f.name)).not.toContain('from-generator');
  });

  it('puts every tag class at every site its own generator reaches, and nowhere else', () => {
    expect(sorted(coverageSites(cases.invalid))).toEqual(sorted(generatorSites(options)));
  });

  it('has every tag class of the random generator, bar those needing what the options leave out', () => {
    const classes = new Set(cases.invalid.map((c) => c.tag.class));
    const absent = invalidClasses().filter((c) => !classes.has(c.class));
    if (options.segmentAttributes === false) expect(absent.every((c) => c.members.every((m) => m === 'SegmentAttributes'))).toBe(true);
    else expect(absent.map((c) => c.class)).toEqual([]);
  });

  it('lists no valid request twice, keeps to the fixed ids, and stays within a few hundred to 2 000 cases', () => {
    expect(new Set(cases.valid.map((r) => JSON.stringify(r))).size).toBe(cases.valid.length);
    if (options.instanceId !== undefined) expect(cases.valid.every((r) => r.InstanceId === options.instanceId)).toBe(true);
    if (options.segmentAttributes === false) expect([...cases.valid, ...cases.invalid.map((c) => c.request)].some((r) => hasOwn(r, 'SegmentAttributes'))).toBe(false);
    expect(cases.valid.length + cases.invalid.length).toBeGreaterThan(300);
    expect(cases.valid.length + cases.invalid.length).toBeLessThan(2000);
  });
});

describe('the near misses a random run meets only at some seeds', () => {
  const { valid, invalid } = withSegments;
  const attributeKeys = (rule: string): string[] =>
    invalid.filter((c) => c.tag.rule === rule).flatMap((c) => (isObject(c.request.Attributes) ? Object.keys(c.request.Attributes) : []));

  it.each(['.', ':', 'é', ' ', '\u0000', '/', '~', '\u007f', '@', '[', '`', '{', '😀'])('an attribute key holding %j', (char) => {
    expect(attributeKeys(A2.rule).some((k) => k.includes(char))).toBe(true);
  });

  it('every ASCII character outside [A-Za-z0-9_-] in an attribute key, each its own case', () => {
    const keys = attributeKeys(A2.rule);
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).filter((c) => !/[A-Za-z0-9_-]/.test(c));
    expect(ascii.filter((c) => !keys.includes(`a${c}b`))).toEqual([]);
  });

  it.each(['Customer', 'Agent'].flatMap((p) => ['Video', 'ScreenShare'].map((m) => `${p}.${m}`)))('"send", " SEND" and "SEND " for AllowedCapabilities.%s', (member) => {
    const sent = (how: string): unknown[] => invalid.filter((c) => c.tag.class === `enum/AllowedCapabilities.${member}/${how}`).map((c) => at(c.request, c.tag.path));
    expect(sent('wrong-case')).toContain('send');
    expect(sent('wrong-value')).toEqual(expect.arrayContaining([' SEND', 'SEND ', '']));
  });

  it('each reference type R1 refuses is invalid, each it allows is valid', () => {
    expect(invalid.some((c) => c.tag.class === `${R1.rule}/ATTACHMENT` && at(c.request, c.tag.path) === 'ATTACHMENT')).toBe(true);
    const validTypes = new Set(valid.flatMap((r) => Object.values(r.References ?? {}).map((ref) => ref.Type)));
    expect([...validTypes].sort()).toEqual([...R1.allowedTypes].sort());
    expect(valid.some((r) => Object.values(r.References ?? {}).some((ref) => ref.Type === 'DATE' && ref.Value === '1'.padStart(13, '0')))).toBe(true);
  });

  it('DATE values one digit too many, signed, with a decimal point, empty and lettered are invalid', () => {
    const dates = invalid.filter((c) => c.tag.rule === 'date-reference-value').map((c) => at(c.request, c.tag.path));
    expect(dates).toEqual(expect.arrayContaining(['10000000000000', '-1700000000', '1700000000.5', '', '17000000a0']));
  });

  it.each([1, 2, 3, 4])('the attribute and reference budgets at the limit (valid) and one byte over (invalid) in %i-byte characters', (width) => {
    const wide = (map: unknown): boolean => isObject(map) && Object.values(map).some((v) => widths(typeof v === 'string' ? v : isObject(v) && typeof v.Value === 'string' ? v.Value : '').has(width));
    for (const { rule, member, limitBytes } of [A1, R2]) {
      expect(valid.some((r) => budgetOf(r[member]) === limitBytes && wide(r[member]))).toBe(true);
      expect(invalid.some((c) => c.tag.class === `${rule}/limit+1` && budgetOf(c.request[member]) === limitBytes + 1 && wide(c.request[member]))).toBe(true);
    }
  });

  it('DisplayName one code point past its maximum in 4-byte characters, and at its maximum valid', () => {
    const names = (cs: readonly JsonObject[]): string[] => cs.flatMap((r) => (isObject(r.ParticipantDetails) && typeof r.ParticipantDetails.DisplayName === 'string' ? [r.ParticipantDetails.DisplayName] : []));
    const over = names(invalid.filter((c) => c.tag.class === 'length/ParticipantDetails.DisplayName/max+1').map((c) => c.request));
    expect(over.some((s) => codePoints(s) === 257 && [...widths(s)].join() === '4')).toBe(true);
    expect(names(valid).some((s) => codePoints(s) === 256 && [...widths(s)].join() === '4')).toBe(true);
  });
});
