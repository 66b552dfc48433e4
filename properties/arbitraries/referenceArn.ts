import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { lengthOf } from '../internal/lengthOf.ts';
import { patternFirstChars } from '../internal/patternFirstChars.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';

/**
 * A valid Reference.Arn: a realistic attachment ARN, or any text of the model's length whose first
 * character the (unanchored) model pattern accepts: the rest is free, multi-byte included.
 */
export function referenceArn(): fc.Arbitrary<string> {
  const shape = shapes.Reference.members.Arn.shape;
  const { min, max } = lengthOf(shape);
  const realistic = fc
    .tuple(fc.constantFrom('us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2'), fc.stringMatching(/^[0-9]{12}$/), fc.uuid(), fc.uuid())
    .map(([region, account, instance, file]) => `arn:aws:connect:${region}:${account}:instance/${instance}/file/${file}`)
    .filter((arn) => arn.length >= min && arn.length <= max);
  return fc.oneof(realistic, stringOfCodePoints(min, max, { first: fc.constantFrom(...patternFirstChars(shape)) }));
}
