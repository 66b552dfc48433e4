import type { MapShape, ListShape, StructureShape } from '../../harness/contract/index.ts';
import { shapeNamed } from './shapeNamed.ts';

/** One step from a value into its child, as placeAt follows it. */
export type Step =
  | { readonly kind: 'member'; readonly name: string }
  /** Into a map entry whose key the case picks (a valid key of `keyShape`). */
  | { readonly kind: 'value'; readonly keyShape: string }
  /** The map key itself; the entry gets a minimal valid value of `valueShape`. */
  | { readonly kind: 'key'; readonly valueShape: string }
  /** The first list item. */
  | { readonly kind: 'item' };

/** A place in a request where a value (or a map key) sits. */
export interface Site {
  /** "InstanceId", "ParticipantDetails.DisplayName", "Attributes{}", "Attributes{key}", "SegmentAttributes{}.ValueList[]". */
  readonly id: string;
  readonly steps: readonly Step[];
  /** The shape of what sits there (of the key, for a key site). */
  readonly shape: string;
  /** A member its structure lists as required. */
  readonly required: boolean;
  /** The top-level request member it lives under. */
  readonly member: string;
}

const ROOT = 'StartWebRTCContactRequest';
let cached: readonly Site[] | undefined;

interface Parent {
  readonly id: string;
  readonly steps: readonly Step[];
  readonly member: string;
  readonly onPath: ReadonlySet<string>;
}

function walk(shapeName: string, parent: Parent, out: Site[]): void {
  const shape = shapeNamed(shapeName);
  const { id, steps, onPath } = parent;
  const add = (suffix: string, step: Step, shape: string, required: boolean): void => {
    const member = parent.member === '' && step.kind === 'member' ? step.name : parent.member;
    const site: Site = { id: `${id}${suffix}`, steps: [...steps, step], shape, required, member };
    out.push(site);
    // A recursive shape (SegmentAttributeValue) is entered once: one level of nesting is enough here.
    if (step.kind !== 'key' && !onPath.has(shape)) {
      walk(shape, { id: site.id, steps: site.steps, member, onPath: new Set([...onPath, shape]) }, out);
    }
  };
  if (shape.type === 'structure') {
    const s = shape as StructureShape;
    for (const [name, member] of Object.entries(s.members)) {
      add(`${id === '' ? '' : '.'}${name}`, { kind: 'member', name }, member.shape, (s.required ?? []).includes(name));
    }
  } else if (shape.type === 'map') {
    const m = shape as MapShape;
    add('{key}', { kind: 'key', valueShape: m.value.shape }, m.key.shape, false);
    add('{}', { kind: 'value', keyShape: m.key.shape }, m.value.shape, false);
  } else if (shape.type === 'list') {
    add('[]', { kind: 'item' }, (shape as ListShape).member.shape, false);
  }
}

/**
 * Every place in a StartWebRTCContact request, derived from the contract's shapes: each structure
 * member, each map's keys and values, each list's items. Recursive shapes are entered once.
 */
export function requestSites(): readonly Site[] {
  if (!cached) {
    const out: Site[] = [];
    walk(ROOT, { id: '', steps: [], member: '', onPath: new Set([ROOT]) }, out);
    cached = out;
  }
  return cached;
}
