// `npm run lint` refuses an import from a higher or sideways room (eslint.config.js, ARCHITECTURE.md
// "Import direction"), and accepts the downward ones the code uses.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: repo });

async function restricted(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath: resolve(repo, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint refuses imports that point up or sideways', () => {
  it.each([
    ['harness/emulator/app.ts', '../conformance/runner.ts'],
    ['harness/emulator/handlers/stop-contact.ts', '../../targets/target.ts'],
    ['harness/conformance/expected-outcome.ts', '../emulator/app.ts'],
    ['harness/conformance/checks/rejects-invalid.ts', '../../cli/main.ts'],
    ['harness/contract/validate.ts', '../emulator/app.ts'],
    ['harness/targets/target.ts', '../conformance/runner.ts'],
    ['harness/diff/runner.ts', '../report/render.ts'],
    ['properties/arbitraries/validRequest.ts', '../../harness/emulator/app.ts'],
    ['scenarios/lib/settings.ts', '../../harness/emulator/options.ts'],
    ['dashboards/emulator.ts', '../harness/emulator/service.ts'],
  ])('%s importing %s', async (file, specifier) => {
    const messages = await restricted(file, specifier);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(/may import only/);
  });
});

describe('lint accepts imports that point down', () => {
  it.each([
    ['harness/emulator/app.ts', '../contract/index.ts'],
    ['harness/emulator/handlers/stop-contact.ts', '../state/contacts.ts'],
    ['harness/conformance/expected-outcome.ts', '../targets/target.ts'],
    ['harness/targets/emulator-target.ts', '../emulator/server.ts'],
    ['harness/report/from-runs.ts', '../../scenarios/lib/summary-normal.ts'],
    ['properties/arbitraries/validRequest.ts', '../../harness/contract/index.ts'],
    ['scenarios/lib/settings.ts', '../../harness/contract/defaults.ts'],
    ['dashboards/emulator.ts', '../harness/contract/metric-names.ts'],
  ])('%s importing %s', async (file, specifier) => {
    expect(await restricted(file, specifier)).toEqual([]);
  });
});
