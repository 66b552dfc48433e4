// How InfluxDB and Redis can be had on this machine, decided once and quickly: a container when
// testcontainers is installed and a runtime answers, else the local binary, else not at all. Tests
// read `skip` (a visible reason) and `mustFail` (CI=true: a missing service is a failure, not a skip).
// HARNESS_SERVICES=local or =container forces one way.
import { containerRuntimeAnswers } from './container-runtime.ts';
import { loadTestcontainers } from './containers.ts';
import { findExecutable } from './find-executable.ts';

export type ServiceName = 'influxdb' | 'redis';

export interface Availability {
  readonly service: ServiceName;
  readonly how: 'container' | 'local' | undefined;
  /** Why tests must skip; undefined when they can run, and under CI=true (see mustFail). */
  readonly skip: string | undefined;
  /** CI=true and the service cannot be had: tests must fail, saying why (`reason`). */
  readonly mustFail: boolean;
  readonly reason: string | undefined;
}

const debianPackage: Record<ServiceName, string> = { influxdb: 'influxdb', redis: 'redis-server' };
const binaryOf: Record<ServiceName, string> = { influxdb: 'influxd', redis: 'redis-server' };

/**
 * `localOnly` for tests that need what only a local process gives (killing it and starting it
 * again on the same port and data directory).
 */
export async function availability(service: ServiceName, options: { env?: NodeJS.ProcessEnv; localOnly?: boolean } = {}): Promise<Availability> {
  const env = options.env ?? process.env;
  const forced = options.localOnly ? 'local' : env.HARNESS_SERVICES;
  let how: Availability['how'];
  if (forced !== 'local' && (await containerRuntimeAnswers()) && (await loadTestcontainers())) how = 'container';
  else if (forced !== 'container' && findExecutable(binaryOf[service], env.PATH ?? '')) how = 'local';
  if (how) return { service, how, skip: undefined, mustFail: false, reason: undefined };
  const reason =
    forced === 'container'
      ? `HARNESS_SERVICES=container but no container runtime answers or testcontainers is not installed`
      : `${forced === 'local' ? '' : 'no container runtime with testcontainers, and '}${binaryOf[service]} is not on PATH (Debian package ${debianPackage[service]})`;
  const ci = env.CI === 'true';
  return { service, how, skip: ci ? undefined : reason, mustFail: ci, reason };
}
