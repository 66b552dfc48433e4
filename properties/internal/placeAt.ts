import { childPath, hasOwn, isObject } from '../../harness/contract/index.ts';
import { absent } from './absent.ts';
import { budgetBytes } from './budgetBytes.ts';
import { budgetOf } from './budgetOf.ts';
import { minimalValid } from './minimalValid.ts';
import { objectFromEntries } from '../arbitraries/objectFromEntries.ts';
import type { Site, Step } from './requestSites.ts';
import { shapeNamed } from './shapeNamed.ts';
import type { JsonObject } from '../arbitraries/types.ts';

interface Cursor {
  readonly steps: readonly Step[];
  readonly keys: readonly string[];
  readonly value: unknown;
  /** The budget of the map being entered, when it is a top-level budgeted member (A1, R2). */
  budget?: number;
  keyIndex: number;
}

const own = (o: Record<string, unknown>, k: string): unknown => (hasOwn(o, k) ? o[k] : undefined);

/** A copy of `map` with `key` set; only that entry when the base entries would break the map's budget. */
function withEntry(map: Record<string, unknown>, key: string, value: unknown, budget: number | undefined): Record<string, unknown> {
  const entries = Object.keys(map).map((k): [string, unknown] => [k, k === key ? value : map[k]]);
  if (!hasOwn(map, key)) entries.push([key, value]);
  const out = objectFromEntries(entries);
  return budget !== undefined && budgetBytes(out) > budget ? objectFromEntries([[key, value]]) : out;
}

function withMember(struct: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const entries = Object.keys(struct).filter((k) => k !== name || value !== absent).map((k): [string, unknown] => [k, k === name ? value : struct[k]]);
  if (!hasOwn(struct, name) && value !== absent) entries.push([name, value]);
  return objectFromEntries(entries);
}

function place(node: unknown, shapeName: string, i: number, path: string, c: Cursor): { node: unknown; path: string } {
  const step = c.steps[i] as Step;
  const last = i === c.steps.length - 1;
  const shape = shapeNamed(shapeName);
  switch (step.kind) {
    case 'member': {
      if (shape.type !== 'structure') throw new Error(`placeAt: ${shapeName} has no members`);
      const struct = isObject(node) ? node : (minimalValid(shapeName) as Record<string, unknown>);
      const here = childPath(path, step.name);
      if (last) return { node: withMember(struct, step.name, c.value), path: here };
      if (i === 0) c.budget = budgetOf(step.name);
      const memberShape = (shape.members[step.name] as { shape: string }).shape;
      const inner = place(own(struct, step.name), memberShape, i + 1, here, c);
      return { node: withMember(struct, step.name, inner.node), path: inner.path };
    }
    case 'value':
    case 'key': {
      if (shape.type !== 'map') throw new Error(`placeAt: ${shapeName} is not a map`);
      const map = isObject(node) ? node : {};
      const budget = i === 1 ? c.budget : undefined;
      if (step.kind === 'key') {
        const key = c.value as string;
        return { node: withEntry(map, key, minimalValid(step.valueShape), budget), path: childPath(path, key) };
      }
      const key = c.keys[c.keyIndex++] as string;
      const here = childPath(path, key);
      if (last) return { node: withEntry(map, key, c.value, budget), path: here };
      const inner = place(own(map, key), shape.value.shape, i + 1, here, c);
      return { node: withEntry(map, key, inner.node, budget), path: inner.path };
    }
    case 'item': {
      if (shape.type !== 'list') throw new Error(`placeAt: ${shapeName} is not a list`);
      const list: unknown[] = Array.isArray(node) ? node : [];
      const here = `${path}/0`;
      const inner = last ? { node: c.value, path: here } : place(list[0], shape.member.shape, i + 1, here, c);
      return { node: [inner.node, ...list.slice(1)], path: inner.path };
    }
  }
}

/**
 * A copy of `base` with `value` at `site` (or the member removed, for `absent`), and the JSON Pointer
 * of that place. Containers on the way are copied, or created minimal and valid when the base lacks
 * them; `keys` names the entry of each map on the way. A budgeted map (Attributes, References) keeps
 * its base entries only while they leave room: the mutation must be the case's one fault.
 */
export function placeAt(base: JsonObject, site: Site, keys: readonly string[], value: unknown): { request: JsonObject; path: string } {
  const placed = place(base, 'StartWebRTCContactRequest', 0, '', { steps: site.steps, keys, value, keyIndex: 0 });
  return { request: placed.node as JsonObject, path: placed.path };
}
