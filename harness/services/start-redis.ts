// Redis for tests and local use, the way availability() found: container or local redis-server.
import { availability } from './availability.ts';
import { loadTestcontainers, startRedisContainer } from './containers.ts';
import { startLocalRedis } from './local-redis.ts';
import type { RunningService } from './running-service.ts';

/** Starts Redis; throws, saying why, when it cannot be had. */
export async function startRedis(): Promise<RunningService> {
  const found = await availability('redis');
  if (found.how === 'container') return startRedisContainer((await loadTestcontainers())!);
  if (found.how === 'local') return startLocalRedis();
  throw new Error(`Redis: ${found.reason}`);
}
