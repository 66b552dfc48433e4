import { shapes } from '../../harness/contract/index.ts';
import type { Site } from './requestSites.ts';
import type { RequestOptions } from '../arbitraries/types.ts';

const SEGMENT_ATTRIBUTES: keyof typeof shapes.StartWebRTCContactRequest.members = 'SegmentAttributes';

/** The sites a request built with `options` may carry (no SegmentAttributes for older SDKs). */
export function sitesFor(sites: readonly Site[], options: RequestOptions): readonly Site[] {
  return options.segmentAttributes === false ? sites.filter((s) => s.member !== SEGMENT_ATTRIBUTES) : sites;
}
