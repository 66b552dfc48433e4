// The published command loads the harness's TypeScript through bin/typescript-hooks.js, not tsx
// (which names every closure with __name() where it is created, on the emulator's hot path). Its
// output is compared here with the plain behaviour: the same module run under vitest.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript without declarations, like the rest of bin/
import { load } from '../../bin/typescript-hooks.js';
import { describeModule } from './fixtures/named-closures.ts';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(import.meta.dirname, 'fixtures', 'named-closures.ts');
const register = join(root, 'bin', 'register-typescript.js');
const run = promisify(execFile);

type Load = (url: string, context: object, next: () => never) => Promise<{ format: string; source: string; shortCircuit: boolean }>;

/** Runs `code` (an ES module) in a fresh Node with the command's hooks registered. */
async function runWithHooks(code: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', register, '--input-type=module', '-e', code], { cwd: root });
  return stdout;
}

describe('bin/typescript-hooks.js', () => {
  it('emits no closure naming: no __name call in the transformed module', async () => {
    const loaded = await (load as Load)(pathToFileURL(fixture).href, {}, () => {
      throw new Error('a .ts file goes on to the next loader');
    });
    expect(loaded).toMatchObject({ format: 'module', shortCircuit: true });
    expect(loaded.source).not.toMatch(/__name/);
    expect(loaded.source).toContain('sourceMappingURL=data:application/json');
  });

  it('loads a module that behaves as under vitest: names, results, class fields, `using`, stack lines', async () => {
    const plain = describeModule();
    const out = await runWithHooks(`const m = await import(${JSON.stringify(pathToFileURL(fixture).href)}); process.stdout.write(JSON.stringify(m.describeModule()));`);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(plain)));
    expect(plain.stackLine).toBeDefined();
  });

  it('starts esbuild again when its process was stopped (a Ctrl-C reaches it too) and goes on loading', async () => {
    const out = await runWithHooks(`
      import { execFileSync } from 'node:child_process';
      const esbuild = () => execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)]).toString().split('\\n').filter((l) => l.includes('--service'));
      await import(${JSON.stringify(pathToFileURL(fixture).href)});
      const before = esbuild();
      for (const line of before) process.kill(Number(line.trim().split(' ')[0]), 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const m = await import(${JSON.stringify(`${pathToFileURL(fixture).href}?again`)});
      process.stdout.write(JSON.stringify({ stopped: before.length, loaded: m.arrow(1) }));
    `);
    expect(JSON.parse(out)).toEqual({ stopped: 1, loaded: 2 });
  });
});
