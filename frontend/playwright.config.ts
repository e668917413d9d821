import { randomBytes } from "node:crypto";

import { defineConfig } from "@playwright/test";

// Browser tests drive Debian's chromium (never a downloaded browser) against the real API on the
// embedded database and the built SPA.
export const API_PORT = 8765;
export const WEB_PORT = 4173;
export const DATA_DIR = "test-results/e2e-data";
// One admin key per run, handed to the server through its environment (it stores only the hash):
// nothing is printed, and workers inherit the runner's value.
process.env.E2E_ADMIN_KEY ??= `pgk_e2e_${randomBytes(24).toString("hex")}`;
export const ADMIN_KEY = process.env.E2E_ADMIN_KEY;

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${WEB_PORT}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command:
        `rm -rf ${DATA_DIR} && mkdir -p ${DATA_DIR} && ` +
        `exec ../backend/.venv/bin/python -m patientgen serve --host 127.0.0.1 --port ${API_PORT}`,
      url: `http://127.0.0.1:${API_PORT}/api/v1/health`,
      env: {
        PATIENTGEN_DATA_DIR: DATA_DIR,
        PATIENTGEN_ADMIN_API_KEY: ADMIN_KEY,
        PATIENTGEN_CORS_ORIGINS: `http://127.0.0.1:${WEB_PORT}`,
        PATIENTGEN_DATABASE_URL: "",
        PATIENTGEN_REDIS_URL: "",
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${WEB_PORT} --strictPort`,
      url: `http://127.0.0.1:${WEB_PORT}`,
      env: { VITE_API_BASE_URL: `http://127.0.0.1:${API_PORT}/api/v1` },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
