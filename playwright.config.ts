import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the web workspace (test/web): one browser (Debian's chromium: Playwright
 * cannot download its own here), one app on a database of its own, the tests one after
 * another as a person would use it. scripts/test.sh runs them after jest.
 */
const port = Number(process.env.WEB_TEST_PORT ?? 39123);

export default defineConfig({
  testDir: 'test/web',
  testMatch: '**/*.pw.ts',
  globalSetup: './test/web/support/global-setup.ts',
  globalTeardown: './test/web/support/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: a whole journey with an axe check on every page, on a 2-core machine.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.data/playwright-results.json' }]],
  outputDir: '.data/playwright',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
