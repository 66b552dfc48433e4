import type { Finding } from '../check.ts';
import { COVERAGE_PATH_PREFIX } from '../property-check.ts';

/**
 * The command line that replays exactly one finding. `replayArgs` are the flags that chose the
 * target and the profile (none for the embedded emulator and the default profile), so the replay
 * goes where the run went and judges as it judged. A coverage case needs no seed.
 */
export function replayCommand(finding: Finding, replayArgs: readonly string[]): string {
  const args = ['npx', 'connect-harness', 'conformance', ...replayArgs, '--check', finding.check];
  if (finding.replay) {
    if (!finding.replay.path.startsWith(COVERAGE_PATH_PREFIX)) args.push('--seed', String(finding.replay.seed));
    args.push('--path', `'${finding.replay.path}'`);
  }
  return args.join(' ');
}
