// negative-mix under the shim: a corpus written by `connect-harness corpus` is judged entry by entry
// against the emulator; every verdict matches, and one deliberately wrong expectation is flagged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusCommand, type CorpusEntry } from '../../harness/cli/commands/corpus.ts';
import { k6Metrics } from '../../harness/contract/metric-names.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { runInShim } from './run-in-shim.ts';
import { expectGreenButForLatency, samplesOf, suspiciousTags, sum, tagValues } from './samples.ts';

const COUNT = 16;
let emulator: RunningEmulator;
let dir: string;
let corpusFile: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, quotas: { preset: 'unlimited' } });
  dir = mkdtempSync(join(tmpdir(), 'negative-mix-'));
  corpusFile = join(dir, 'corpus.json');
  const io = { stdout: () => undefined, stderr: () => undefined, stdin: async () => Buffer.alloc(0), interactive: false };
  expect(await corpusCommand.run(['--seed', '7', '--count', String(COUNT), '--out', corpusFile], io)).toBe(0);
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (corpus: string) =>
  runInShim('negative-mix', { env: { TARGET_URL: emulator.url, CORPUS: corpus, TEST_ID: 'shim' }, iterations: { negative_mix: COUNT } });

describe.concurrent('negative-mix', () => {
  it('every answer matches the corpus expectation', async () => {
    const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as CorpusEntry[];
    const rejected = corpus.filter((e) => e.expected.outcome === 'rejected').length;
    expect(rejected).toBeGreaterThan(0);
    expect(rejected).toBeLessThan(COUNT);

    const result = await run(corpusFile);
    expect(result.initError).toBeUndefined();
    expect(result.iterationErrors).toEqual([]);
    const mismatches = samplesOf(result.samples, k6Metrics.expectationMismatches);
    expect(mismatches).toHaveLength(COUNT);
    expect(sum(mismatches)).toBe(0);
    expect(samplesOf(result.samples, 'checks').every((s) => s.value === 1)).toBe(true);
    // Rejections were expected here: they must not count as failed starts.
    expect(samplesOf(result.samples, k6Metrics.startFailed)).toEqual([]);
    expect(tagValues(result.samples, k6Metrics.startDuration, 'outcome')).toEqual(['accepted', 'rejected']);
    expect(tagValues(result.samples, k6Metrics.startDuration, 'rule')).toContain('valid');
    expect(sum(samplesOf(result.samples, k6Metrics.contactsStarted))).toBe(COUNT - rejected);
    expect(suspiciousTags(result.samples)).toEqual([]);
    // Every entry judged, none mismatched; the VUs in force reached the iterations for pacing.
    expect(sum(samplesOf(result.samples, 'webrtc_expectations_judged'))).toBe(COUNT);
    expect(result.setupData).toEqual({ vus: 4 });
    expectGreenButForLatency(result);
    expect(result.summaryOutputs['reports/negative-mix-summary.json']).toBeDefined();
  });

  it('flags entries whose expected outcome is wrong, either way', async () => {
    const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as CorpusEntry[];
    const toRejected = corpus.findIndex((e) => e.expected.outcome === 'accepted');
    const toAccepted = corpus.findIndex((e) => e.expected.outcome === 'rejected');
    const otherError = corpus.findIndex((e, i) => e.expected.outcome === 'rejected' && i !== toAccepted);
    const wrong = corpus.map((e, i) => {
      if (i === toRejected) return { ...e, expected: { outcome: 'rejected', rules: ['required'], allowedErrors: ['InvalidParameterException'], status: 400 } };
      if (i === toAccepted) return { ...e, expected: { outcome: 'accepted' } };
      // The right status, but an error name the service does not send.
      if (i === otherError && e.expected.outcome === 'rejected') return { ...e, expected: { ...e.expected, allowedErrors: ['AccessDeniedException'] } };
      return e;
    });
    const wrongFile = join(dir, 'wrong-corpus.json');
    writeFileSync(wrongFile, JSON.stringify(wrong));

    const result = await run(wrongFile);
    expect(result.iterationErrors).toEqual([]);
    const mismatched = samplesOf(result.samples, k6Metrics.expectationMismatches).filter((s) => s.value === 1);
    expect(mismatched).toHaveLength(3);
    expect(mismatched.map((s) => s.tags.outcome).sort()).toEqual(['accepted', 'rejected', 'rejected']);
    expect(mismatched.map((s) => s.tags.rule)).toContain('required');
    expect(mismatched.map((s) => s.tags.rule)).toContain('valid');
    const report = JSON.parse(result.summaryOutputs['reports/negative-mix-summary.json']!) as { passed: boolean; checks: { name: string; fails: number }[] };
    expect(report.passed).toBe(false);
    expect(result.thresholdVerdicts).toContainEqual({ key: k6Metrics.expectationMismatches, expression: 'rate==0', ok: false });
    expect(result.exitCode).toBe(99);
    expect(report.checks).toContainEqual(expect.objectContaining({ name: 'response matches the corpus expectation', fails: 3 }));
  });

  it('refuses to start without a corpus', async () => {
    const result = await runInShim('negative-mix', { env: { TARGET_URL: emulator.url } });
    expect(result.initError).toMatch(/CORPUS=/);
    expect(result.samples).toEqual([]);
  });
});
