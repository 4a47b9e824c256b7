import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunch } from './e2e/support/chromium';
import { ensureRunDirs, managerUrl, stackEnv } from './e2e/support/stack-env';

const chromium = { ...devices['Desktop Chrome'], launchOptions: chromiumLaunch };

const mockPort = Number(process.env.ZEDOPS_E2E_MOCK_PORT ?? 5173);
ensureRunDirs();

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'mock-smoke',
      testMatch: /smoke-mock\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${mockPort}` },
    },
    {
      // The real stack: manager (SQLite) + agent CLI + dockerd + local registry + test image.
      name: 'stack',
      testIgnore: /smoke-mock\.spec\.ts/,
      use: { ...chromium, baseURL: managerUrl },
    },
  ],
  webServer: [
    {
      command: `npm run dev:mock -- --port ${mockPort}`,
      url: `http://127.0.0.1:${mockPort}`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'npm run --silent build && node --import tsx manager/src/index.ts',
      url: `${managerUrl}/api/auth/me`,
      // /api/auth/me answers 401 until someone signs in: that is "up".
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(stackEnv.managerPort),
        HOST: '127.0.0.1',
        ZEDOPS_DATA_DIR: stackEnv.managerDataDir,
        ZEDOPS_ADMIN_EMAIL: stackEnv.admin.email,
        ZEDOPS_ADMIN_PASSWORD: stackEnv.admin.password,
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
