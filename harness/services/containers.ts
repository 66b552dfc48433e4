// InfluxDB and Redis as containers through testcontainers (11.x), when it is installed and a
// container runtime answers. testcontainers is loaded on demand and typed here by the little this
// file uses, so that the harness type-checks and runs without it.
import { redisDurabilityArgs } from './redis-durability.ts';
import type { RunningService } from './running-service.ts';

/** Images pinned to what docker-compose.yml runs. */
export const images = {
  influxdb: 'influxdb:1.8.10',
  redis: 'redis:7.4.2-alpine',
} as const;

interface StartedContainer {
  getHost(): string;
  getMappedPort(port: number): number;
  stop(): Promise<unknown>;
}

interface ContainerBuilder {
  withExposedPorts(...ports: (number | { container: number; host: number })[]): ContainerBuilder;
  withEnvironment(env: Record<string, string>): ContainerBuilder;
  withCommand(command: string[]): ContainerBuilder;
  withWaitStrategy(strategy: unknown): ContainerBuilder;
  start(): Promise<StartedContainer>;
}

interface Testcontainers {
  GenericContainer: new (image: string) => ContainerBuilder;
  Wait: {
    forHttp(path: string, port: number): { forStatusCode(code: number): unknown };
    forLogMessage(message: string | RegExp): unknown;
  };
}

// A variable, so that TypeScript does not try to resolve a package that may not be installed.
const moduleName = 'testcontainers';

/** testcontainers, or undefined when it is not installed. */
export async function loadTestcontainers(): Promise<Testcontainers | undefined> {
  try {
    return (await import(moduleName)) as Testcontainers;
  } catch {
    return undefined;
  }
}

function service(url: string, container: StartedContainer): RunningService {
  const stop = async () => {
    await container.stop();
  };
  return { url, kind: 'container', stop, [Symbol.asyncDispose]: stop };
}

/** A container port, published on `host` when given (else on a port Docker picks). */
const exposed = (container: number, host: number | undefined) => (host === undefined ? container : { container, host });

export async function startInfluxContainer(tc: Testcontainers, database = 'k6', hostPort?: number): Promise<RunningService> {
  const container = await new tc.GenericContainer(images.influxdb)
    .withEnvironment({ INFLUXDB_DB: database, INFLUXDB_REPORTING_DISABLED: 'true', INFLUXDB_HTTP_LOG_ENABLED: 'false' })
    .withExposedPorts(exposed(8086, hostPort))
    .withWaitStrategy(tc.Wait.forHttp('/ping', 8086).forStatusCode(204))
    .start();
  return service(`http://${container.getHost()}:${container.getMappedPort(8086)}`, container);
}

export async function startRedisContainer(tc: Testcontainers, hostPort?: number): Promise<RunningService> {
  const container = await new tc.GenericContainer(images.redis)
    .withCommand(['redis-server', ...redisDurabilityArgs])
    .withExposedPorts(exposed(6379, hostPort))
    .withWaitStrategy(tc.Wait.forLogMessage('Ready to accept connections'))
    .start();
  return service(`redis://${container.getHost()}:${container.getMappedPort(6379)}`, container);
}
