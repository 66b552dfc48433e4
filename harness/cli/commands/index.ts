import type { Command } from '../command.ts';
import { conformanceCommand } from './conformance.ts';
import { corpusCommand } from './corpus.ts';
import { emulatorCommand } from './emulator.ts';
import { mainCommand } from './main-job.ts';
import { validateCommand } from './validate.ts';

/** Every subcommand, in the order --help lists them. */
export const commands: readonly Command[] = [mainCommand, conformanceCommand, emulatorCommand, validateCommand, corpusCommand];
