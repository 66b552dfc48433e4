// scripts/fuzz-emulator.ts, as the nightly job or a person runs it, at a few hundred requests: every
// kind of hostile request at least once, against an emulator in its own process. Nothing may come
// back as a 5xx, an empty or non-JSON error, an answer without the AWS headers, or no answer; and
// the emulator must drain and exit 0 on SIGTERM afterwards.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { kinds } from '../../scripts/fuzz/kinds.ts';
import type { Tally } from '../../scripts/fuzz/run.ts';

const root = resolve(import.meta.dirname, '..', '..');

describe('npm run fuzz', () => {
  it('400 hostile requests of every kind: 0 5xx, 0 bad error bodies, 0 unanswered; the emulator drains and exits 0', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fuzz-emulator-'));
    try {
      const json = join(dir, 'fuzz.json');
      let stdout = '';
      try {
        ({ stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/fuzz-emulator.ts', '--requests', '400', '--max-seconds', '120', '--connections', '8', '--json', json], { cwd: root, env: { ...process.env, npm_config_yes: 'false' }, maxBuffer: 8 * 1024 * 1024 }));
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        throw new Error(`fuzz-emulator exited ${failed.code}:\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
      }
      const { tally, emulator } = JSON.parse(await readFile(json, 'utf8')) as { tally: Tally; emulator: { code: number; stopped: boolean; internalErrors: number } };
      expect({ serverErrors: tally.serverErrors, badErrorBodies: tally.badErrorBodies, missingAwsHeaders: tally.missingAwsHeaders, unanswered: tally.unanswered }, stdout).toEqual({ serverErrors: 0, badErrorBodies: 0, missingAwsHeaders: 0, unanswered: 0 });
      expect(tally.answered).toBe(tally.sent);
      expect(tally.sent).toBeGreaterThanOrEqual(400);
      expect(Object.keys(tally.byKind).sort()).toEqual(kinds.map((k) => k.name).sort());
      expect(emulator).toEqual({ code: 0, signal: null, stopped: true, internalErrors: 0 });
      expect(stdout).toMatch(/requests unanswered\s+0\n/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
