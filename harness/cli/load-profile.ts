import { readFile } from 'node:fs/promises';
import { defaultProfile, profileFromJson, type FidelityProfile } from '../contract/index.ts';
import { UsageError } from './command.ts';

/** The default profile, or the one in FILE (`--profile`), with a one-line reason when it is unusable. */
export async function loadProfile(file: string | undefined): Promise<FidelityProfile> {
  if (file === undefined) return defaultProfile;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read profile ${file}`);
  }
  try {
    return profileFromJson(JSON.parse(text));
  } catch (error) {
    throw new UsageError(`profile ${file}: ${(error as Error).message}`);
  }
}
