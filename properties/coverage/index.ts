// The coverage phase: a fixed list of StartWebRTCContact cases the conformance runner sends before
// its random phase, independent of any seed, so that near misses a random run meets only at some
// seeds (a "." in an attribute key, "send" for "SEND", a budget one byte over in 4-byte characters)
// are sent at every run.
export type { CoverageCases, CoverageFamily } from './types.ts';
export { coverageCases, coverageCount, coverageFamilies } from './coverageCases.ts';
