// What k6 will load: starting from every scenario, each import must be a k6 module (one the shim
// provides, so the shim tests cover it) or a relative path with an explicit .ts extension to a file
// that exists; the files reached outside scenarios/ must be runtime-neutral ones; and none may use
// a Node-only global. ESLint checks scenarios/ file by file; this follows the imports into harness/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './run-in-shim.ts';

const SHIMMED_K6_MODULES = new Set(['k6', 'k6/http', 'k6/metrics', 'k6/crypto', 'k6/execution', 'k6/data']);
/** Outside scenarios/, k6 may load only these (ARCHITECTURE.md: contract and sigv4 are runtime-neutral;
 * the emulator's defaults are plain constants with no imports). */
const NEUTRAL = [/^harness\/contract\/(?!.*\.test\.ts$)/, /^harness\/sigv4\/(?!.*\.test\.ts$)/];
const NODE_ONLY = /\bnew URL\(|\bBuffer\.|\bnew Text(?:En|De)coder\b|\bprocess\.|\brequire\(|\b__dirname\b|import\.meta\.dirname/;

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Module specifiers k6 loads at run time: `import type` / `export type` are erased, so skipped. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:^|;)\s*(?:import|export)(\s+type\b)?[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)) if (m[1] === undefined) found.push(m[2]!);
  for (const m of code.matchAll(/(?:^|;)\s*import\s*['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  return found;
}

/** One import as k6 would meet it: a problem, or the file to follow (undefined for a k6 module). */
function judgeImport(from: string, spec: string): { problem: string } | { next: string | undefined } {
  const where = relative(repoRoot, from);
  if (spec === 'k6' || spec.startsWith('k6/')) {
    return SHIMMED_K6_MODULES.has(spec) ? { next: undefined } : { problem: `${where}: imports ${spec}, which the k6 shim does not provide (add it there, or the shim tests do not cover it)` };
  }
  if (!spec.startsWith('./') && !spec.startsWith('../')) return { problem: `${where}: imports "${spec}": k6 resolves only k6/* modules and relative paths` };
  if (!spec.endsWith('.ts')) return { problem: `${where}: imports "${spec}" without the .ts extension k6 needs` };
  const target = resolve(dirname(from), spec);
  const path = relative(repoRoot, target).split('\\').join('/');
  if (!path.startsWith('scenarios/') && !NEUTRAL.some((allowed) => allowed.test(path))) {
    return { problem: `${where}: imports ${path}, which is not runtime-neutral (only harness/contract and harness/sigv4 are)` };
  }
  return existsSync(target) ? { next: target } : { problem: `${where}: imports "${spec}", which does not exist` };
}

/** Problems in `source` (of file `from`) itself: its imports and Node-only globals. */
function problemsIn(from: string, source: string): { problems: string[]; next: string[] } {
  const code = withoutComments(source);
  const problems: string[] = [];
  const next: string[] = [];
  const nodeOnly = NODE_ONLY.exec(code);
  if (nodeOnly) problems.push(`${relative(repoRoot, from)}: uses a Node-only global (${nodeOnly[0]})`);
  for (const spec of specifiers(code)) {
    const verdict = judgeImport(from, spec);
    if ('problem' in verdict) problems.push(verdict.problem);
    else if (verdict.next !== undefined) next.push(verdict.next);
  }
  return { problems, next };
}

/** Every problem in the files reachable from `entry`. */
function walk(entry: string, seen = new Set<string>()): string[] {
  if (seen.has(entry)) return [];
  seen.add(entry);
  const { problems, next } = problemsIn(entry, readFileSync(entry, 'utf8'));
  return [...problems, ...next.flatMap((file) => walk(file, seen))];
}

const scenarioFiles = readdirSync(join(repoRoot, 'scenarios')).filter((f) => f.endsWith('.ts'));

describe('what k6 loads', () => {
  it('finds the scenarios', () => {
    expect(scenarioFiles.sort()).toEqual(['capacity.ts', 'idempotency.ts', 'load.ts', 'negative-mix.ts', 'smoke.ts', 'soak.ts', 'spike.ts']);
  });

  for (const file of scenarioFiles) {
    it(`${file} reaches only k6 modules and runtime-neutral .ts files`, () => {
      const seen = new Set<string>();
      expect(walk(join(repoRoot, 'scenarios', file), seen)).toEqual([]);
      expect([...seen].some((f) => f.includes(`${join('harness', 'sigv4')}`) || f.includes(join('harness', 'contract')))).toBe(true);
    });
  }

  it('flags what k6 could not load', () => {
    const probe = join(repoRoot, 'scenarios', 'lib', 'probe.ts');
    const count = (source: string) => problemsIn(probe, source).problems.length;
    expect(count(`import fc from 'fast-check';`)).toBe(1);
    expect(count(`import { settings } from './env';`)).toBe(1);
    expect(count(`import { x } from '../../harness/emulator/server.ts';`)).toBe(1);
    expect(count(`import { x } from './no-such-file.ts';`)).toBe(1);
    expect(count(`import ws from 'k6/ws';`)).toBe(1);
    expect(count(`const b = Buffer.from('x');`)).toBe(1);
    expect(count(`// Buffer.from is only mentioned\nimport { settings } from './env.ts';`)).toBe(0);
    expect(count(`import type { Options } from 'k6/options';\nconst words = ['from', 'x'];`)).toBe(0);
    expect(count(`import {\n  a,\n  b,\n} from 'lodash';`)).toBe(1);
  });
});
