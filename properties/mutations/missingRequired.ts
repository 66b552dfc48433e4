import fc from 'fast-check';
import { absent } from '../internal/absent.ts';
import { requestSites } from '../internal/requestSites.ts';
import { siteClass } from '../internal/siteClass.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

/**
 * Tag classes "required/<site>/missing" and "required/<site>/null": each member a structure lists as
 * required, left out or sent as JSON null (which AWS deserializers read as absent).
 */
export function missingRequired(): readonly InvalidClass[] {
  return requestSites()
    .filter((site) => site.required)
    .flatMap((site) => [
      siteClass({
        class: `required/${site.id}/missing`,
        rule: 'required',
        note: `${site.id} left out`,
        sites: [site],
        value: () => fc.constant(absent),
        describe: () => 'left out',
      }),
      siteClass({
        class: `required/${site.id}/null`,
        rule: 'required',
        note: `${site.id} sent as null`,
        sites: [site],
        value: () => fc.constant(null),
        describe: () => 'null',
      }),
    ]);
}
