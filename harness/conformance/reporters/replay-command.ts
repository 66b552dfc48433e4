import type { Finding } from '../check.ts';

/**
 * The command line that replays exactly one finding. `targetArgs` are the flags that chose the
 * target (none for the embedded emulator), so the replay goes where the run went.
 */
export function replayCommand(finding: Finding, targetArgs: readonly string[]): string {
  const args = ['npx', 'connect-harness', 'conformance', ...targetArgs, '--check', finding.check];
  if (finding.replay) args.push('--seed', String(finding.replay.seed), '--path', `'${finding.replay.path}'`);
  return args.join(' ');
}
