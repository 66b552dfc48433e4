// describe() for suites that need InfluxDB or Redis: runs them when the service can be had, skips
// them with the reason in the suite's name and a warning otherwise, and under CI=true replaces them
// with one failing test that says what is missing.
import { describe, it } from 'vitest';
import type { Availability } from '../../harness/services/availability.ts';

export function describeWithService(found: Availability, title: string, body: () => void): void {
  if (found.mustFail) {
    describe(title, () => {
      it(`needs ${found.service} (CI=true: a missing service is a failure, not a skip)`, () => {
        throw new Error(`${found.service}: ${found.reason}`);
      });
    });
    return;
  }
  if (found.skip) console.warn(`${title}: skipped: ${found.skip}`);
  describe.skipIf(found.skip !== undefined)(`${title}${found.skip ? ` (skipped: ${found.skip})` : ''}`, body);
}
