// Shim of the `k6` module: check, group, sleep, fail. Checks are recorded as samples of the built-in
// `checks` Rate, tagged `check: <name>`, as k6 records them.
import { emit, systemTags } from './state.ts';

type Checkers<T> = Record<string, (value: T) => boolean>;

export function check<T>(value: T, sets: Checkers<T>, tags: Record<string, string> = {}): boolean {
  let all = true;
  for (const [name, predicate] of Object.entries(sets)) {
    const ok = Boolean(predicate(value));
    all &&= ok;
    emit('checks', ok ? 1 : 0, { ...systemTags(), ...tags, check: name });
  }
  return all;
}

export function group<T>(_name: string, fn: () => T): T {
  return fn();
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks like k6's sleep does (the VU does nothing else meanwhile). */
export function sleep(seconds: number): void {
  if (seconds > 0) Atomics.wait(sleeper, 0, 0, seconds * 1000);
}

export function fail(message?: string): never {
  throw new Error(message);
}

export function randomSeed(_seed: number): void {}

export default { check, group, sleep, fail, randomSeed };
