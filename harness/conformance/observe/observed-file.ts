// The observed-profile file on disk: checked before a run (an earlier file this run would merge into
// must be readable and mergeable then, not after an hour against the real service), then merged
// and written atomically (a temporary file in the same folder, renamed over it), so that an
// interrupted write never leaves half a profile.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkMergeable, mergeObserved, ObservedFileError, type MergeSummary } from './observed-profile.ts';
import type { Observations } from './recorder.ts';

/** The file's JSON, or undefined when there is no file yet; ObservedFileError when it cannot be merged into. */
export async function readObservedFile(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ObservedFileError(`cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ObservedFileError('not JSON');
  }
  return checkMergeable(json);
}

/** Merges `observed` into `file` (created when absent) and says what changed. */
export async function writeObservedFile(file: string, observed: Observations): Promise<MergeSummary> {
  const { profile, summary } = mergeObserved(await readObservedFile(file), observed);
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(profile, null, 2)}\n`);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return summary;
}
