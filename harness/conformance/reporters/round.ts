// Durations in the JSON reports are milliseconds rounded to 0.1 ms: fine enough for an emulator
// answering in well under a millisecond, without the float noise of performance.now() (457.489858).
// Throughputs and other measured figures get the same one decimal.

export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Every number of a flat record to one decimal (whole numbers stay whole). */
export function roundFigures(figures: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, Number.isFinite(value) ? roundMs(value) : value]));
}
