import { requestSites, type Site } from './requestSites.ts';

/** The site with this id ("Attributes{key}", "References{}.Type", ...); a wrong id is a bug here. */
export function siteById(id: string): Site {
  const site = requestSites().find((s) => s.id === id);
  if (!site) throw new Error(`properties: no site ${id} in the request shapes`);
  return site;
}
