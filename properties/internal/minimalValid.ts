import { shapes } from '../../harness/contract/index.ts';
import { asciiMatching } from './asciiMatching.ts';
import { freeTextReferenceType } from '../mutations/freeTextReferenceType.ts';
import { objectFromEntries } from '../arbitraries/objectFromEntries.ts';
import { shapeNamed } from './shapeNamed.ts';

/**
 * The smallest valid value of a shape: a structure with only its required members, {} , [], 0, the
 * shortest string its length and pattern allow. It fills the containers a mutation has to create
 * (a fresh Reference around a broken Arn, say), so that the mutation stays the only thing wrong.
 */
export function minimalValid(shapeName: string): unknown {
  const shape = shapeNamed(shapeName);
  switch (shape.type) {
    case 'structure':
      return objectFromEntries((shape.required ?? []).map((name) => [name, minimalValid((shape.members[name] as { shape: string }).shape)]));
    case 'map':
      return {};
    case 'list':
      return [];
    case 'integer':
      return 0;
    case 'string': {
      // A Reference created here must pass rule R1 (a creation-time type) and stay clear of R3 (DATE).
      if (shapeName === shapes.Reference.members.Type.shape) return freeTextReferenceType();
      if (shape.enum) return shape.enum[0];
      const n = shape.length?.min ?? 0;
      if (shape.pattern === undefined || n === 0) return 'a'.repeat(n);
      const pattern = new RegExp(shape.pattern, 'u');
      const c = asciiMatching((c) => pattern.test(c.repeat(n)))[0];
      if (c === undefined) throw new Error(`properties: no ASCII string of ${n} characters matches ${shapeName}'s pattern`);
      return c.repeat(n);
    }
  }
}
