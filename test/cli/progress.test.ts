// Progress where nobody watches a terminal: a line per check start and end, and a heartbeat at most
// every 30 s, on a clock the test moves (never the wall clock).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../harness/cli/command.ts';
import { HEARTBEAT_MS, progressPrinter } from '../../harness/cli/progress.ts';
import { prepareOutputFiles } from '../../harness/cli/report-files.ts';

function io(interactive: boolean): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, interactive, stdout: () => {}, stderr: (t) => void lines.push(t), stdin: async () => Buffer.alloc(0) };
}

describe('progress outside a terminal', () => {
  it('says when each check starts and ends, and beats at most every 30 s', () => {
    const out = io(false);
    let t = 0;
    const progress = progressPrinter(out, { now: () => t });
    progress.start('rejects-invalid');
    for (let done = 1; done <= 100; done++) {
      t += 1_000; // one case a second: 100 s in all
      progress.update('rejects-invalid', done, 100, done > 50 ? 2 : 0);
    }
    progress.done({ check: 'rejects-invalid', status: 'failed', cases: 100, findings: [], durationMs: 100_000 });
    expect(out.lines[0]).toBe('conformance: rejects-invalid started\n');
    const beats = out.lines.slice(1, -1);
    expect(beats).toEqual([
      'conformance: rejects-invalid 30/100 cases, 1.0 cases/s\n',
      'conformance: rejects-invalid 60/100 cases, 2 failing, 1.0 cases/s\n',
      'conformance: rejects-invalid 90/100 cases, 2 failing, 1.0 cases/s\n',
    ]);
    expect(out.lines.at(-1)).toBe('conformance: rejects-invalid failed, 100 cases in 100.0 s\n');
    expect(HEARTBEAT_MS).toBe(30_000);
  });

  it('on a terminal, one line redrawn in place and nothing left behind', () => {
    const out = io(true);
    const progress = progressPrinter(out, { now: () => 1_000 });
    progress.start('accepts-valid');
    progress.update('accepts-valid', 1, 2);
    progress.done({ check: 'accepts-valid', status: 'passed', cases: 2, findings: [], durationMs: 1 });
    expect(out.lines).toEqual(['\r\x1b[K  accepts-valid 1/2', '\r\x1b[K']);
  });
});

describe('report files', () => {
  it('creates missing folders before the run, and refuses a place it cannot write, naming the flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-files-'));
    try {
      await prepareOutputFiles({ junit: join(dir, 'a', 'b', 'conformance.xml'), json: undefined });
      const locked = join(dir, 'locked');
      await prepareOutputFiles({ json: join(locked, 'x.json') });
      chmodSync(locked, 0o500);
      // root may write anywhere: then there is nothing to refuse.
      if (process.getuid?.() !== 0) await expect(prepareOutputFiles({ json: join(locked, 'y', 'x.json') })).rejects.toThrow(/--json .*cannot write there/);
      // A folder that cannot be made: its parent is a file.
      const file = join(dir, 'file');
      writeFileSync(file, '');
      await expect(prepareOutputFiles({ junit: join(file, 'x.xml') })).rejects.toThrow(/^--junit .*\/file\/x\.xml: cannot write there \((ENOTDIR|EEXIST)\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
