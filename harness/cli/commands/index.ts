import type { Command } from '../command.ts';
import { validateCommand } from './validate.ts';
import { emulatorCommand } from './emulator.ts';
import { conformanceCommand } from './conformance.ts';

/** Every subcommand, in the order --help lists them. */
export const commands: readonly Command[] = [conformanceCommand, emulatorCommand, validateCommand];
