// Speed-tuned: guarded by `npm run bench -- emulator`.
// Method and path → operation and its path labels (docs/contract.md §8), from the contract's
// operation table (the one statement of each route). Labels are percent-decoded; a label that does
// not decode matches nothing.
//
// Routes without labels are compared whole, before any path is split: a start is routed without
// splitting its path or allocating. router.test.ts compares that with the plain order (split first).
import { operations, type OperationName } from '../contract/index.ts';

export interface Route {
  readonly operation: OperationName;
  readonly labels: Readonly<Record<string, string>>;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

interface Template {
  readonly operation: OperationName;
  readonly method: string;
  /** Path segments; a label as `{Name}`. */
  readonly segments: readonly string[];
}

const templates: Template[] = (Object.keys(operations) as OperationName[]).map((operation) => ({
  operation,
  method: operations[operation].method,
  segments: operations[operation].path.split('/'),
}));
const isLabel = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

/** Routes without labels, by path, made once (no two share a path). */
const fixed = new Map<string, { readonly method: string; readonly route: Route }>(
  templates
    .filter((t) => !t.segments.some(isLabel))
    .map((t) => [t.segments.join('/'), { method: t.method, route: Object.freeze({ operation: t.operation, labels: Object.freeze({}) }) }]),
);
const labelled = templates.filter((t) => t.segments.some(isLabel));
const labelledMethods = new Set(labelled.map((t) => t.method));

export function route(method: string | undefined, path: string): Route | undefined {
  if (method === undefined) return undefined;
  const hit = fixed.get(path);
  if (hit !== undefined && hit.method === method) return hit.route;
  if (!labelledMethods.has(method)) return undefined;
  const parts = path.split('/');
  // parts[0] is the empty string before the leading slash.
  if (parts[0] !== '') return undefined;
  for (const t of labelled) {
    if (t.method !== method || t.segments.length !== parts.length) continue;
    const labels: Record<string, string> = {};
    let matched = true;
    for (let i = 1; i < parts.length && matched; i++) {
      const segment = t.segments[i]!;
      if (!isLabel(segment)) matched = segment === parts[i];
      else {
        const value = decode(parts[i]!);
        if (value === undefined) matched = false;
        else labels[segment.slice(1, -1)] = value;
      }
    }
    if (matched) return { operation: t.operation, labels };
  }
  return undefined;
}
