import { shapeNamed } from './shapeNamed.ts';
import { asciiMatching } from './asciiMatching.ts';

/**
 * The ASCII characters a string shape's pattern accepts as a one-character string. For the model's
 * unanchored ReferenceArn pattern that is exactly the set of valid first characters.
 */
export function patternFirstChars(shapeName: string, accepted = true): readonly string[] {
  const shape = shapeNamed(shapeName);
  if (shape.type !== 'string' || shape.pattern === undefined) throw new Error(`properties: ${shapeName} has no pattern`);
  const pattern = new RegExp(shape.pattern, 'u');
  return asciiMatching((c) => pattern.test(c) === accepted);
}
