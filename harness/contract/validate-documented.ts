// docs/contract.md §3, rules A1, A2, R1, R2, R3: constraints stated only in documentation prose. They run on
// whatever parts of the request are well-typed; type errors are reported by the schema walk.
import { documentedRules } from './documented-rules.ts';
import { shapes } from './shapes.ts';
import { childPath, type Violation } from './violation.ts';
import { utf8ByteLength, truncateCodePoints } from './unicode.ts';
import { hasOwn, isObject } from './json-type.ts';

const { A1, A2, R1, R2, R3 } = documentedRules;
const keyCharset = new RegExp(A2.allowedPattern);
const epochValue = new RegExp(R3.valuePattern);
const allowedAtCreation: readonly string[] = R1.allowedTypes;
const referenceTypes: readonly string[] = shapes.ReferenceType.enum;
const allowedKeyClass = A2.allowedPattern.slice(1, -2); // "[A-Za-z0-9_-]", for the violation's limit

function member(request: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  if (!hasOwn(request, name)) return undefined;
  const value = request[name];
  return isObject(value) ? value : undefined;
}

function checkAttributes(attributes: Record<string, unknown>, out: Violation[]): void {
  let bytes = 0;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    bytes += utf8ByteLength(key);
    if (typeof value === 'string') bytes += utf8ByteLength(value);
    if (key.length > 0 && !keyCharset.test(key)) {
      out.push({ path: childPath('/Attributes', key), rule: A2.rule, limit: allowedKeyClass, actual: truncateCodePoints(key, 64) });
    }
  }
  if (bytes > A1.limitBytes) out.push({ path: '/Attributes', rule: A1.rule, limit: A1.limitBytes, actual: bytes });
}

function checkReferences(references: Record<string, unknown>, out: Violation[]): void {
  let bytes = 0;
  for (const key of Object.keys(references)) {
    const reference = references[key];
    bytes += utf8ByteLength(key);
    if (!isObject(reference)) continue;
    const path = childPath('/References', key);
    const value = hasOwn(reference, 'Value') ? reference.Value : undefined;
    if (typeof value === 'string') bytes += utf8ByteLength(value);
    const type = hasOwn(reference, 'Type') ? reference.Type : undefined;
    if (typeof type !== 'string') continue;
    // A Type outside the enum is an enum violation already; R1 is about valid types refused at creation.
    if (referenceTypes.includes(type) && !allowedAtCreation.includes(type)) {
      out.push({ path: `${path}/Type`, rule: R1.rule, limit: allowedAtCreation, actual: type });
    }
    if (type === R3.referenceType) {
      const text = value === undefined || value === null ? '' : value; // an absent Value means ""
      if (typeof text === 'string' && !epochValue.test(text)) {
        out.push({ path: `${path}/Value`, rule: R3.rule, limit: R3.valuePattern, actual: truncateCodePoints(text, 64) });
      }
    }
  }
  if (bytes > R2.limitBytes) out.push({ path: '/References', rule: R2.rule, limit: R2.limitBytes, actual: bytes });
}

/** Violations of the documentation-only rules; `request` may be any value. */
export function validateDocumented(request: unknown, out: Violation[] = []): Violation[] {
  if (!isObject(request)) return out;
  const attributes = member(request, 'Attributes');
  if (attributes) checkAttributes(attributes, out);
  const references = member(request, 'References');
  if (references) checkReferences(references, out);
  return out;
}
