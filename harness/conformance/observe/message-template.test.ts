import { describe, expect, it } from 'vitest';
import { memberPath, type Condition, type Violation } from '../../contract/index.ts';
import { messageTemplate, type TemplateInput } from './message-template.ts';

const ids = { InstanceId: '11111111-2222-4333-8444-555555555555', ContactFlowId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' };

function input(condition: Condition, violations: readonly Violation[], request: unknown = { ...ids, ParticipantDetails: { DisplayName: 'a' } }): TemplateInput {
  return { condition, violations, request, wireBody: JSON.stringify(request) };
}

const template = (message: string, i: TemplateInput) => {
  const t = messageTemplate(message, i);
  return t.ok ? t.template : `withheld: ${t.withheld}`;
};

const tooLong: Violation = { path: '/ParticipantDetails/DisplayName', rule: 'length', limit: 256, actual: 257 };
const empty: Violation = { path: '/ParticipantDetails/DisplayName', rule: 'length', limit: 1, actual: 0 };

describe('messageTemplate', () => {
  it("unwraps AWS's validation summary and templates path, relation and limit, in any case of the path", () => {
    const aws = "1 validation error detected: Value at 'participantDetails.displayName' failed to satisfy constraint: Member must have length less than or equal to 256";
    expect(template(aws, input('length', [tooLong]))).toBe("Value at '{path}' failed to satisfy constraint: Member must have length {relation} {limit}");
  });

  it('gives one template for the lower and the upper bound', () => {
    const high = "1 validation error detected: Value at 'ParticipantDetails.DisplayName' failed to satisfy constraint: Member must have length less than or equal to 256";
    const low = "1 validation error detected: Value at 'ParticipantDetails.DisplayName' failed to satisfy constraint: Member must have length greater than or equal to 1";
    expect(template(high, input('length', [tooLong]))).toBe(template(low, input('length', [empty])));
  });

  it('reduces a summary of like details to one, and withholds one of unlike details', () => {
    const a: Violation = { path: '/Attributes/k1', rule: 'length', limit: 32767, actual: 32768 };
    const b: Violation = { path: '/Attributes/k2', rule: 'length', limit: 32767, actual: 32768 };
    const like = "2 validation errors detected: Value at 'Attributes.k1' failed: length {x} 32767; Value at 'Attributes.k2' failed: length {x} 32767";
    expect(template(like, input('length', [a, b]))).toBe("Value at '{path}' failed: length {x} {limit}");
    const unlike = "2 validation errors detected: Value at 'Attributes.k1' is too long; Something else entirely";
    expect(template(unlike, input('length', [a, b]))).toBe('withheld: mixed');
  });

  it('templates quoted values, enum lists, type names and byte counts', () => {
    const enumV: Violation = { path: '/AllowedCapabilities/Customer/Video', rule: 'enum', limit: ['SEND'], actual: 'sideways' };
    expect(template("1 validation error detected: Value 'sideways' at 'allowedCapabilities.customer.video' failed to satisfy constraint: Member must satisfy enum value set: [SEND]", input('enum', [enumV])))
      .toBe("Value '{actual}' at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{limit}]");
    const typeV: Violation = { path: '/InstanceId', rule: 'type', limit: 'string', actual: 'integer outside 32 bits' };
    expect(template("Value at 'InstanceId' is of type integer outside 32 bits, expected string", input('type', [typeV]))).toBe("Value at '{path}' is of type {actual}, expected {limit}");
    const budget: Violation = { path: '/Attributes', rule: 'attribute-byte-budget', limit: 32768, actual: 40000 };
    expect(template('Too large: found 40000 bytes, at most 32768 allowed (UTF-8, HTTP/1.1)', input('attribute-byte-budget', [budget]))).toBe('Too large: found {actual} bytes, at most {limit} allowed (UTF-8, HTTP/1.1)');
  });

  it('turns ids into {id}, other numbers into {n}, and leaves placeholders whole', () => {
    const request = { InstanceId: 'not-a-uuid-instance', ContactFlowId: ids.ContactFlowId, ParticipantDetails: { DisplayName: 'a' }, Attributes: { path: 'x' } };
    expect(template('Instance not-a-uuid-instance not found (request 9f1c2d3e-1111-4222-8333-444455556666, attempt 3)', input('resource-not-found', [], request)))
      .toBe('Instance {id} not found (request {id}, attempt {n})');
    const keyV: Violation = { path: '/Attributes/path', rule: 'attribute-key-charset', limit: '[A-Za-z0-9_-]', actual: 'path' };
    expect(template("Value at 'Attributes.path' is bad: 'path'", input('attribute-key-charset', [keyV], request))).toBe("Value at '{path}' is bad: '{actual}'");
  });

  it('replaces echoed request values, but not a value that is one of the message\'s own words', () => {
    const request = { ...ids, ParticipantDetails: { DisplayName: 'failed' }, Attributes: { k: 'Jane Q. Public' } };
    const v: Violation = { path: '/Attributes/k', rule: 'attribute-key-charset', limit: '[A-Za-z0-9_-]', actual: 'k' };
    expect(template("Key 'k' failed for Jane Q. Public and 'failed'", input('attribute-key-charset', [v], request))).toBe("Key '{actual}' failed for {value} and '{value}'");
  });

  it('replaces a sensitive value wherever it is, and withholds a message echoing part of one', () => {
    const description = 'my-secret-description-marker';
    const request = { ...ids, ParticipantDetails: { DisplayName: 'a' }, Description: description };
    const v: Violation = { path: '/ParticipantDetails/DisplayName', rule: 'length', limit: 1, actual: 0 };
    expect(template(`Bad request (x${description}y)`, input('length', [v], request))).toBe('Bad request (x{value}y)');
    expect(template(`Bad request (${description.slice(0, 12)}…)`, input('length', [v], request))).toBe('withheld: sensitive');
  });

  it('reads the string literals of a body that did not parse', () => {
    const wireBody = '{"Description": "sensitive-body-marker", "InstanceId": "abc" ';
    const t = messageTemplate('Unexpected end after "sensitive-body-marker"', { condition: 'malformed-json', violations: [], request: undefined, wireBody, reason: 'unexpected end of input' });
    expect(t).toEqual({ ok: true, template: 'Unexpected end after "{value}"' });
  });

  it('templates a long value or key echoed whole, as the short ones', () => {
    const long = `${'v'.repeat(70)}!`;
    const v: Violation = { path: '/ParticipantDetails/DisplayName', rule: 'pattern', limit: '^[a-z]+$', actual: `${'v'.repeat(64)}…` };
    const request = { ...ids, ParticipantDetails: { DisplayName: long } };
    expect(template(`Value '${long}' at 'participantDetails.displayName' failed: pattern ^[a-z]+$`, input('pattern', [v], request)))
      .toBe("Value '{actual}' at '{path}' failed: pattern {limit}");
    const key = `${'k'.repeat(70)} x`;
    const k: Violation = { path: `/Attributes/${key}`, rule: 'attribute-key-charset', limit: '[A-Za-z0-9_-]', actual: `${'k'.repeat(64)}…` };
    expect(template(`Value at 'attributes.${key}' has a bad key '${key}'`, input('attribute-key-charset', [k], { ...ids, Attributes: { [key]: 'x' } })))
      .toBe("Value at '{path}' has a bad key '{actual}'");
  });

  it('copes with a 32 KB value (no regular expression is built from request text)', () => {
    const key = 'k'.repeat(40_000);
    const v: Violation = { path: `/Attributes/${key}`, rule: 'key-length', limit: 32767, actual: 40_000 };
    const message = `1 validation error detected: Value at '${memberPath(v.path)}' failed to satisfy constraint: Map keys must have length less than or equal to 32767`;
    expect(template(message, input('key-length', [v], { ...ids, Attributes: { [key]: '' } }))).toBe("Value at '{path}' failed to satisfy constraint: Map keys must have length {relation} {limit}");
  });
});
