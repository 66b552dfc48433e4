// Which member names carry secrets or personal data, derived from the shapes' `sensitive` flag so
// that marking a shape sensitive is the only edit needed for every report and log to redact it.
import { shapes } from './shapes.ts';
import type { Shape } from './shape-types.ts';

function collect(): ReadonlySet<string> {
  const names = new Set<string>();
  const all = shapes as Record<string, Shape>;
  for (const shape of Object.values(all)) {
    if (shape.type !== 'structure') continue;
    for (const [member, ref] of Object.entries(shape.members)) {
      const target = all[ref.shape];
      if (target?.type === 'string' && target.sensitive) names.add(member);
    }
  }
  return names;
}

export const sensitiveMemberNames: ReadonlySet<string> = collect();
