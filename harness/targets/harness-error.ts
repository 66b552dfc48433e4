/**
 * The harness could not do its job (target unreachable, bad configuration, a bug of ours), as
 * opposed to a finding, where the target answered and answered wrongly. Exit status 2, not 1.
 */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}
