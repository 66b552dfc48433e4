// `--version` on every command and on `npm run stack`: the version package.json declares, read at
// run time so that a release needs one edit.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const version: string = manifest.version;

/** The line `--version` prints. */
export function versionLine(program = 'connect-harness'): string {
  return `${program} ${version}\n`;
}
