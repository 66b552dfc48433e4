import { pastEdges } from './pastEdges.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

/** Tag classes "length/<site>/min-1|max+1": every bounded string value one code point past an edge. */
export function lengthPastEdge(): readonly InvalidClass[] {
  return pastEdges(false);
}
