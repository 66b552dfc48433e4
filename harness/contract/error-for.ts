// From violations (or a service condition) to the one AWS error a service answers with.
// A service reads a request in stages, so the stage that fails first decides the error:
// deserialization (types, Unicode, depth), then model constraints (all reported together, as AWS's
// generated validators do), then the documentation-only rules.
import { defaultProfile, type Condition, type FidelityProfile } from './profile.ts';
import { renderTemplate, violationVars, type MessageVars } from './messages.ts';
import { schemaRules, serializationRules, type Rule, type Violation } from './violation.ts';

export interface AwsError {
  readonly name: string;
  readonly status: number;
  readonly message: string;
  /** The profile entry that produced it. */
  readonly condition: Condition;
}

/** How many constraint messages one error carries at most, as AWS validators cap theirs. */
const MAX_DETAILS = 10;

const serialization: readonly Rule[] = serializationRules;
const schema: readonly Rule[] = schemaRules;

export function errorForCondition(condition: Condition, vars: MessageVars = {}, profile: FidelityProfile = defaultProfile): AwsError {
  const entry = profile.entries[condition];
  return { name: entry.error, status: entry.status, message: renderTemplate(entry.message, vars), condition };
}

function single(v: Violation, profile: FidelityProfile): AwsError {
  return errorForCondition(v.rule, violationVars(v), profile);
}

/** The error for a non-empty list of violations; undefined when there are none. */
export function errorForViolations(violations: readonly Violation[], profile: FidelityProfile = defaultProfile): AwsError | undefined {
  const first = violations[0];
  if (!first) return undefined;
  const broken = violations.find((v) => serialization.includes(v.rule));
  if (broken) return single(broken, profile);
  const constraints = violations.filter((v) => schema.includes(v.rule));
  const lead = constraints[0];
  if (!lead) return single(first, profile);
  const details = constraints.slice(0, MAX_DETAILS)
    .map((v) => renderTemplate(profile.entries[v.rule].message, violationVars(v)))
    .join('; ');
  const n = constraints.length;
  const summary = profile.entries['validation-summary'];
  return {
    name: profile.entries[lead.rule].error,
    status: profile.entries[lead.rule].status,
    message: renderTemplate(summary.message, { errors: `${n} validation error${n === 1 ? '' : 's'}`, details }),
    condition: lead.rule,
  };
}
