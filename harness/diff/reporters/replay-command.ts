import { COVERAGE_PATH_PREFIX } from '../../conformance/property-check.ts';
import type { DisagreementGroup } from '../runner.ts';

/**
 * The diff command that sends exactly one group's case to both sides again. `replayArgs` are the
 * flags that chose the sides (URLs, regions, ids, profiles, --real-aws) and --messages. A coverage
 * case needs no seed.
 */
export function replayCommand(group: Pick<DisagreementGroup, 'replay'>, replayArgs: readonly string[]): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const args = ['npx', 'connect-harness', 'diff', ...replayArgs.map(quote)];
  if (!group.replay.path.startsWith(COVERAGE_PATH_PREFIX)) args.push('--seed', String(group.replay.seed));
  args.push('--path', `'${group.replay.path}'`);
  return args.join(' ');
}
