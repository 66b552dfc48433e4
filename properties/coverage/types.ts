// What the coverage phase hands the conformance runner, and what each family of cases builds on.
import type { Site } from '../internal/requestSites.ts';
import type { InvalidCase, RequestOptions, StartWebRTCContactRequest } from '../arbitraries/index.ts';

/** A fixed list of cases, the same for the same options: valid requests, and invalid ones tagged like the random ones. */
export interface CoverageCases {
  readonly valid: readonly StartWebRTCContactRequest[];
  readonly invalid: readonly InvalidCase[];
}

/** One family of cases (length boundaries, enum near misses, ...), named for counts and reports. */
export interface CoverageFamily extends CoverageCases {
  readonly name: string;
}

/** What every family builds on: one small valid request and the sites the options let a case touch. */
export interface CoverageContext {
  readonly base: StartWebRTCContactRequest;
  readonly options: RequestOptions;
  /** requestSites() less those the options leave out (SegmentAttributes for older SDKs). */
  readonly sites: readonly Site[];
}

export type FamilyBuilder = (context: CoverageContext) => CoverageCases;
