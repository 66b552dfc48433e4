// How tests learn whether InfluxDB and Redis can be had, and what a missing one means: a visible
// skip locally, a failure under CI=true. Decided quickly, without a container runtime.
import { describe, expect, it } from 'vitest';
import { availability } from '../../harness/services/availability.ts';
import { dockerEndpoint, pingDocker } from '../../harness/services/container-runtime.ts';
import { findExecutable } from '../../harness/services/find-executable.ts';
import { settlesWithin } from '../support/hang-guard.ts';

describe('service availability', () => {
  it('without binaries on PATH, local tests skip with the Debian package to install', async () => {
    const found = await availability('influxdb', { env: { PATH: '', HARNESS_SERVICES: 'local' } });
    expect(found).toMatchObject({ how: undefined, mustFail: false });
    expect(found.skip).toMatch(/influxd is not on PATH \(Debian package influxdb\)/);
  });

  it('under CI=true the same absence is a failure, not a skip', async () => {
    const found = await availability('redis', { env: { PATH: '', HARNESS_SERVICES: 'local', CI: 'true' } });
    expect(found).toMatchObject({ how: undefined, skip: undefined, mustFail: true });
    expect(found.reason).toMatch(/redis-server is not on PATH/);
  });

  it.skipIf(findExecutable('redis-server') === undefined)('finds a binary on PATH', async () => {
    const found = await availability('redis', { env: { PATH: process.env.PATH, HARNESS_SERVICES: 'local' } });
    expect(found).toMatchObject({ how: 'local', skip: undefined, mustFail: false });
  });

  it('reads DOCKER_HOST, and a socket that does not answer is no runtime', async () => {
    expect(dockerEndpoint({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })).toEqual({ socketPath: '/nonexistent/docker.sock' });
    expect(dockerEndpoint({ DOCKER_HOST: 'tcp://127.0.0.1:2375' })).toEqual({ host: '127.0.0.1', port: 2375 });
    expect(await settlesWithin('pingDocker on a missing socket', pingDocker({ socketPath: '/nonexistent/docker.sock' }, 1_000))).toBe(false);
  });
});
