// Renders a profile's message templates. Values are never looked up from the request here: callers
// pass only what a message may show, and violations never carry sensitive values.
import { pathTokens, type Violation } from './violation.ts';
import { truncateCodePoints } from './unicode.ts';
import { hasOwn } from './json-type.ts';

export type MessageVars = Readonly<Record<string, string | number | undefined>>;

export function renderTemplate(template: string, vars: MessageVars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    // Own variables only: "{constructor}" in a profile's template must not render Object's source.
    const value = hasOwn(vars, name) ? vars[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/**
 * "/ParticipantDetails/DisplayName" → "ParticipantDetails.DisplayName", as AWS messages name
 * members. Map keys can be 32,767 code points long: each is shortened, so a message stays small.
 */
export function memberPath(path: string): string {
  const tokens = pathTokens(path);
  return tokens.length === 0 ? '(request)' : tokens.map((t) => truncateCodePoints(t, 64)).join('.');
}

export function violationVars(v: Violation): MessageVars {
  const limit = Array.isArray(v.limit) ? v.limit.join(', ') : (v.limit as string | number | undefined);
  const below = typeof v.limit === 'number' && typeof v.actual === 'number' && v.actual < v.limit;
  return {
    path: memberPath(v.path),
    limit,
    actual: v.actual,
    relation: below ? 'greater than or equal to' : 'less than or equal to',
  };
}
