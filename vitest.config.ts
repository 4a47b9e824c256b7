import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';
import { aliases } from './vite.config';

// Three projects: `frontend` (jsdom + MSW node server), `node` (contract, mocks, manager —
// in-process, real SQLite and real WebSockets on loopback), `docker` (agent against a real engine,
// and scripts/ tests joining manager and agent on it).
export default defineConfig({
  resolve: { alias: aliases },
  test: {
    projects: [
      {
        plugins: [react()],
        resolve: { alias: aliases },
        test: {
          name: 'frontend',
          environment: 'jsdom',
          include: ['frontend/src/**/*.test.{ts,tsx}'],
          setupFiles: ['frontend/src/testing/setup-tests.ts'],
        },
      },
      {
        resolve: { alias: aliases },
        test: {
          name: 'node',
          environment: 'node',
          // agent/src/data: plain filesystem work (fingerprints, snapshots), no Docker needed.
          include: [
            'contract/**/*.test.ts',
            'mocks/**/*.test.ts',
            'manager/**/*.test.ts',
            'agent/src/data/**/*.test.ts',
            // scripts/build: the bundles, built and run without Docker.
            'scripts/build/**/*.test.ts',
            'scripts/test-prereqs.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias: aliases },
        test: {
          name: 'docker',
          environment: 'node',
          // scripts/ tests run the real manager and the real agent together (docs/decisions/0001).
          include: ['agent/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [
            ...configDefaults.exclude,
            'agent/src/data/**',
            'scripts/build/**',
            'scripts/test-prereqs.test.ts',
          ],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
