// The StartWebRTCContact contract: runtime-neutral (Node and k6 load these very files).
export { shapes, type ShapeName } from './shapes.ts';
export type { Shape, StringShape, StructureShape, MapShape, ListShape, IntegerShape, Length, Member } from './shape-types.ts';
export { documentedRules, type DocumentedRuleId } from './documented-rules.ts';
export { quotas, idempotency, maxNestingDepth, int32 } from './limits.ts';
export { validate } from './validate.ts';
export { validateShape } from './validate-shape.ts';
export { validateDocumented } from './validate-documented.ts';
export { allRules, schemaRules, serializationRules, documentedRuleNames, childPath, pathTokens, type Rule, type Violation } from './violation.ts';
export { errorCatalogue, startWebRTCContactErrors, isErrorName, type ErrorName, type ErrorDefinition } from './errors.ts';
export { defaultProfile, allConditions, serviceConditions, type Condition, type FidelityProfile, type ProfileEntry, type ServiceCondition } from './profile.ts';
export { profileFromJson, ProfileError } from './profile-file.ts';
export { errorForViolations, errorForCondition, type AwsError } from './error-for.ts';
export { renderTemplate, memberPath } from './messages.ts';
export { codePointLength, utf8ByteLength, portableUtf8ByteLength, hasLoneSurrogate, truncateCodePoints, isWellFormed } from './unicode.ts';
export { sensitiveMemberNames } from './sensitive.ts';
export { jsonType, isObject, hasOwn } from './json-type.ts';
export { k6MetricPrefix, k6Metrics, k6BuiltinMetrics, emulatorMeasurements, emulatorFields, tagKeys, startOutcomes, contactIdMetadataKey, type StartOutcome } from './metric-names.ts';
export { operations, type OperationName } from './operations.ts';
