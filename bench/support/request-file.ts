// The pre-signed request files the load generators replay: raw HTTP requests separated by a NUL
// byte (written by the emulator benchmark). Shared by open-loop.ts and closed-loop.ts.
import { readFileSync } from 'node:fs';

export interface RequestFile {
  /** How many requests the file holds. */
  readonly count: number;
  /** The bytes of request i (0 ≤ i < count), without copying. */
  request(i: number): Buffer;
}

export function readRequestFile(file: string): RequestFile {
  const wire = readFileSync(file);
  const starts = [0];
  for (let at = wire.indexOf(0); at >= 0; at = wire.indexOf(0, at + 1)) starts.push(at + 1);
  const offsets = Int32Array.from(starts);
  return { count: offsets.length - 1, request: (i) => wire.subarray(offsets[i], offsets[i + 1]! - 1) };
}
