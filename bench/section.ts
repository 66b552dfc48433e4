// The shape every benchmark returns; run.ts renders them into BENCHMARKS.md.
// Figures are reported as ratios against a baseline measured in the same run, because absolute
// numbers move with the machine and its load while ratios mostly do not.
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** value divided by the section's baseline row, when the section has one. */
  readonly ratio?: number;
}

export interface BenchSection {
  readonly title: string;
  /** The goal as the issue states it, e.g. "at least 0.6 of the bare server's requests/s". */
  readonly goal: string;
  readonly rows: readonly BenchRow[];
  /** Whether the goal was met in this run. */
  readonly met: boolean;
  readonly notes?: readonly string[];
}

/** Runs fn repeatedly for about `ms` milliseconds and returns operations per second. */
export function opsPerSecond(fn: () => unknown, ms = 1000): number {
  for (let i = 0; i < 1000; i++) fn(); // warm-up, lets the JIT settle
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 256; i++) fn();
    ops += 256;
    elapsed = performance.now() - start;
  }
  return (ops * 1000) / elapsed;
}
