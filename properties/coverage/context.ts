import { requestSites } from '../internal/requestSites.ts';
import { sitesFor } from '../internal/sitesFor.ts';
import type { RequestOptions } from '../arbitraries/index.ts';
import { coverageBase } from './base.ts';
import type { CoverageContext } from './types.ts';

/** The base request and usable sites for `options`, decided as `sitesFor` decides them for the random cases. */
export function coverageContext(options: RequestOptions): CoverageContext {
  return { base: coverageBase(options), options, sites: sitesFor(requestSites(), options) };
}
