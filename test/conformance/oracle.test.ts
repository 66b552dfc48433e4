// The oracle (expectedOutcome): what a conforming target must answer to a body as it went over the
// wire. Valid bodies are accepted; unknown ids get ResourceNotFoundException; bodies that are not
// JSON or not UTF-8 get the SerializationException family; each rule broken allows exactly the
// names its fidelity-profile entry lists; and a profile file changes what is allowed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../harness/cli/load-profile.ts';
import { expectedOutcome, type Expected } from '../../harness/conformance/expected-outcome.ts';
import { allRules, defaultProfile, profileFromJson, validate, type Condition, type FidelityProfile, type Rule } from '../../harness/contract/index.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID } from '../../harness/contract/defaults.ts';
import { invalidRequest } from '../../properties/arbitraries/index.ts';

const target = { instanceId: DEFAULT_INSTANCE_ID, contactFlowId: DEFAULT_CONTACT_FLOW_ID };
const valid = { InstanceId: DEFAULT_INSTANCE_ID, ContactFlowId: DEFAULT_CONTACT_FLOW_ID, ParticipantDetails: { DisplayName: 'Caller' } };
const body = (request: unknown) => JSON.stringify(request);
const expect_ = (wire: string | Uint8Array, profile: FidelityProfile = defaultProfile) => expectedOutcome(wire, profile, target);

function rejected(outcome: Expected): { rules: readonly string[]; allowed: readonly string[] } {
  if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, the oracle says ${outcome.kind}`);
  return outcome;
}

const serializationFamily = defaultProfile.entries['malformed-json'].allowed;

describe('valid bodies', () => {
  it('a minimal valid request is accepted', () => {
    expect(expect_(body(valid))).toEqual({ kind: 'accepted' });
  });

  it('a request with every optional member, astral characters and a "__proto__" attribute key is accepted', () => {
    const wire = `{"InstanceId":"${DEFAULT_INSTANCE_ID}","ContactFlowId":"${DEFAULT_CONTACT_FLOW_ID}","ParticipantDetails":{"DisplayName":"😀"},` +
      '"Attributes":{"__proto__":"x","constructor":"😀"},"ClientToken":"t","AllowedCapabilities":{"Customer":{},"Agent":{"Video":"SEND"}},' +
      '"RelatedContactId":"r","References":{"k":{"Type":"URL","Value":"https://example.com"}},"Description":"d"}';
    expect(validate(JSON.parse(wire))).toEqual([]);
    expect(expect_(wire)).toEqual({ kind: 'accepted' });
  });

  it('the same body as bytes gets the same verdict', () => {
    expect(expect_(Buffer.from(body(valid)))).toEqual({ kind: 'accepted' });
  });

  it('key order does not matter', () => {
    const { ParticipantDetails, ContactFlowId, InstanceId } = valid;
    expect(expect_(body({ ParticipantDetails, ContactFlowId, InstanceId }))).toEqual({ kind: 'accepted' });
  });
});

describe('unknown resources', () => {
  it.each([
    ['an unknown instance', { ...valid, InstanceId: '99999999-2222-4333-8444-555555555555' }],
    ['an unknown flow', { ...valid, ContactFlowId: '99999999-bbbb-4ccc-8ddd-eeeeeeeeeeee' }],
    ['the model-legal empty flow id', { ...valid, ContactFlowId: '' }],
  ])('%s is rejected with ResourceNotFoundException allowed, and only that', (_name, request) => {
    expect(validate(request)).toEqual([]);
    // Refusing an unknown resource is modeled (ResourceNotFoundException); its name in the default profile is assumed.
    expect(expect_(body(request))).toEqual({ kind: 'rejected', rules: ['resource-not-found'], allowed: ['ResourceNotFoundException'], refusal: 'modeled', naming: 'assumed' });
  });

  it('an invalid request naming an unknown instance may get the constraint error or ResourceNotFoundException', () => {
    const outcome = rejected(expect_(body({ ...valid, InstanceId: 'unknown', ParticipantDetails: { DisplayName: '' } })));
    expect(outcome.rules).toEqual(['length']);
    expect(outcome.allowed).toEqual(expect.arrayContaining(['ResourceNotFoundException', ...defaultProfile.entries.length.allowed]));
  });
});

describe('bodies that are not JSON, or not UTF-8, get the SerializationException family', () => {
  it('the family is SerializationException and the two constraint errors', () => {
    expect(serializationFamily).toContain('SerializationException');
    expect(defaultProfile.entries['invalid-utf8'].allowed).toContain('SerializationException');
  });

  it.each([
    ['truncated JSON', '{"InstanceId":'],
    ['not JSON at all', 'InstanceId=1'],
    ['a trailing comma', `{"InstanceId":"${DEFAULT_INSTANCE_ID}",}`],
    ['single quotes', "{'InstanceId':'x'}"],
    ['a duplicate key (which one would a service use?)', `{"InstanceId":"x","InstanceId":"${DEFAULT_INSTANCE_ID}","ContactFlowId":"${DEFAULT_CONTACT_FLOW_ID}","ParticipantDetails":{"DisplayName":"a"}}`],
  ])('%s: malformed-json', (_name, wire) => {
    const outcome = rejected(expect_(wire));
    expect(outcome.rules).toEqual(['malformed-json']);
    expect(outcome.allowed).toEqual(defaultProfile.entries['malformed-json'].allowed);
    expect(outcome.allowed).toContain('SerializationException');
  });

  const json = Buffer.from(body(valid));
  const displayNameAt = json.indexOf('Caller');
  const withBytes = (bytes: readonly number[]) => Buffer.concat([json.subarray(0, displayNameAt), Buffer.from(bytes), json.subarray(displayNameAt)]);
  it.each([
    ['a stray continuation byte', [0x80]],
    ['0xFF', [0xff]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['a UTF-8-encoded lone surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['a truncated 4-byte sequence', [0xf0, 0x9f, 0x98]],
  ])('invalid UTF-8 bytes, %s: invalid-utf8', (_name, bytes) => {
    const outcome = rejected(expect_(withBytes(bytes)));
    expect(outcome.rules).toEqual(['invalid-utf8']);
    expect(outcome.allowed).toContain('SerializationException');
  });

  it('valid multi-byte UTF-8 at the same place is accepted (the test above breaks only the encoding)', () => {
    expect(expect_(withBytes([0xf0, 0x9f, 0x98, 0x80]))).toEqual({ kind: 'accepted' });
  });

  it.each([['an array', '[]'], ['null', 'null'], ['a string', '"x"'], ['a number', '42']])('%s instead of an object: a type violation', (_name, wire) => {
    const outcome = rejected(expect_(wire));
    expect(outcome.rules).toEqual(['type']);
    expect(outcome.allowed).toContain('SerializationException');
  });

  it('an escaped lone surrogate parses, then breaks well-formed-unicode', () => {
    const outcome = rejected(expect_(body(valid).replace('Caller', '\\ud800')));
    expect(outcome.rules).toEqual(['well-formed-unicode']);
    expect(outcome.allowed).toContain('SerializationException');
  });

  it('an empty body is an empty structure: the required members are missing', () => {
    expect(rejected(expect_('')).rules).toEqual(['required']);
  });
});

describe('each rule allows what its profile entry lists', () => {
  // A profile whose every rule has an error name of its own, so the allowed list shows which
  // entries the oracle consulted.
  const nameOf = (rule: Rule) => `Rule${rule.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}Exception`;
  const summaryName = 'SummaryException';
  const distinct = profileFromJson({
    name: 'one name per rule',
    entries: {
      ...Object.fromEntries(allRules.map((rule) => [rule, { error: nameOf(rule), status: 400, allowed: [] }])),
      'validation-summary': { error: summaryName, status: 400, allowed: [] },
    },
  });
  const someNames = new Set([...allRules.map(nameOf)]);

  it('the profile gives each rule its own name', () => {
    for (const rule of allRules) expect(distinct.entries[rule].allowed).toEqual([nameOf(rule)]);
  });

  it.each(allRules.map((rule) => [rule]))('%s', (rule) => {
    const cases = fc.sample(invalidRequest({ ...target, rules: [rule] }), { numRuns: 25, seed: 4242 });
    for (const { request, tag } of cases) {
      const wire = body(request);
      const outcome = rejected(expect_(wire, distinct));
      const broken = [...new Set(validate(JSON.parse(wire)).map((v) => v.rule))];
      expect(outcome.rules, tag.class).toContain(tag.rule);
      expect([...outcome.rules].sort(), tag.class).toEqual(broken.sort());
      // Allowed: the entry of every rule broken (and the summary), and no other rule's name.
      const ruleNames = outcome.allowed.filter((name) => someNames.has(name));
      expect(ruleNames.sort(), tag.class).toEqual(broken.map((r) => nameOf(r as Rule)).sort());
      expect(outcome.allowed, tag.class).toContain(summaryName);
      // Under the default profile, the rule's own allowed names are all allowed.
      const byDefault = rejected(expect_(wire));
      expect(byDefault.allowed, tag.class).toEqual(expect.arrayContaining([...defaultProfile.entries[rule as Condition].allowed]));
    }
  });
});

describe('a profile file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oracle-profile-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, json: unknown) => {
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(json));
    return file;
  };
  const tooLong = body({ ...valid, ParticipantDetails: { DisplayName: 'x'.repeat(257) } });
  const unknownInstance = body({ ...valid, InstanceId: '99999999-2222-4333-8444-555555555555' });

  it('adds an error name observed for a rule', async () => {
    expect(rejected(expect_(tooLong)).allowed).not.toContain('ValidationException');
    const profile = await loadProfile(await write('length.json', { name: 'observed', entries: { length: { error: 'ValidationException', status: 400, allowed: ['ValidationException'] } } }));
    expect(profile.name).toBe('observed');
    const outcome = rejected(expect_(tooLong, profile));
    expect(outcome.rules).toEqual(['length']);
    expect(outcome.allowed).toContain('ValidationException');
  });

  it('replaces the names allowed for an unknown resource', async () => {
    const profile = await loadProfile(await write('rnf.json', { entries: { 'resource-not-found': { error: 'NotFoundException', status: 404, allowed: [] } } }));
    expect(rejected(expect_(unknownInstance, profile)).allowed).toEqual(['NotFoundException']);
    expect(rejected(expect_(unknownInstance)).allowed).toEqual(['ResourceNotFoundException']);
  });

  it('narrows what a constraint violation may get when the rule and the summary are both given', async () => {
    const only = { error: 'InvalidRequestException', allowed: ['InvalidRequestException'] };
    const profile = await loadProfile(await write('narrow.json', { entries: { length: only, 'validation-summary': only } }));
    expect(rejected(expect_(tooLong, profile)).allowed).toEqual(['InvalidRequestException']);
    expect(rejected(expect_(tooLong)).allowed).toEqual(expect.arrayContaining(['InvalidParameterException', 'InvalidRequestException']));
  });

  it('changes the serialization family', async () => {
    const profile = await loadProfile(await write('serial.json', { entries: { 'malformed-json': { error: 'SerializationException', allowed: [] } } }));
    expect(rejected(expect_('{', profile)).allowed).toEqual(['SerializationException']);
  });

  it('with a typo is refused, not silently ignored', async () => {
    await expect(loadProfile(await write('typo.json', { entries: { lenght: { error: 'X' } } }))).rejects.toThrow(/lenght/);
  });
});
