import type { Command } from '../command.ts';
import { validateCommand } from './validate.ts';

/** Every subcommand, in the order --help lists them. */
export const commands: readonly Command[] = [validateCommand];
