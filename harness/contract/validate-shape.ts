// Speed-tuned: guarded by `npm run bench -- validate`.
// One generic walker over the shapes: every constraint the model states (type, required, length,
// enum, pattern) plus well-formed Unicode and a nesting bound. It never throws on any JS value, and
// reads only own properties, so keys like "__proto__" and "constructor" are ordinary data.
//
// The nesting bound comes from the fidelity profile (`limits.nestingDepth`, limits.ts's
// maxNestingDepth by default) and may be switched off. The walk recurses, so without a bound (or
// with one in the thousands) a deep value would exhaust the stack: every STACK_CHUNK levels the
// subtree below is set aside and walked afterwards from a fresh stack, its violations spliced in
// where the recursion would have put them, so the result is the same as one unbounded recursion.
import { shapes, type ShapeName } from './shapes.ts';
import type { Length, Shape, StringShape } from './shape-types.ts';
import { childPath, type Violation } from './violation.ts';
import { codePointLength, isWellFormed, truncateCodePoints } from './unicode.ts';
import { hasOwn, isObject, jsonType } from './json-type.ts';
import { int32, maxNestingDepth } from './limits.ts';

const byName = shapes as Readonly<Record<string, Shape>>;

export interface ValidateOptions {
  /**
   * How many objects and arrays deep, the request itself being 0, a value may nest: a positive
   * integer, or null for no limit. Absent: limits.ts's maxNestingDepth. A profile's `limits` fits.
   */
  readonly nestingDepth?: number | null;
}

/** Levels one recursion goes down before the rest is set aside (far below Node's stack). */
const STACK_CHUNK = 1000;

type SetAside = { readonly shapeName: string; readonly value: unknown; readonly path: string; readonly depth: number; readonly at: number };

// State of the walk in progress (validation is synchronous and never re-entered): the nesting
// limit (Infinity for none), the depth past which walk() stops (the limit, or the end of the stack
// chunk when that comes first), and the subtrees set aside at the end of the chunk.
let limit: number = maxNestingDepth;
let bound: number = maxNestingDepth;
let setAside: SetAside[] | undefined;

const patterns = new Map<string, RegExp>();
/** How much of a offending value a violation quotes. */
const QUOTE_CODE_POINTS = 64;

function regex(pattern: string): RegExp {
  let r = patterns.get(pattern);
  if (!r) patterns.set(pattern, (r = new RegExp(pattern, 'u')));
  return r;
}

function lengthViolation(path: string, rule: 'length' | 'key-length', bounds: Length | undefined, n: number): Violation | undefined {
  if (!bounds) return undefined;
  if (bounds.min !== undefined && n < bounds.min) return { path, rule, limit: bounds.min, actual: n };
  if (bounds.max !== undefined && n > bounds.max) return { path, rule, limit: bounds.max, actual: n };
  return undefined;
}

function checkString(shape: StringShape, value: string, path: string, out: Violation[], rule: 'length' | 'key-length'): void {
  if (!isWellFormed(value)) {
    out.push({ path, rule: 'well-formed-unicode' });
    return;
  }
  const bounds = shape.length;
  // A well-formed string has between ceil(units / 2) and units code points: count them only when
  // that range reaches a bound, which spares a pass over most long strings.
  if (bounds && ((bounds.max !== undefined && value.length > bounds.max) || (bounds.min !== undefined && (value.length + 1) >> 1 < bounds.min))) {
    const outOfBounds = lengthViolation(path, rule, bounds, codePointLength(value));
    if (outOfBounds) out.push(outOfBounds);
  }
  if (shape.enum === undefined && shape.pattern === undefined) return;
  const quote = shape.sensitive ? undefined : truncateCodePoints(value, QUOTE_CODE_POINTS);
  if (shape.enum && !shape.enum.includes(value)) {
    out.push(quote === undefined ? { path, rule: 'enum', limit: shape.enum } : { path, rule: 'enum', limit: shape.enum, actual: quote });
  }
  if (shape.pattern !== undefined && !regex(shape.pattern).test(value)) {
    out.push(quote === undefined ? { path, rule: 'pattern', limit: shape.pattern } : { path, rule: 'pattern', limit: shape.pattern, actual: quote });
  }
}

function walk(shapeName: string, value: unknown, path: string, depth: number, out: Violation[]): void {
  const shape = byName[shapeName];
  if (!shape) throw new Error(`contract: unknown shape ${shapeName}`); // a bug in shapes.ts, not in the input
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') out.push({ path, rule: 'type', limit: 'string', actual: jsonType(value) });
      else checkString(shape, value, path, out, 'length');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) out.push({ path, rule: 'type', limit: 'integer', actual: jsonType(value) });
      else if (value < int32.min || value > int32.max) out.push({ path, rule: 'type', limit: 'integer', actual: 'integer outside 32 bits' });
      return;
    default:
      break;
  }
  if (depth > bound) {
    if (depth > limit) out.push({ path, rule: 'nesting-depth', limit, actual: depth });
    else (setAside ??= []).push({ shapeName, value, path, depth, at: out.length });
    return;
  }
  if (shape.type === 'list') {
    if (!Array.isArray(value)) {
      out.push({ path, rule: 'type', limit: 'array', actual: jsonType(value) });
      return;
    }
    const n = lengthViolation(path, 'length', shape.length, value.length);
    if (n) out.push(n);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // Lists of structures are dense in this model: a null item is a type error, not an absence.
      walk(shape.member.shape, item, `${path}/${i}`, depth + 1, out);
    }
    return;
  }
  if (!isObject(value)) {
    out.push({ path, rule: 'type', limit: 'object', actual: jsonType(value) });
    return;
  }
  if (shape.type === 'map') {
    const keys = Object.keys(value);
    const n = lengthViolation(path, 'length', shape.length, keys.length);
    if (n) out.push(n);
    const keyShape = byName[shape.key.shape] as StringShape;
    for (const key of keys) {
      const keyPath = childPath(path, key);
      checkString(keyShape, key, keyPath, out, 'key-length');
      walk(shape.value.shape, value[key], keyPath, depth + 1, out);
    }
    return;
  }
  // Structure: a JSON null member is read as absent, as AWS JSON deserializers do.
  for (const name of shape.required ?? []) {
    if (!hasOwn(value, name) || value[name] === null) out.push({ path: childPath(path, name), rule: 'required' });
  }
  for (const name in shape.members) {
    if (!hasOwn(value, name)) continue;
    const member: unknown = value[name];
    if (member === null) continue;
    // A member name is an identifier (validate-shape.test.ts checks every one): nothing in it to escape.
    walk((shape.members[name] as { shape: string }).shape, member, `${path}/${name}`, depth + 1, out);
  }
}

/** walk() one stack chunk from `depth`, then each subtree it set aside, in place in `out`. */
function walkChunk(shapeName: string, value: unknown, path: string, depth: number, out: Violation[]): void {
  bound = Math.min(limit, depth + STACK_CHUNK);
  setAside = undefined;
  walk(shapeName, value, path, depth, out);
  const later = setAside as SetAside[] | undefined;
  if (later === undefined) return;
  // Take off what came after the first subtree set aside, and put it back between the subtrees'
  // own violations, each where the recursion would have written them.
  const first = later[0]!.at;
  const tail = out.splice(first);
  let next = first;
  for (const item of later) {
    for (; next < item.at; next++) out.push(tail[next - first]!);
    walkChunk(item.shapeName, item.value, item.path, item.depth, out);
  }
  for (; next - first < tail.length; next++) out.push(tail[next - first]!);
}

function nestingLimit(options: ValidateOptions | undefined): number {
  const depth = options?.nestingDepth;
  if (depth === undefined) return maxNestingDepth;
  if (depth === null) return Infinity;
  if (!(Number.isSafeInteger(depth) && depth > 0)) throw new RangeError(`nestingDepth must be a positive integer or null, got ${depth}`);
  return depth;
}

/** Every model-level violation of `input` against the named shape. Unknown members are ignored. */
export function validateShape(shapeName: ShapeName, input: unknown, out: Violation[] = [], options?: ValidateOptions): Violation[] {
  limit = nestingLimit(options);
  walkChunk(shapeName, input, '', 0, out);
  return out;
}
