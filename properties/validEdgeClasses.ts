// Which edges of the contract one valid request touches, measured independently of the validator
// (TextEncoder bytes, string-iterator code points, UTF-8 widths from code point ranges). The coverage test asserts that the valid
// generator reaches each of them.
import { documentedRules, hasOwn, isObject, maxNestingDepth, shapes, type Shape, dateReferenceType, int32 } from '../harness/contract/index.ts';
import { budgetBytes } from './arbitraries/budgetBytes.ts';
import { codePointCount } from './arbitraries/codePointCount.ts';
import { prototypeKeys } from './arbitraries/prototypeKeys.ts';
import { shapeNamed } from './arbitraries/shapeNamed.ts';

const { A1, R2 } = documentedRules;
/** "Near" the reference budget: within this many bytes under it. */
export const NEAR_BYTES = 8;
/** Epoch seconds have at most this many digits until 2286; milliseconds since 2001 have 13. */
const SECONDS_DIGITS = 10;

function text(shapeName: string, s: string, out: Set<string>): void {
  const shape = shapeNamed(shapeName);
  if (shape.type === 'string' && shape.length) {
    const n = codePointCount(s);
    if (n === (shape.length.min ?? 0)) out.add(`min-length:${shapeName}`).add('min-length');
    if (n === shape.length.max) out.add(`max-length:${shapeName}`).add('max-length');
  }
  let widths = 0;
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    widths |= cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 4 : 8;
    if (widths === 15) break;
  }
  for (let w = 1; w <= 4; w++) if (widths & (1 << (w - 1))) out.add(`width-${w}`);
}

function walk(shapeName: string, value: unknown, depth: number, out: Set<string>): void {
  const shape: Shape = shapeNamed(shapeName);
  if ((isObject(value) || Array.isArray(value)) && depth === maxNestingDepth) out.add('nesting-at-max');
  if (shape.type === 'string' && typeof value === 'string') text(shapeName, value, out);
  else if (shape.type === 'integer' && (value === int32.min || value === int32.max)) out.add('integer-edge');
  else if (shape.type === 'list' && Array.isArray(value)) value.forEach((item) => walk(shape.member.shape, item, depth + 1, out));
  else if (shape.type === 'map' && isObject(value)) {
    for (const key of Object.keys(value)) {
      text(shape.key.shape, key, out);
      if ((prototypeKeys as readonly string[]).includes(key)) out.add(`key:${key}`);
      walk(shape.value.shape, value[key], depth + 1, out);
    }
  } else if (shape.type === 'structure' && isObject(value)) {
    for (const [name, member] of Object.entries(shape.members)) {
      if (!hasOwn(value, name)) continue;
      out.add(`member:${shapeName}.${name}`);
      walk(member.shape, value[name], depth + 1, out);
    }
  }
}

/** The edge classes a valid request touches: "max-length:DisplayName", "width-4", "attributes-at-budget", ... */
export function validEdgeClasses(request: Record<string, unknown>): ReadonlySet<string> {
  const out = new Set<string>();
  walk('StartWebRTCContactRequest', request, 0, out);
  for (const name of Object.keys(shapes.StartWebRTCContactRequest.members)) {
    out.add(`${hasOwn(request, name) ? 'present' : 'absent'}:${name}`);
  }
  if (request.ClientToken === '') out.add('client-token-empty');
  const capabilities = request.AllowedCapabilities;
  if (isObject(capabilities)) {
    if (Object.keys(capabilities).length === 0) out.add('capabilities-empty');
    if (Object.values(capabilities).some((p) => isObject(p) && Object.keys(p).length === 0)) out.add('participant-capabilities-empty');
  }
  const attributes = request[A1.member];
  if (isObject(attributes) && budgetBytes(attributes) === A1.limitBytes) out.add('attributes-at-budget');
  const references = request[R2.member];
  if (isObject(references)) {
    const bytes = budgetBytes(references);
    if (bytes === R2.limitBytes) out.add('references-at-budget');
    else if (bytes >= R2.limitBytes - NEAR_BYTES && bytes < R2.limitBytes) out.add('references-near-budget');
    for (const ref of Object.values(references)) {
      if (!isObject(ref) || typeof ref.Type !== 'string') continue;
      out.add(`reference-type:${ref.Type}`);
      if (ref.Type === dateReferenceType && typeof ref.Value === 'string') {
        out.add(ref.Value.length <= SECONDS_DIGITS ? 'date-epoch-seconds' : 'date-epoch-milliseconds');
      }
    }
  }
  const segments = request.SegmentAttributes;
  if (isObject(segments) && isObject(segments['connect:Subtype'])) out.add('segment-subtype');
  return out;
}
