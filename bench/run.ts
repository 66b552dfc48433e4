// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), each in a
// fresh process, and writes BENCHMARKS.md with the machine and date. Each benchmark measures its
// own baseline in the same run.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem, platform, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { BenchSection } from './section.ts';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const all = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
const known = all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ');
if (only.includes('--help') || only.includes('-h')) {
  process.stdout.write(`usage: npm run bench -- [NAME...]   (names or prefixes of: ${known})\n`);
  process.exit(0);
}
// A name that matches nothing (a typo, an option) is said, not silently run as "no benchmarks".
const unmatched = only.filter((o) => o.startsWith('-') || !all.some((f) => f.startsWith(o)));
if (unmatched.length > 0) {
  process.stderr.write(`bench: no benchmark named ${unmatched.join(', ')} (known: ${known})\n`);
  process.exit(2);
}
const files = all.filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));

const sections: BenchSection[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file} ...\n`);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'run-one.ts'), join(here, file)], {
    maxBuffer: 16 << 20,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const section = JSON.parse(stdout.trim().split('\n').at(-1)!) as BenchSection;
  sections.push(section);
  process.stderr.write(`bench: ${section.title}: ${section.met ? 'goal met' : 'GOAL NOT MET'}\n`);
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node.js ${process.version}.`,
  'Regenerate with `npm run bench` (or `npm run bench -- <file prefix>` for one). Absolute figures move with the',
  'machine; the ratios against a baseline measured in the same run are what to compare.',
  '',
];
for (const s of sections) {
  lines.push(`## ${s.title}`, '', `Goal: ${s.goal}. **${s.met ? 'Met' : 'Not met'}** in this run.`, '', '| measurement | value | ratio to baseline |', '|---|---|---|');
  for (const r of s.rows) lines.push(`| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2)} |`);
  if (s.notes?.length) lines.push('', ...s.notes.map((n) => `- ${n}`));
  lines.push('');
}
if (only.length === 0) {
  await writeFile(join(here, '..', 'BENCHMARKS.md'), lines.join('\n'));
  process.stderr.write('bench: wrote BENCHMARKS.md\n');
} else {
  process.stdout.write(lines.join('\n'));
}
