import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (see README). Headless, no sandbox (CI runs as
// root), no background networking (this machine's network is closed).
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

const mockPort = 5173;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'mock-smoke',
      testMatch: /smoke-mock\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${mockPort}` },
    },
  ],
  webServer: [
    {
      command: `npm run dev:mock -- --port ${mockPort}`,
      url: `http://127.0.0.1:${mockPort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
