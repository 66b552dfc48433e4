import { shapes, type Shape } from '../../harness/contract/index.ts';

const byName = shapes as Readonly<Record<string, Shape>>;

/** A contract shape by name; a misspelt name is a bug here, so it throws. */
export function shapeNamed(name: string): Shape {
  const shape = byName[name];
  if (!shape) throw new Error(`properties: the contract has no shape ${name}`);
  return shape;
}
