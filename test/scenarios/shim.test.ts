// The shim against k6's documented behaviour, through a probe script: http.batch and asyncRequest
// really run concurrently (the server sees them held together) (the idempotency scenario's concurrent duplicates depend on it), header
// names are canonicalised as k6 does, a refused connection is status 0 with k6's error code,
// k6/crypto matches published vectors, SharedArray and open() work in the init context.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot, runInShim } from './run-in-shim.ts';
import { samplesOf } from './samples.ts';

/** How long the server holds a request whose group never fills: a guard, never the expected path. */
const RELEASE_GUARD_MS = 5_000;
/** Per probe group: requests the server holds at once, at most, and the held ones. */
const groups = new Map<string, { inFlight: number; most: number; held: (() => void)[] }>();
let server: Server;
let slowUrl: string;
let closedUrl: string;

beforeAll(async () => {
  // `/slow?group=G&size=N` is a rendezvous: a request is held until N requests of group G are held
  // together, then all are answered. Concurrency is then a count the server sees, not a duration:
  // requests sent one after another never meet (each is released by the guard), and the most held
  // at once stays 1.
  server = createServer((req, res) => {
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-errortype': 'Probe' });
      res.end('{"ok":true}');
    };
    const url = new URL(req.url ?? '/', 'http://probe');
    if (url.pathname !== '/slow') return answer();
    const name = url.searchParams.get('group') ?? '';
    const size = Number(url.searchParams.get('size'));
    const group = groups.get(name) ?? { inFlight: 0, most: 0, held: [] };
    groups.set(name, group);
    group.most = Math.max(group.most, ++group.inFlight);
    const release = () => {
      group.inFlight--;
      answer();
    };
    if (group.inFlight < size) {
      const guard = setTimeout(() => {
        group.held.splice(group.held.indexOf(release), 1);
        release();
      }, RELEASE_GUARD_MS);
      group.held.push(() => {
        clearTimeout(guard);
        release();
      });
    } else {
      for (const held of group.held.splice(0)) held();
      release();
    }
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
  // Concurrent: the server held all five batch requests at once, and both async ones.
  expect(groups.get('batch')?.most).toBe(5);
  expect(groups.get('async')?.most).toBe(2);
});
