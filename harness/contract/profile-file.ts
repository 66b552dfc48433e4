// Reading a fidelity profile from JSON (a profile observed on the real service). The file may give
// any subset of conditions; the rest keep the default entries. Anything unexpected is refused with a
// message naming the offending key, because a silently ignored typo would change what "conforms".
import { allConditions, defaultProfile, type Condition, type FidelityProfile, type ProfileEntry } from './profile.ts';
import { errorCatalogue, isErrorName } from './errors.ts';
import { isObject } from './json-type.ts';
import { assumedLimitNames, type AssumedLimits } from './limits.ts';

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

/** `"limits": {"nestingDepth": 64}`: each bound a positive integer, or null for none; the rest keep their defaults. */
function limitsFrom(raw: unknown, base: AssumedLimits): AssumedLimits {
  if (!isObject(raw)) throw new ProfileError('limits: expected an object, e.g. {"nestingDepth": 64} ({"nestingDepth": null} for no limit)');
  const limits: Record<string, number | null> = { ...base };
  for (const key of Object.keys(raw)) {
    if (!(assumedLimitNames as readonly string[]).includes(key)) throw new ProfileError(`limits.${key}: unknown limit (known: ${assumedLimitNames.join(', ')})`);
    const value = raw[key];
    if (value !== null && !(typeof value === 'number' && Number.isSafeInteger(value) && value > 0)) {
      throw new ProfileError(`limits.${key}: expected a positive integer, or null for no limit`);
    }
    limits[key] = value;
  }
  return limits as unknown as AssumedLimits;
}

/** Evidence an observer wrote (`evidence`, `disagreements`): any JSON object, kept as it is. */
function carried(key: string, raw: unknown): Readonly<Record<string, unknown>> {
  if (!isObject(raw)) throw new ProfileError(`${key}: expected an object`);
  return raw;
}

const topLevelKeys = ['name', 'description', 'entries', 'limits', 'evidence', 'disagreements'];

/**
 * Builds a profile from parsed JSON: `{"name"?, "description"?, "entries": {condition: {...}},
 * "limits"?: {"nestingDepth": N | null}, "evidence"?: {...}, "disagreements"?: {...}}`.
 */
export function profileFromJson(json: unknown): FidelityProfile {
  if (!isObject(json)) throw new ProfileError('profile: expected a JSON object');
  for (const key of Object.keys(json)) {
    if (!topLevelKeys.includes(key)) throw new ProfileError(`${key}: unknown field (known: ${topLevelKeys.join(', ')})`);
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
  const limits = json.limits === undefined ? defaultProfile.limits : limitsFrom(json.limits, defaultProfile.limits);
  return {
    name,
    description,
    entries: entries as Record<Condition, ProfileEntry>,
    limits,
    ...(json.evidence === undefined ? {} : { evidence: carried('evidence', json.evidence) }),
    ...(json.disagreements === undefined ? {} : { disagreements: carried('disagreements', json.disagreements) }),
  };
}
