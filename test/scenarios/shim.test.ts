// The shim against k6's documented behaviour, through a probe script: http.batch and asyncRequest
// really run concurrently (the idempotency scenario's concurrent duplicates depend on it), header
// names are canonicalised as k6 does, a refused connection is status 0 with k6's error code,
// k6/crypto matches published vectors, SharedArray and open() work in the init context.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot, runInShim } from './run-in-shim.ts';
import { samplesOf } from './samples.ts';

const DELAY_MS = 300;
let server: Server;
let slowUrl: string;
let closedUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-errortype': 'Probe' });
      res.end('{"ok":true}');
    };
    if (req.url === '/slow') setTimeout(answer, DELAY_MS);
    else answer();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  slowUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was free a moment ago: nothing listens there now.
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((done) => closed.close(done));
});
afterAll(() => new Promise((done) => server?.close(done)));

it('behaves like k6 where the scenarios depend on it', async () => {
  const result = await runInShim(join(repoRoot, 'test', 'scenarios', 'fixtures', 'shim-probe.ts'), {
    env: { SLOW_URL: slowUrl, CLOSED_URL: closedUrl },
    defaultIterations: 1,
  });
  expect(result.initError).toBeUndefined();
  expect(result.iterationErrors).toEqual([]);
  const failed = samplesOf(result.samples, 'checks').filter((s) => s.value === 0).map((s) => s.tags.check);
  expect(failed).toEqual([]);
  expect(samplesOf(result.samples, 'checks')).toHaveLength(10);
  // Concurrent: five delayed requests take well under two delays, not five.
  const [batch] = samplesOf(result.samples, 'probe_ms', { probe: 'batch' });
  expect(batch!.value).toBeLessThan(2 * DELAY_MS);
  const [both] = samplesOf(result.samples, 'probe_ms', { probe: 'async' });
  expect(both!.value).toBeLessThan(2 * DELAY_MS);
});
