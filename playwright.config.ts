import { defineConfig } from '@playwright/test';

// Debian's Chromium; Playwright's own browser download is not used.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4173);
// The built app to serve; parallel work can build into its own folder (vite build --outDir NAME).
const outDir = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: process.env.CI ? 'list' : 'line',
  use: {
    baseURL: `http://localhost:${port}/`,
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // --bypass-lock lets several preview servers (one per build folder) run side by side.
    command: `npx vite preview --outDir ${outDir} --port ${port} --strictPort --bypass-lock`,
    url: `http://localhost:${port}/`,
    // Never test a server someone else started on the same port.
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
