import { shapeNamed } from './shapeNamed.ts';

/** The JSON type a shape travels as: "string", "integer", "array" or "object" (structures and maps). */
export function jsonTypeOfShape(shapeName: string): 'string' | 'integer' | 'array' | 'object' {
  const { type } = shapeNamed(shapeName);
  if (type === 'string' || type === 'integer') return type;
  return type === 'list' ? 'array' : 'object';
}
