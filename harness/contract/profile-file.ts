// Reading a fidelity profile from JSON (a profile observed on the real service). The file may give
// any subset of conditions; the rest keep the default entries. Anything unexpected is refused with a
// message naming the offending key, because a silently ignored typo would change what "conforms".
import { allConditions, defaultProfile, type Condition, type FidelityProfile, type ProfileEntry } from './profile.ts';
import { errorCatalogue, isErrorName } from './errors.ts';
import { isObject } from './json-type.ts';

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

const sources: readonly string[] = ['modeled', 'documented', 'observed', 'assumed'];

function entryFrom(condition: string, raw: unknown, base: ProfileEntry): ProfileEntry {
  if (!isObject(raw)) throw new ProfileError(`entries.${condition}: expected an object`);
  for (const key of Object.keys(raw)) {
    if (!['error', 'status', 'message', 'allowed', 'source'].includes(key)) throw new ProfileError(`entries.${condition}.${key}: unknown field`);
  }
  const error = raw.error ?? base.error;
  if (typeof error !== 'string' || error === '') throw new ProfileError(`entries.${condition}.error: expected an error name`);
  const known = isErrorName(error) ? errorCatalogue[error].status : undefined;
  const status = raw.status ?? (raw.error === undefined ? base.status : known);
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    throw new ProfileError(`entries.${condition}.status: expected an HTTP status 400-599${known === undefined ? ` (required for ${error}, which the catalogue does not know)` : ''}`);
  }
  const message = raw.message ?? base.message;
  if (typeof message !== 'string') throw new ProfileError(`entries.${condition}.message: expected a string`);
  const allowedRaw = raw.allowed ?? base.allowed;
  if (!Array.isArray(allowedRaw) || !allowedRaw.every((a) => typeof a === 'string')) {
    throw new ProfileError(`entries.${condition}.allowed: expected an array of error names`);
  }
  const allowed = allowedRaw.includes(error) ? (allowedRaw as string[]) : [error, ...(allowedRaw as string[])];
  const source = raw.source ?? 'observed';
  if (typeof source !== 'string' || !sources.includes(source)) throw new ProfileError(`entries.${condition}.source: expected one of ${sources.join(', ')}`);
  return { error, status, message, allowed, source: source as ProfileEntry['source'] };
}

/** Builds a profile from parsed JSON: `{"name"?, "description"?, "entries": {condition: {...}}}`. */
export function profileFromJson(json: unknown): FidelityProfile {
  if (!isObject(json)) throw new ProfileError('profile: expected a JSON object');
  for (const key of Object.keys(json)) {
    if (!['name', 'description', 'entries'].includes(key)) throw new ProfileError(`${key}: unknown field`);
  }
  const rawEntries = json.entries ?? {};
  if (!isObject(rawEntries)) throw new ProfileError('entries: expected an object');
  const entries: Record<string, ProfileEntry> = { ...defaultProfile.entries };
  for (const condition of Object.keys(rawEntries)) {
    if (!(allConditions as readonly string[]).includes(condition)) {
      throw new ProfileError(`entries.${condition}: unknown condition (known: ${allConditions.join(', ')})`);
    }
    entries[condition] = entryFrom(condition, rawEntries[condition], defaultProfile.entries[condition as Condition]);
  }
  const name = typeof json.name === 'string' ? json.name : 'custom';
  const description = typeof json.description === 'string' ? json.description : 'Loaded from a profile file.';
  return { name, description, entries: entries as Record<Condition, ProfileEntry> };
}
