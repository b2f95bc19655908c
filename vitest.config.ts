import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // every log line of the run goes to one directory, scanned for personal data at the end
    globalSetup: ['test/logs/global-setup.ts'],
    setupFiles: ['test/logs/flush-after-each-file.ts'],
    // PGlite needs a few seconds to start on 2 cores; test files share one instance each.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
