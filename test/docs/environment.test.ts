// docs/environment.md is the one list of the environment variables the harness reads: every read
// the code makes is found here by pattern and must be in the list, and every variable the list says
// the harness reads must be read somewhere (so the list neither lags nor lies).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');

/** Where code that runs as the harness, its scenarios, its tests and its scripts lives. */
const roots = ['harness', 'scenarios', 'bin', 'scripts', 'test', 'bench', 'dashboards'];
/** Stand-in k6 scripts and the model of k6's own option variables (K6_*), which k6 reads, not the harness. */
const notTheHarness = ['test/scenarios/fixtures/', 'test/scenarios/shim/'];

// A name is upper case, as the harness's own are, or snake case, as npm's are (npm_command); an
// environment is `process.env`, k6's `__ENV`, or a parameter called `env` that a caller fills from
// one (settings.ts, availability.ts, orphan-guard.ts). Snake case keeps `env.map(...)` out.
const NAME = '([A-Z][A-Z0-9_]*|[a-z][a-z0-9]*_[a-z0-9_]+)';
const reads = [
  new RegExp(`\\bprocess\\.env\\.${NAME}`, 'g'),
  new RegExp(`\\bprocess\\.env\\[\\s*['"]${NAME}['"]\\s*\\]`, 'g'),
  new RegExp(`\\b__ENV\\.${NAME}`, 'g'),
  new RegExp(`\\b__ENV\\[\\s*['"]${NAME}['"]\\s*\\]`, 'g'),
  new RegExp(`\\benv\\??\\.${NAME}`, 'g'),
  new RegExp(`\\benv\\[\\s*['"]${NAME}['"]\\s*\\]`, 'g'),
  // settings.ts reads through helpers: given(env, 'RATE'), positive(env, 'MAX_RATE'), ...
  new RegExp(`\\(\\s*env\\s*,\\s*['"]${NAME}['"]`, 'g'),
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Variable name → the files that read it. */
export function variablesRead(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const root of roots) {
    for (const file of sourceFiles(join(repo, root))) {
      const path = relative(repo, file);
      if (notTheHarness.some((prefix) => path.startsWith(prefix))) continue;
      const text = readFileSync(file, 'utf8');
      for (const pattern of reads) {
        for (const [, name] of text.matchAll(pattern)) {
          const files = found.get(name!) ?? [];
          if (!files.includes(path)) files.push(path);
          found.set(name!, files);
        }
      }
    }
  }
  return found;
}

interface Row {
  readonly names: readonly string[];
  readonly readBy: string;
}

/** The rows of the page's tables: the variables named in the first column, and who reads them. */
function documentedRows(markdown: string): Row[] {
  return markdown
    .split('\n')
    .filter((line) => /^\| `/.test(line))
    .map((line) => {
      const [first = '', readBy = ''] = line.split('|').slice(1).map((cell) => cell.trim());
      return { names: [...first.matchAll(/`([A-Za-z][A-Za-z0-9_]*)`/g)].map((m) => m[1]!), readBy };
    });
}

const page = readFileSync(join(repo, 'docs', 'environment.md'), 'utf8');
const rows = documentedRows(page);
const documented = new Set(rows.flatMap((r) => r.names));
const read = variablesRead();

describe('docs/environment.md', () => {
  it('finds the reads it is meant to find (the scan is not blind)', () => {
    for (const name of ['CONNECT_HARNESS_DEBUG', 'TARGET_URL', 'STEP_DURATION', 'HARNESS_SERVICES', 'CI', 'DOCKER_HOST', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']) {
      expect([...read.keys()], name).toContain(name);
    }
  });

  it('lists every variable the code reads', () => {
    const missing = [...read].filter(([name]) => !documented.has(name)).map(([name, files]) => `${name} (read in ${files.join(', ')})`);
    expect(missing, 'add these to docs/environment.md').toEqual([]);
  });

  it('lists no variable the harness would not read: each is read in the code, or by the AWS SDK, k6 or docker compose', () => {
    const stale = rows.flatMap((row) => row.names.filter((name) => !read.has(name) && !/AWS SDK|docker compose|k6\b/.test(row.readBy)));
    expect(stale).toEqual([]);
  });

  it('documents CONNECT_HARNESS_DEBUG, and the page is linked from the README', () => {
    expect(page).toMatch(/\| `CONNECT_HARNESS_DEBUG` \| `harness\/cli\/main\.ts` \|/);
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toContain('(docs/environment.md)');
  });
});
