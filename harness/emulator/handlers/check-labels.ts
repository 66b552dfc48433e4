// Path labels are strings the model constrains like any member; violations name them as members.
import { childPath, errorForViolations, validateShape, type AwsError, type FidelityProfile, type ShapeName, type Violation } from '../../contract/index.ts';

export function checkLabels(labels: Readonly<Record<string, string>>, shapesByLabel: Readonly<Record<string, ShapeName>>, profile: FidelityProfile): AwsError | undefined {
  const violations: Violation[] = [];
  for (const [label, shape] of Object.entries(shapesByLabel)) {
    for (const v of validateShape(shape, labels[label])) violations.push({ ...v, path: childPath('', label) + v.path });
  }
  return errorForViolations(violations, profile);
}
