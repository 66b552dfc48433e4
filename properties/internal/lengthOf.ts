import { shapeNamed } from './shapeNamed.ts';

/** The model's @length bounds of a string shape in code points (min defaults to 0, as in Smithy). */
export function lengthOf(shapeName: string): { readonly min: number; readonly max: number } {
  const shape = shapeNamed(shapeName);
  if (shape.type !== 'string' || shape.length?.max === undefined) {
    throw new Error(`properties: ${shapeName} is not a string shape with a maximum length`);
  }
  return { min: shape.length.min ?? 0, max: shape.length.max };
}
