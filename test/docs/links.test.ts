// The README stays a front page (under 8 KB: what the harness is, the two commands, the three ways it
// is used, links), and every relative link in it and in docs/ leads somewhere: the file exists and,
// for a #fragment, the page has that heading (GitHub's anchor for it).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');
const pages = ['README.md', 'ARCHITECTURE.md', 'BENCHMARKS.md', 'RELIABILITY.md', ...readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].filter((p) => existsSync(join(repo, p)));

/** GitHub's anchor for a heading: lower case, punctuation but - and _ dropped, spaces to -. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  const headings = [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchor(m[1]!.replace(/`/g, '').replace(/<[^>]+>/g, '')));
  // Explicit anchors: <a id="s4"></a>
  const explicit = [...text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)].map((m) => m[1]!);
  return new Set([...headings, ...explicit]);
}

it('README.md is under 8 KB', () => {
  expect(statSync(join(repo, 'README.md')).size).toBeLessThan(8 * 1024);
});

it('the emulator specification lives in docs/emulator.md', () => {
  const spec = readFileSync(join(repo, 'docs', 'emulator.md'), 'utf8');
  for (const flag of ['--quotas', '--store', '--max-in-flight', '--credentials-file', '--latency']) expect(spec).toContain(flag);
  expect(readFileSync(join(repo, 'README.md'), 'utf8')).toContain('docs/emulator.md');
});

describe.each(pages)('%s', (page) => {
  const text = readFileSync(join(repo, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^(https?:|mailto:)/.test(l));
  it.each(links.length > 0 ? links : ['(none)'])('link %s resolves', (link) => {
    if (link === '(none)') return;
    const [path, fragment] = link.split('#') as [string, string | undefined];
    const target = path === '' ? join(repo, page) : resolve(dirname(join(repo, page)), path);
    expect(existsSync(target), `${page}: ${link}`).toBe(true);
    if (fragment !== undefined && target.endsWith('.md')) expect([...anchorsOf(target)], `${page}: ${link}`).toContain(fragment);
  });
});
