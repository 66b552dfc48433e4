import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'properties/**/*.test.ts', 'scenarios/**/*.test.ts', 'dashboards/**/*.test.ts', 'test/**/*.test.ts'],
    // Hang guards, not speed limits: generous enough for a machine whose cores are shared with
    // CPU hogs (npm run test:under-load); speed is measured in npm run bench.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // FC_SEED pins every property test's seed (test/support/fc-seed.ts).
    setupFiles: ['test/support/fc-seed.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
