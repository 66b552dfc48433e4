// The emulator image runs every command of the CLI (conformance and corpus inside it too), so it
// must hold every folder the CLI's code imports: walked here from bin/, through relative imports
// (static and the commands' lazy ones), and compared with the Dockerfile's COPY lines and the
// .dockerignore allow-list. A new top-level folder the CLI starts to import fails this test until
// the image carries it.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const relativeImport = /(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g;

function reachableFiles(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(relativeImport)) {
      const target = resolve(dirname(file), match[1]!);
      if (/\.(ts|js)$/.test(target)) pending.push(target);
    }
  }
  return seen;
}

it('the emulator image carries every folder the CLI imports', () => {
  const folders = new Set([...reachableFiles(resolve(root, 'bin', 'connect-harness.js'))].map((f) => relative(root, f).split('/')[0]!));
  expect(folders.has('harness')).toBe(true);
  const dockerfile = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
  const copied = new Set([...dockerfile.matchAll(/^COPY\s+(\S+)\s+\.\/\S+$/gm)].map((m) => m[1]!));
  const allowed = new Set(readFileSync(resolve(root, '.dockerignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim()));
  for (const folder of folders) {
    expect(copied, `Dockerfile COPY ${folder}`).toContain(folder);
    expect(allowed, `.dockerignore !${folder}`).toContain(folder);
  }
});
