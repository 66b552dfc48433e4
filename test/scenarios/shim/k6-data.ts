// Shim of `k6/data`: SharedArray runs its callback once, in the init context, and hands out a
// read-only copy (k6 stores the elements as JSON, so what comes back is a JSON round trip).
import { requirePhase } from './state.ts';

const arrays = new Map<string, readonly unknown[]>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export class SharedArray {
  constructor(name: string, callback: () => unknown[]) {
    requirePhase('new SharedArray', 'init');
    let array = arrays.get(name);
    if (array === undefined) {
      const made = callback();
      if (!Array.isArray(made)) throw new Error('k6: a SharedArray callback must return an array');
      arrays.set(name, (array = deepFreeze(JSON.parse(JSON.stringify(made)) as unknown[])));
    }
    // A constructor may return another object: k6's SharedArray is array-like, so is this.
    return array as unknown as SharedArray;
  }
}

export default { SharedArray };
