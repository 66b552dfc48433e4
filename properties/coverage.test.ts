// Proves the generators reach what they claim: every rule and every tag class of the invalid
// generator, every edge class of the valid one. Seeds are fixed (several, to show the bias is robust,
// not lucky); counts are the default 100 runs where the claim is "at the default run count".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRules, documentedRules, shapes } from '../harness/contract/index.ts';
import { invalidRequest, invalidTags, validRequest } from './arbitraries/index.ts';
import { lengthOf } from './internal/lengthOf.ts';
import { requestSites } from './internal/requestSites.ts';
import { shapeNamed } from './internal/shapeNamed.ts';
import { validEdgeClasses } from './validEdgeClasses.ts';

const SEEDS = [1, 2, 3, 4, 5];
const DEFAULT_RUNS = 100;
/** Enough runs to meet each of ~80 classes (rarest ~1/200 per case) with near certainty. */
const CLASS_RUNS = 3000;
const { A1, R2 } = documentedRules;

function missing(seen: Iterable<string>, wanted: readonly string[]): string[] {
  const have = new Set(seen);
  return wanted.filter((w) => !have.has(w));
}

describe('the invalid generator', () => {
  it('has at least one tag class for every rule of the contract', () => {
    expect(missing(invalidTags.map((t) => t.rule), allRules)).toEqual([]);
  });

  it.each(SEEDS)(`meets every rule in ${DEFAULT_RUNS} runs (seed %i)`, (seed) => {
    const rules = fc.sample(invalidRequest(), { numRuns: DEFAULT_RUNS, seed }).map((c) => c.tag.rule);
    expect(missing(rules, allRules)).toEqual([]);
  });

  it.each(SEEDS.slice(0, 2))(`meets every tag class in ${CLASS_RUNS} runs (seed %i)`, (seed) => {
    const classes = fc.sample(invalidRequest(), { numRuns: CLASS_RUNS, seed }).map((c) => c.tag.class);
    expect(missing(classes, invalidTags.map((t) => t.class))).toEqual([]);
  });

  it('has a tag class for every required member, length edge, enum and pattern the shapes state', () => {
    const ids = new Set(invalidTags.map((t) => t.class));
    const wanted: string[] = [];
    for (const site of requestSites()) {
      const shape = shapeNamed(site.shape);
      const isKey = site.steps.at(-1)?.kind === 'key';
      if (site.required) wanted.push(`required/${site.id}/missing`, `required/${site.id}/null`);
      if (shape.type !== 'string') continue;
      const rule = isKey ? 'key-length' : 'length';
      if ((shape.length?.min ?? 0) > 0) wanted.push(`${rule}/${site.id}/min-1`);
      if (shape.length?.max !== undefined) wanted.push(`${rule}/${site.id}/max+1`);
      if (shape.enum) wanted.push(`enum/${site.id}/wrong-value`, `enum/${site.id}/wrong-case`);
      if (shape.pattern !== undefined) wanted.push(`pattern/${site.id}/first-character`);
    }
    expect(missing(ids, wanted)).toEqual([]);
  });
});

describe('the valid generator', () => {
  const optional = Object.keys(shapes.StartWebRTCContactRequest.members).filter(
    (m) => !(shapes.StartWebRTCContactRequest.required as readonly string[]).includes(m),
  );
  const edges = [
    'min-length', 'max-length', 'width-1', 'width-2', 'width-3', 'width-4',
    'attributes-at-budget', 'references-at-budget', 'references-near-budget',
    'capabilities-empty', 'participant-capabilities-empty', 'key:__proto__', 'key:constructor',
    ...documentedRules.R1.allowedTypes.map((t) => `reference-type:${t}`),
    'date-epoch-seconds', 'date-epoch-milliseconds', 'client-token-empty',
    'segment-subtype', 'member:SegmentAttributeValue.ValueMap', 'member:SegmentAttributeValue.ValueList',
    'member:SegmentAttributeValue.ValueInteger', 'integer-edge', 'nesting-at-max',
    ...optional.flatMap((m) => [`present:${m}`, `absent:${m}`]),
  ];

  it.each(SEEDS)(`meets every edge class in ${DEFAULT_RUNS} runs (seed %i)`, (seed) => {
    const seen = fc.sample(validRequest(), { numRuns: DEFAULT_RUNS, seed }).flatMap((r) => [...validEdgeClasses(r)]);
    expect(missing(seen, edges)).toEqual([]);
  });

  it('puts every bounded string shape at its min and at its max, where the budgets allow', () => {
    // Under R2's keys-plus-values reading a ReferenceValue at its model maximum cannot fit beside the
    // shortest key; the other giants fit their budgets exactly. Derived, so a contract change shows.
    const unreachable = new Set<string>();
    const pairs = [
      [A1.limitBytes, shapes.Attributes.key.shape, shapes.Attributes.value.shape],
      [R2.limitBytes, shapes.ContactReferences.key.shape, shapes.Reference.members.Value.shape],
    ] as const;
    for (const [budget, key, value] of pairs) {
      if (lengthOf(key).max + lengthOf(value).min > budget) unreachable.add(`max-length:${key}`);
      if (lengthOf(key).min + lengthOf(value).max > budget) unreachable.add(`max-length:${value}`);
    }
    const bounded = [...new Set(requestSites().map((s) => s.shape))].filter((name) => {
      const shape = shapeNamed(name);
      return shape.type === 'string' && shape.length?.max !== undefined;
    });
    const wanted = bounded.flatMap((name) => [`min-length:${name}`, `max-length:${name}`]).filter((c) => !unreachable.has(c));
    const seen = fc.sample(validRequest(), { numRuns: 500, seed: SEEDS[0] }).flatMap((r) => [...validEdgeClasses(r)]);
    expect(missing(seen, wanted)).toEqual([]);
    expect([...unreachable]).toEqual([`max-length:${shapes.Reference.members.Value.shape}`]);
  });
});
