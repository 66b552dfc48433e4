// Every Redis the project starts keeps ClientTokens in an append-only file flushed every second:
// docker-compose.yml runs redis-server with the very flags the local and container starters use,
// and keeps its data in a named volume (so `docker compose restart redis` and `up` keep tokens).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { redisDurabilityArgs } from '../../harness/services/redis-durability.ts';

const root = resolve(import.meta.dirname, '..', '..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { command?: string[]; volumes?: string[] }>;
  volumes?: Record<string, unknown>;
};

/** `--name value` pairs of a redis-server command line. */
function settings(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) if (args[i]!.startsWith('--')) out[args[i]!.slice(2)] = args[++i] ?? '';
  return out;
}

it('the shared settings turn the append-only file on with fsync every second', () => {
  expect(settings(redisDurabilityArgs)).toMatchObject({ appendonly: 'yes', appendfsync: 'everysec' });
});

it('docker compose runs Redis with the same settings and a named data volume', () => {
  const redis = compose.services.redis!;
  expect(redis.command?.[0]).toBe('redis-server');
  expect(settings(redis.command!.slice(1))).toEqual(settings(redisDurabilityArgs));
  expect(redis.volumes).toContain('redis-data:/data');
  expect(compose.volumes).toHaveProperty('redis-data');
});
