import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests. The `headless` project drives Debian's Chromium against the headless shell (each test starts
 * its own shell on its own data directory, e2e/fixtures.ts) and runs every spec but e2e/electron.spec.ts. The
 * `electron` project runs only that one smoke spec through Playwright's Electron launcher where an Electron binary
 * exists, and skips it, saying so, where it does not.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: '.cache/test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.cache/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  },
  projects: [
    {
      name: 'headless',
      testIgnore: /electron\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
  ],
});
