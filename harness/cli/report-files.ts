// Report files are checked before a run, never after it: a run of minutes (or hours against real
// AWS) must not end in ENOENT with its results lost. Folders are created; an unwritable place is
// refused with its flag named.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './command.ts';

export async function prepareOutputFiles(files: Readonly<Record<string, string | undefined>>): Promise<void> {
  for (const [flag, file] of Object.entries(files)) {
    if (file === undefined) continue;
    const folder = dirname(resolve(file));
    try {
      await mkdir(folder, { recursive: true });
      await access(folder, constants.W_OK);
    } catch (error) {
      throw new UsageError(`--${flag} ${file}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
}
