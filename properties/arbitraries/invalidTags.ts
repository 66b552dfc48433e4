import { invalidClasses } from '../mutations/invalidClasses.ts';
import type { InvalidTagClass } from './types.ts';

/** Every tag class `invalidRequest()` generates: rule, class id ("<rule>/<where>/<how>"), members touched. */
export const invalidTags: readonly InvalidTagClass[] = invalidClasses().map(({ class: id, rule, note, members }) => ({ class: id, rule, note, members }));
