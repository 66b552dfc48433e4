import type { Finding } from '../check.ts';
import { COVERAGE_PATH_PREFIX } from '../property-check.ts';

/**
 * The command that runs the main job (`npm start`) again, case for case: every option that shapes
 * what is sent. Report files are left out; they change where results go, not what is run.
 */
export function mainRerunCommand(runs: number, seed: number): string {
  return `npm start -- --runs ${runs} --seed ${seed}`;
}

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
