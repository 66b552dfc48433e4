// Putting one value at one site of the base request, as the random generator's siteClass does, but
// with fixed map keys: every coverage case is a plain function of the options.
import { childPath } from '../../harness/contract/index.ts';
import { invalidCase } from '../arbitraries/invalidCase.ts';
import { minimalValid } from '../internal/minimalValid.ts';
import { placeAt } from '../internal/placeAt.ts';
import type { Site } from '../internal/requestSites.ts';
import type { InvalidCase, JsonObject, StartWebRTCContactRequest } from '../arbitraries/index.ts';
import { tagClass } from './tagClass.ts';

/** The key of each map a site lies under: the shortest valid key of the map's key shape ("a"). */
function keysFor(site: Site): string[] {
  return site.steps.flatMap((s) => (s.kind === 'value' ? [minimalValid(s.keyShape) as string] : []));
}

/** `request` with `value` at `site` (containers created minimal and valid), and the JSON Pointer of that place. */
export function atSite(request: JsonObject, site: Site, value: unknown): { request: JsonObject; path: string } {
  return placeAt(request, site, keysFor(site), value);
}

/** A valid case: `value` at `site`. The family promises validity; the tests check it. */
export function validAt(base: StartWebRTCContactRequest, site: Site, value: unknown): StartWebRTCContactRequest {
  return atSite(base, site, value).request as StartWebRTCContactRequest;
}

export interface InvalidAt {
  /** A tag class id of the random generator. */
  readonly class: string;
  /** This case in a few words; never a sensitive value. The note reads "<site id>: <describe>", as the random ones do. */
  readonly describe: string;
  /** Pointer tokens from the site down to the violation (a DATE reference's "Value"). */
  readonly within?: readonly string[];
}

/** An invalid case: `value` at `site` of `request`, tagged with the class's rule at the place the validator reports. */
export function invalidAt(request: JsonObject, site: Site, value: unknown, tag: InvalidAt): InvalidCase {
  const { class: id, rule } = tagClass(tag.class);
  const placed = atSite(request, site, value);
  const path = (tag.within ?? []).reduce(childPath, placed.path);
  return invalidCase(placed.request, { class: id, rule, path, note: `${site.id}: ${tag.describe}` });
}
