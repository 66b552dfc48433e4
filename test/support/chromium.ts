// describe() for suites that open pages in Debian's headless Chromium (driven by puppeteer-core,
// which downloads no browser): runs them when `chromium` is on PATH (or CHROMIUM_PATH names it),
// skips them with the reason in the suite's name otherwise, and under CI=true replaces them with
// one failing test that says what is missing (.ci/run installs the package).
import { describe, it } from 'vitest';
import { findExecutable } from '../../harness/services/find-executable.ts';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return findExecutable('chromium', env.PATH ?? '') ?? findExecutable('chromium-browser', env.PATH ?? '');
}

export const chromiumMissing = 'chromium is not on PATH (Debian package chromium; or set CHROMIUM_PATH)';

export function describeWithChromium(title: string, body: (executablePath: string) => void): void {
  const path = chromiumPath();
  if (path === undefined && process.env.CI === 'true') {
    describe(title, () => {
      it('needs chromium (CI=true: a missing browser is a failure, not a skip)', () => {
        throw new Error(chromiumMissing);
      });
    });
    return;
  }
  if (path === undefined) console.warn(`${title}: skipped: ${chromiumMissing}`);
  describe.skipIf(path === undefined)(`${title}${path === undefined ? ` (skipped: ${chromiumMissing})` : ''}`, () => body(path ?? ''));
}
