// docker compose's k6 service writes its summaries into ./reports on a fresh clone: the folder is
// committed (so Docker never creates it as root) and the service runs as the host user, not as the
// image's uid 12345, which could not write into a folder the cloning user owns.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..', '..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { user?: string; volumes?: string[]; environment?: Record<string, string> }> };

it('the k6 service mounts ./reports as SUMMARY_DIR and runs as the host user', () => {
  const k6 = compose.services.k6!;
  expect(k6.volumes).toContain('./reports:/reports');
  expect(k6.environment?.SUMMARY_DIR).toBe('/reports');
  expect(k6.user).toBe('${K6_UID:-1000}:${K6_GID:-1000}');
  expect(existsSync(resolve(root, 'reports', '.gitkeep'))).toBe(true);
  // Tracked, not merely present here: ignored files would not reach a clone.
  expect(readFileSync(resolve(root, '.gitignore'), 'utf8')).toMatch(/^!reports\/\.gitkeep$/m);
});
