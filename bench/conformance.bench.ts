// Conformance cases per second through the real SDK against the embedded emulator, against the
// SDK's own call rate to an in-process server that answers a fixed 200 (both sequential, one call
// at a time, in this process, as a conformance run makes them). The baseline sends cases from the
// same generators with the same seed, generated beforehand, so the ratio is the cost
// of the harness itself: generating, recording, judging, and the emulator answering, against the
// SDK moving the same bytes. A run of small requests only is reported too, for scale.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultProfile } from '../harness/contract/index.ts';
import { runConformance } from '../harness/conformance/runner.ts';
import { openEmulatorTarget } from '../harness/targets/emulator-target.ts';
import { SdkTarget } from '../harness/targets/target.ts';
import fc from 'fast-check';
import { invalidRequest, validRequest } from '../properties/arbitraries/index.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID } from '../harness/contract/defaults.ts';
import type { BenchSection } from './section.ts';

const RUNS = 400;
const RAW_SECONDS = 4;

/** The StartWebRTCContact bodies a run with this seed sends, generated ahead of time. */
function sameCases(runs: number, seed: number): Record<string, unknown>[] {
  const ids = { instanceId: DEFAULT_INSTANCE_ID, contactFlowId: DEFAULT_CONTACT_FLOW_ID };
  const valid = fc.sample(validRequest(ids), { numRuns: runs, seed });
  const invalid = fc.sample(invalidRequest(ids), { numRuns: runs, seed }).map((c) => c.request);
  return [...valid, ...invalid, ...valid.slice(0, runs / 2), ...invalid.slice(0, runs / 2)];
}

async function rawSdkRate(requests?: readonly Record<string, unknown>[]): Promise<number> {
  const body = JSON.stringify({ ContactId: '00000000-0000-4000-8000-000000000000', ParticipantId: 'p', ParticipantToken: 't' });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = new SdkTarget({
    kind: 'endpoint', description: 'fixed-200 server', endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, instanceId: DEFAULT_INSTANCE_ID, contactFlowId: DEFAULT_CONTACT_FLOW_ID,
    authEnforced: true, concurrency: 1, stopContactsOnClose: false,
  });
  const small = { InstanceId: DEFAULT_INSTANCE_ID, ContactFlowId: DEFAULT_CONTACT_FLOW_ID, ParticipantDetails: { DisplayName: 'Bench' }, ClientToken: 'x' };
  for (let i = 0; i < 200; i++) await target.call('StartWebRTCContact', small); // warm-up
  let calls = 0;
  const start = performance.now();
  if (requests) {
    for (const request of requests) await target.call('StartWebRTCContact', request);
    calls = requests.length;
  } else {
    while (performance.now() - start < RAW_SECONDS * 1000) {
      await target.call('StartWebRTCContact', small);
      calls++;
    }
  }
  const rate = (calls * 1000) / (performance.now() - start);
  await target.close();
  await new Promise((resolve) => server.close(resolve));
  return rate;
}

async function conformanceRate(): Promise<{ rate: number; cases: number }> {
  const target = await openEmulatorTarget();
  try {
    const checks = ['accepts-valid', 'rejects-invalid', 'error-shape', 'response-schema'];
    await runConformance({ target, profile: defaultProfile, runs: 50, seed: 1, checks, phases: ['random'] }); // warm-up
    const start = performance.now();
    const report = await runConformance({ target, profile: defaultProfile, runs: RUNS, seed: 2, checks, phases: ['random'] });
    const cases = report.results.reduce((n, r) => n + r.cases, 0);
    if (report.results.some((r) => r.status !== 'passed')) throw new Error('conformance did not pass on the emulator');
    return { rate: (cases * 1000) / (performance.now() - start), cases };
  } finally {
    await target.close();
  }
}

/** The coverage phase of every check against a fresh embedded emulator: its case count and time. */
async function coveragePhase(): Promise<{ cases: number; seconds: number }> {
  const target = await openEmulatorTarget();
  try {
    const start = performance.now();
    const report = await runConformance({ target, profile: defaultProfile, runs: 1, seed: 1, phases: ['coverage'] });
    if (report.results.some((r) => r.status !== 'passed')) throw new Error('the coverage phase did not pass on the emulator');
    return { cases: report.results.reduce((n, r) => n + (r.phaseCases?.coverage ?? 0), 0), seconds: (performance.now() - start) / 1000 };
  } finally {
    await target.close();
  }
}

const ROUNDS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function bench(): Promise<BenchSection> {
  // Alternating rounds, medians: one pass of each moved by up to a third between runs on this
  // shared machine.
  const cases = sameCases(RUNS, 2);
  const raws: number[] = [];
  const rates: number[] = [];
  const ratios: number[] = [];
  let count = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const r = await rawSdkRate(cases);
    const c = await conformanceRate();
    raws.push(r);
    rates.push(c.rate);
    ratios.push(c.rate / r);
    count = c.cases;
  }
  const raw = median(raws);
  const rate = median(rates);
  const ratio = median(ratios);
  const smallRaw = await rawSdkRate();
  const coverage = await coveragePhase();
  return {
    title: 'Conformance runner throughput',
    goal: "at least half the SDK's raw call rate against a fixed-200 server",
    met: ratio >= 0.5,
    rows: [
      { name: 'SDK calls to a fixed-200 server, the same cases pre-generated (baseline)', value: raw, unit: 'calls/s', ratio: 1 },
      { name: 'conformance cases (generate, send, record, judge) against the embedded emulator (ratio: median of rounds)', value: rate, unit: 'cases/s', ratio },
      { name: 'for scale: SDK calls to the fixed-200 server with one small request', value: smallRaw, unit: 'calls/s', ratio: smallRaw / raw },
      { name: `coverage phase of every check (${coverage.cases} fixed cases, the same at every seed) against the embedded emulator`, value: coverage.cases / coverage.seconds, unit: 'cases/s', ratio: coverage.cases / coverage.seconds / raw },
    ],
    notes: [
      `${count} cases of accepts-valid, rejects-invalid, error-shape and response-schema per round; sequential, as a conformance run sends them`,
      `${ROUNDS} alternating rounds; ratios ${ratios.map((x) => x.toFixed(2)).join(', ')}`,
      `coverage phase: ${coverage.cases} cases in ${coverage.seconds.toFixed(1)} s (throttling and auth probes included); against the real service at 1 request/s it would take about ${Math.round(coverage.cases / 60)} minutes`,
    ],
  };
}
