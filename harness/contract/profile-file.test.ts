// A profile file (observed on the real service) merges over the defaults; anything unexpected is
// refused with a ProfileError naming the offending key, since a silently ignored typo would change
// what "conforms" means.
import { describe, expect, test } from 'vitest';
import { profileFromJson, ProfileError } from './profile-file.ts';
import { allConditions, defaultProfile } from './profile.ts';
import { errorCatalogue } from './errors.ts';
import { maxNestingDepth } from './limits.ts';

function refusal(json: unknown): ProfileError {
  try {
    profileFromJson(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return e as ProfileError;
  }
  throw new Error('test: the profile was accepted');
}

describe('profileFromJson merges a file over the defaults', () => {
  test('an empty file is the default profile', () => {
    const profile = profileFromJson({});
    expect(profile.entries).toEqual(defaultProfile.entries);
    expect(typeof profile.name).toBe('string');
    expect(profileFromJson({ entries: {} }).entries).toEqual(defaultProfile.entries);
  });

  test('name and description are kept', () => {
    const profile = profileFromJson({ name: 'eu-west-2 2026-01', description: 'observed', entries: {} });
    expect(profile.name).toBe('eu-west-2 2026-01');
    expect(profile.description).toBe('observed');
  });

  test('a partial entry keeps the default fields it does not give; the others stay untouched', () => {
    const profile = profileFromJson({ entries: { length: { error: 'InvalidRequestException' } } });
    const entry = profile.entries.length;
    expect(entry.error).toBe('InvalidRequestException');
    expect(entry.status).toBe(errorCatalogue.InvalidRequestException.status);
    expect(entry.message).toBe(defaultProfile.entries.length.message);
    expect(entry.allowed).toContain('InvalidRequestException');
    expect(entry.source).toBe('observed');
    for (const condition of allConditions) {
      if (condition !== 'length') expect(profile.entries[condition]).toEqual(defaultProfile.entries[condition]);
    }
  });

  for (const name of Object.keys(errorCatalogue) as (keyof typeof errorCatalogue)[]) {
    test(`the status of ${name} comes from the catalogue`, () => {
      const entry = profileFromJson({ entries: { 'rate-throttle': { error: name } } }).entries['rate-throttle'];
      expect(entry.status).toBe(errorCatalogue[name].status);
      expect(entry.allowed).toContain(name);
    });
  }

  test('an explicit status is kept; a message alone keeps the default error and status', () => {
    expect(profileFromJson({ entries: { 'rate-throttle': { error: 'TooManyRequestsException', status: 400 } } }).entries['rate-throttle'].status).toBe(400);
    const entry = profileFromJson({ entries: { enum: { message: 'custom {path}' } } }).entries.enum;
    expect(entry).toMatchObject({ error: defaultProfile.entries.enum.error, status: defaultProfile.entries.enum.status, message: 'custom {path}' });
  });

  test('an uncatalogued error is accepted with a status', () => {
    const entry = profileFromJson({ entries: { 'rate-throttle': { error: 'SlowDownException', status: 503, source: 'observed' } } }).entries['rate-throttle'];
    expect(entry).toMatchObject({ error: 'SlowDownException', status: 503, source: 'observed' });
    expect(entry.allowed).toContain('SlowDownException');
  });

  test('allowed is taken from the file and always includes the error', () => {
    const entry = profileFromJson({ entries: { type: { error: 'InvalidRequestException', allowed: ['SerializationException'] } } }).entries.type;
    expect([...entry.allowed].sort()).toEqual(['InvalidRequestException', 'SerializationException']);
  });
});

describe('limits: the assumed bounds a profile sets or switches off', () => {
  test('absent: the defaults of limits.ts', () => {
    expect(defaultProfile.limits).toEqual({ nestingDepth: maxNestingDepth });
    expect(profileFromJson({}).limits).toEqual({ nestingDepth: maxNestingDepth });
    expect(profileFromJson({ limits: {} }).limits).toEqual({ nestingDepth: maxNestingDepth });
  });

  test('a positive integer replaces the bound; null switches it off', () => {
    expect(profileFromJson({ limits: { nestingDepth: 64 } }).limits).toEqual({ nestingDepth: 64 });
    expect(profileFromJson({ limits: { nestingDepth: 1 } }).limits).toEqual({ nestingDepth: 1 });
    expect(profileFromJson(JSON.parse('{"limits": {"nestingDepth": null}}')).limits).toEqual({ nestingDepth: null });
  });

  test('limits leave the entries alone, and entries the limits', () => {
    expect(profileFromJson({ limits: { nestingDepth: null } }).entries).toEqual(defaultProfile.entries);
    expect(profileFromJson({ entries: { 'nesting-depth': { error: 'InvalidRequestException' } } }).limits).toEqual(defaultProfile.limits);
  });

  const refused: readonly (readonly [string, unknown, RegExp])[] = [
    ['limits that are null', { limits: null }, /^limits: expected an object/],
    ['limits that are a number', { limits: 64 }, /^limits: expected an object/],
    ['limits that are a list', { limits: [64] }, /^limits: expected an object/],
    ['an unknown limit', { limits: { maxNestingDepth: 64 } }, /^limits\.maxNestingDepth: unknown limit \(known: nestingDepth\)/],
    ['a limit named after Object.prototype', JSON.parse('{"limits": {"__proto__": 1}}'), /^limits\.__proto__: unknown limit/],
    ['nestingDepth 0', { limits: { nestingDepth: 0 } }, /^limits\.nestingDepth: expected a positive integer, or null/],
    ['a negative nestingDepth', { limits: { nestingDepth: -3 } }, /^limits\.nestingDepth: expected a positive integer/],
    ['a fractional nestingDepth', { limits: { nestingDepth: 32.5 } }, /^limits\.nestingDepth: expected a positive integer/],
    ['nestingDepth as a string', { limits: { nestingDepth: '64' } }, /^limits\.nestingDepth: expected a positive integer/],
    ['nestingDepth false', { limits: { nestingDepth: false } }, /^limits\.nestingDepth: expected a positive integer/],
    ['nestingDepth beyond a safe integer', { limits: { nestingDepth: 2 ** 60 } }, /^limits\.nestingDepth: expected a positive integer/],
  ];
  for (const [what, json, message] of refused) {
    test(`refused: ${what}`, () => {
      expect(refusal(json).message).toMatch(message);
    });
  }
});

describe('evidence and disagreements (written by conformance --observe) are kept, not interpreted', () => {
  const evidence = { length: { samples: 3, answered: { InvalidParameterException: 3 }, lastSeen: '2026-01-01T00:00:00Z' }, 'not-a-condition': [1, null, 'x'] };
  const disagreements = { 'rate-throttle': { profile: 'LimitExceededException', observed: 'ThrottlingException' } };

  test('both are carried as they are', () => {
    const profile = profileFromJson({ name: 'observed', entries: { length: { error: 'InvalidParameterException' } }, evidence, disagreements });
    expect(profile.evidence).toEqual(evidence);
    expect(profile.disagreements).toEqual(disagreements);
    expect(profile.entries.length.error).toBe('InvalidParameterException');
  });

  test('empty objects are kept; absent ones stay absent', () => {
    expect(profileFromJson({ evidence: {}, disagreements: {} })).toMatchObject({ evidence: {}, disagreements: {} });
    const plain = profileFromJson({});
    expect('evidence' in plain).toBe(false);
    expect('disagreements' in plain).toBe(false);
  });

  test('a profile written with them reads back the same (JSON round trip)', () => {
    const profile = profileFromJson({ name: 'observed', description: 'd', limits: { nestingDepth: null }, evidence, disagreements });
    expect(profileFromJson(JSON.parse(JSON.stringify(profile)))).toEqual(profile);
  });

  for (const key of ['evidence', 'disagreements']) {
    for (const value of [null, [], 'x', 3]) {
      test(`refused: ${key} ${JSON.stringify(value)}`, () => {
        expect(refusal({ [key]: value }).message).toBe(`${key}: expected an object`);
      });
    }
  }
});

describe('profileFromJson refuses, naming the key', () => {
  const cases: readonly (readonly [string, unknown, string])[] = [
    ['an unknown condition', { entries: { 'no-such-condition': { error: 'InvalidRequestException' } } }, 'no-such-condition'],
    ['a condition named after Object.prototype', JSON.parse('{"entries": {"__proto__": {}}}'), '__proto__'],
    ['a condition named toString', { entries: { toString: {} } }, 'toString'],
    ['an unknown entry field', { entries: { length: { error: 'InvalidRequestException', statuss: 400 } } }, 'statuss'],
    ['an unknown top-level field', { name: 'x', entry: {} }, 'entry'],
    ['a status below 400', { entries: { length: { status: 399 } } }, 'status'],
    ['a status above 599', { entries: { length: { status: 600 } } }, 'status'],
    ['a status as a string', { entries: { length: { status: '400' } } }, 'status'],
    ['a fractional status', { entries: { length: { status: 400.5 } } }, 'status'],
    ['an uncatalogued error without status', { entries: { length: { error: 'SlowDownException' } } }, 'status'],
    ['an empty error name', { entries: { length: { error: '' } } }, 'error'],
    ['an error name that is not a string', { entries: { length: { error: 400 } } }, 'error'],
    ['a message that is not a string', { entries: { length: { message: ['x'] } } }, 'message'],
    ['allowed that is not a list of names', { entries: { length: { allowed: 'InvalidRequestException' } } }, 'allowed'],
    ['allowed holding a non-string', { entries: { length: { allowed: [1] } } }, 'allowed'],
    ['an unknown source', { entries: { length: { source: 'guessed' } } }, 'source'],
    ['an entry that is not an object', { entries: { length: 'InvalidRequestException' } }, 'length'],
    ['entries that are not an object', { entries: ['length'] }, 'entries'],
  ];
  for (const [what, json, key] of cases) {
    test(what, () => {
      expect(refusal(json).message).toContain(key);
    });
  }

  for (const json of [null, [], 'profile', 42]) {
    test(`a file that is not an object: ${JSON.stringify(json)}`, () => {
      expect(refusal(json).name).toBe('ProfileError');
    });
  }

  test('the uncatalogued error is named when its status is missing', () => {
    expect(refusal({ entries: { length: { error: 'SlowDownException' } } }).message).toContain('SlowDownException');
  });
});
