import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'properties/**/*.test.ts', 'scenarios/**/*.test.ts', 'dashboards/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Property tests print their seed on failure; CI pins seeds through FC_SEED when replaying.
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
