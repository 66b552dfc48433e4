// No command the README or docs tell a reader to type prints a stack trace on a usage error: each
// `npx connect-harness <command>` and each `npm start` / `npm run <script>` of ours, given an option
// it does not have, exits 2 with one line on stderr. (`npm test` is vitest's own command line.)
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commands } from '../../harness/cli/commands/index.ts';

const repo = join(import.meta.dirname, '..', '..');
const pages = ['README.md', 'ARCHITECTURE.md', ...readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = pages.map((p) => readFileSync(join(repo, p), 'utf8')).join('\n');

const harnessCommands = [...new Set([...text.matchAll(/\bconnect-harness ([a-z][a-z0-9-]*)/g)].map((m) => m[1]!))].filter((name) => !['is', 'emulator:local'].includes(name));
const npmScripts = [...new Set([...text.matchAll(/\bnpm (start|run [a-z][a-z0-9:-]*)/g)].map((m) => m[1]!))];

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}
const ran = (file: string, args: readonly string[]): Promise<Ran> =>
  promisify(execFile)(file, [...args], { cwd: repo, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

function expectOneLineUsageError(result: Ran, what: string) {
  expect(result.code, `${what}: ${result.stderr}`).toBe(2);
  expect(result.stderr, what).toMatch(/^[^\n]+\n$/);
  expect(result.stdout + result.stderr, what).not.toMatch(/\n\s+at |ERR_PARSE_ARGS|Error:/);
}

describe('usage errors of the commands the docs name', () => {
  it('the docs name commands that exist, and scripts package.json has', () => {
    const known = commands.map((c) => c.name);
    for (const name of harnessCommands) expect(known, `connect-harness ${name}`).toContain(name);
    const scripts = Object.keys((JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    for (const script of npmScripts) expect(scripts, `npm ${script}`).toContain(script.replace(/^run /, ''));
    expect(harnessCommands.length).toBeGreaterThan(5);
  });

  it.each(harnessCommands)('npx connect-harness %s --no-such-option: exit 2, one line', async (name) => {
    expectOneLineUsageError(await ran(process.execPath, [join(repo, 'bin', 'connect-harness.js'), name, '--no-such-option']), name);
  }, 60_000);

  it.each(npmScripts)('npm %s -- --no-such-option: exit 2, one line', async (script) => {
    expectOneLineUsageError(await ran('npm', [...script.split(' '), '--silent', '--', '--no-such-option']), `npm ${script}`);
  }, 60_000);
});
