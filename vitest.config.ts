import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';
import { aliases } from './vite.config';

// Three projects: `frontend` (jsdom + MSW node server), `node` (contract, mocks, manager —
// in-process, real SQLite and real WebSockets on loopback — and the agent over its fakes),
// `docker` (agent *.docker.test.ts against a real engine, and scripts/ tests joining manager and
// agent on it).
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
          // Agent tests run here unless named *.docker.test.ts: the domain over in-memory fakes,
          // the filesystem on temp folders.
          include: [
            'contract/**/*.test.ts',
            'mocks/**/*.test.ts',
            'manager/**/*.test.ts',
            'agent/**/*.test.ts',
            // scripts/build: the bundles, built and run without Docker.
            'scripts/build/**/*.test.ts',
            'scripts/test-prereqs.test.ts',
            // bench: its helpers (the benchmarks themselves run by `npm run bench`).
            'bench/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'agent/**/*.docker.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias: aliases },
        test: {
          name: 'docker',
          environment: 'node',
          // scripts/ tests run the real manager and the real agent together (docs/decisions/0001).
          include: ['agent/**/*.docker.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'scripts/build/**', 'scripts/test-prereqs.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
