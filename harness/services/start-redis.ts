// Redis for tests and local use, the way availability() found: container or local redis-server.
import { availability } from './availability.ts';
import { loadTestcontainers, startRedisContainer } from './containers.ts';
import { startLocalRedis } from './local-redis.ts';
import type { RunningService } from './running-service.ts';

/** Starts Redis; throws, saying why, when it cannot be had. `port`: its port on 127.0.0.1 (default: any free one). */
export async function startRedis(options: { port?: number } = {}): Promise<RunningService> {
  const found = await availability('redis');
  if (found.how === 'container') return startRedisContainer((await loadTestcontainers())!, options.port);
  if (found.how === 'local') return startLocalRedis(options.port === undefined ? {} : { port: options.port });
  throw new Error(`Redis: ${found.reason}`);
}
