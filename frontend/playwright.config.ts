import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";

import { defineConfig } from "@playwright/test";

// Browser tests drive Debian's chromium (never a downloaded browser) against the real API on
// PostgreSQL and Redis (a throwaway database, see e2e/api-server.mjs) and the built SPA served
// from another origin (so every call also proves CORS).
//
// Ports are picked free once per run (the config is read again by every worker, which inherits
// the runner's environment), so two runs on one machine — a CI clone and a developer's — never
// collide. Set E2E_API_PORT / E2E_WEB_PORT to choose them.
export function freePort(): string {
  // a synchronous child, as the config is evaluated synchronously: listen on port 0, print it
  const probe = spawnSync(
    process.execPath,
    [
      "-e",
      "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});",
    ],
    { encoding: "utf8" },
  );
  if (probe.status !== 0 || !/^\d+$/.test(probe.stdout)) throw new Error("no free port");
  return probe.stdout;
}
process.env.E2E_API_PORT ??= freePort();
while (!process.env.E2E_WEB_PORT || process.env.E2E_WEB_PORT === process.env.E2E_API_PORT)
  process.env.E2E_WEB_PORT = freePort();
export const API_PORT = Number(process.env.E2E_API_PORT);
export const WEB_PORT = Number(process.env.E2E_WEB_PORT);
export const WEB_ORIGIN = `http://127.0.0.1:${WEB_PORT}`;
export const API_BASE = `http://127.0.0.1:${API_PORT}/api/v1`;
// One admin key and one database per run, handed to the servers through the environment (the
// API stores only the key's hash): nothing is printed, and workers inherit the runner's values.
process.env.E2E_ADMIN_KEY ??= `pgk_e2e_${randomBytes(24).toString("hex")}`;
process.env.E2E_DB_NAME ??= `patientgen_e2e_${process.pid}_${randomBytes(4).toString("hex")}`;
export const ADMIN_KEY = process.env.E2E_ADMIN_KEY;

export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 180_000,
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: WEB_ORIGIN,
    browserName: "chromium",
    acceptDownloads: true,
    launchOptions: CHROMIUM,
  },
  // the UI is built first: the API serves that build too (same-origin test)
  webServer: [
    {
      command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${WEB_PORT} --strictPort`,
      url: WEB_ORIGIN,
      env: { VITE_API_BASE_URL: API_BASE },
      reuseExistingServer: false,
      timeout: 180_000,
    },
    {
      command: "node e2e/api-server.mjs",
      url: `${API_BASE}/health`,
      env: {
        E2E_API_PORT: String(API_PORT),
        E2E_CORS_ORIGINS: WEB_ORIGIN,
        E2E_CACHE_PREFIX: `patientgen-e2e-${process.env.E2E_DB_NAME}:`,
      },
      reuseExistingServer: false,
      timeout: 90_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    },
  ],
});
