// docker-compose.yml keeps secrets off command lines: the emulator's keys come through its
// environment (EMULATOR_CREDENTIALS, empty by default: the test/test pair the k6 service signs with).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { CREDENTIALS_VARIABLE } from '../../harness/cli/emulator-credentials.ts';

const root = resolve(import.meta.dirname, '..', '..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { command?: string[]; environment?: Record<string, string> }> };

it('the emulator service takes keys from EMULATOR_CREDENTIALS, none from its command', () => {
  const emulator = compose.services.emulator!;
  expect(emulator.command?.filter((arg) => arg.startsWith('--credentials'))).toEqual([]);
  expect(emulator.environment?.[CREDENTIALS_VARIABLE]).toBe(`\${${CREDENTIALS_VARIABLE}:-}`);
});
