import { defineConfig } from "@playwright/test";

import { CHROMIUM, freePort } from "./playwright.config";

// Every story of the built Storybook (storybook-static, `npm run build-storybook`) rendered in
// Debian's chromium and checked with axe: no serious or critical violation.
// A free port per run (inherited by the workers), so parallel runs on one machine do not collide.
process.env.E2E_STORYBOOK_PORT ??= freePort();
export const STORYBOOK_PORT = Number(process.env.E2E_STORYBOOK_PORT);

export default defineConfig({
  testDir: "stories-a11y",
  outputDir: "test-results/stories",
  timeout: 30_000,
  retries: 0,
  workers: 2,
  fullyParallel: true,
  reporter: [["dot"]],
  use: {
    baseURL: `http://127.0.0.1:${STORYBOOK_PORT}`,
    browserName: "chromium",
    launchOptions: CHROMIUM,
  },
  webServer: {
    command: `npx vite preview --outDir storybook-static --host 127.0.0.1 --port ${STORYBOOK_PORT} --strictPort`,
    url: `http://127.0.0.1:${STORYBOOK_PORT}/iframe.html`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
