// Frontend benchmark (not a test): a 1,000,000-patient job on PostgreSQL + Redis, then
//  (1) statistics: response size and time, unfiltered and with a front filter;
//  (2) time from the statistics answer to every dashboard chart drawn, in Debian's chromium,
//      unfiltered, loaded with a filter in the URL, and after changing the filter on the page;
//  (3) NDJSON download throughput: ticket (POST, then a plain GET) vs the direct authenticated
//      GET, read as a stream; and once through the browser's download manager.
// Usage: cd frontend && node bench/run.mjs [patients]   (writes bench/results.json)
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

import { chromium } from "@playwright/test";

const PATIENTS = Number(process.argv[2] ?? 1_000_000);
const PORT = 8766;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const API = `${ORIGIN}/api/v1`;
const KEY = `pgk_bench_${randomBytes(24).toString("hex")}`;
const REPEAT = 5;
const root = resolve(import.meta.dirname, "..");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => Math.round(x * 10) / 10;
const headers = { "X-API-Key": KEY, "Content-Type": "application/json" };

async function api(path, init = {}) {
  const response = await fetch(API + path, { ...init, headers: { ...headers, ...init.headers } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}

async function waitFor(check, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Reads a body to the end without keeping it; returns bytes and seconds. */
async function drain(response, started) {
  let bytes = 0;
  for await (const chunk of response.body) bytes += chunk.length;
  return { bytes, seconds: (performance.now() - started) / 1000 };
}

console.log("building the SPA (same origin as the API)…");
spawnSync("npx", ["vite", "build", "--logLevel", "error"], { cwd: root, stdio: "inherit" });

const server = spawn("node", ["e2e/api-server.mjs"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    E2E_DB_NAME: `patientgen_e2e_bench_${randomBytes(4).toString("hex")}`,
    E2E_API_PORT: String(PORT),
    E2E_ADMIN_KEY: KEY,
    E2E_CORS_ORIGINS: ORIGIN,
    PATIENTGEN_WEB_DIR: resolve(root, "dist"),
    PATIENTGEN_LOG_LEVEL: "warning",
  },
});
const results = { patients: PATIENTS, repeat: REPEAT };
try {
  await waitFor(async () => (await fetch(`${API}/health`)).ok, 90_000, "the API");
  const scenario = await (await api("/reference/presets/large_scale_conventional")).json();
  let started = performance.now();
  const job = await (
    await api("/jobs", {
      method: "POST",
      body: JSON.stringify({ scenario, patients: PATIENTS, seed: 1 }),
    })
  ).json();
  console.log(`generating ${PATIENTS.toLocaleString("en-US")} patients…`);
  await waitFor(
    async () => (await (await api(`/jobs/${job.id}`)).json()).status === "completed",
    900_000,
    "the job",
  );
  results.generation_s = ms((performance.now() - started) / 1000);

  // (1) statistics answers
  const all = await (await api(`/jobs/${job.id}/statistics`)).text();
  const front = Object.keys(JSON.parse(all).counts.front).sort()[0];
  const query = `front=${encodeURIComponent(front)}`;
  const timed = async (path) => {
    const t = performance.now();
    const body = await (await api(path)).text();
    return { ms: performance.now() - t, bytes: Buffer.byteLength(body) };
  };
  const coldFiltered = await timed(`/jobs/${job.id}/statistics?${query}`);
  const warm = [];
  const warmFiltered = [];
  for (let i = 0; i < REPEAT; i += 1) {
    warm.push((await timed(`/jobs/${job.id}/statistics`)).ms);
    warmFiltered.push((await timed(`/jobs/${job.id}/statistics?${query}`)).ms);
  }
  results.statistics = {
    unfiltered: { bytes: Buffer.byteLength(all), median_ms: ms(median(warm)) },
    filtered: {
      filter: query,
      bytes: coldFiltered.bytes,
      first_ms: ms(coldFiltered.ms),
      cached_median_ms: ms(median(warmFiltered)),
    },
  };
  console.log(results.statistics);

  // (2) dashboard paint in the browser
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/settings`);
  await page.getByLabel("API key").fill(KEY);
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await page.getByText(/Signed in as/).waitFor();

  const paints = async (path) => {
    await page.goto(ORIGIN + path);
    await page.waitForFunction(
      () => performance.getEntriesByName("dashboard:paint").length > 0,
      null,
      {
        timeout: 60_000,
      },
    );
    return page.evaluate(() => performance.getEntriesByName("dashboard:paint")[0].duration);
  };
  const unfilteredPaint = [];
  const filteredPaint = [];
  const switchPaint = [];
  for (let i = 0; i < REPEAT; i += 1) {
    unfilteredPaint.push(await paints(`/jobs/${job.id}`));
    // on the page: pick the filter (a new answer: fetched, cached on the server after run 1)
    await page.getByLabel("Front", { exact: true }).selectOption(front);
    await page.waitForFunction(() => performance.getEntriesByName("dashboard:paint").length > 1);
    switchPaint.push(
      await page.evaluate(() => performance.getEntriesByName("dashboard:paint")[1].duration),
    );
    filteredPaint.push(await paints(`/jobs/${job.id}?${query}`));
  }
  results.dashboard_paint_ms = {
    unfiltered_median: ms(median(unfilteredPaint)),
    filtered_in_url_median: ms(median(filteredPaint)),
    filter_changed_on_page_median: ms(median(switchPaint)),
    runs: {
      unfiltered: unfilteredPaint.map(ms),
      filtered: filteredPaint.map(ms),
      changed: switchPaint.map(ms),
    },
  };
  console.log(results.dashboard_paint_ms);

  // (3) downloads
  const ticket = async () => {
    const t = performance.now();
    const minted = await (
      await api(`/jobs/${job.id}/downloads`, {
        method: "POST",
        body: JSON.stringify({ format: "ndjson" }),
      })
    ).json();
    const response = await fetch(new URL(minted.url, ORIGIN));
    if (!response.ok) throw new Error(`ticket: ${response.status}`);
    return drain(response, t);
  };
  const direct = async () => {
    const t = performance.now();
    return drain(await api(`/jobs/${job.id}/export?format=ndjson`), t);
  };
  const downloads = { ticket: [], direct: [] };
  for (let i = 0; i < 2; i += 1) {
    downloads.ticket.push(await ticket());
    downloads.direct.push(await direct());
  }
  const rate = (d) => ms(d.bytes / d.seconds / 1e6);
  results.ndjson_download = {
    bytes: downloads.ticket[0].bytes,
    ticket_MB_s: downloads.ticket.map(rate),
    direct_MB_s: downloads.direct.map(rate),
    ticket_s: downloads.ticket.map((d) => ms(d.seconds)),
    direct_s: downloads.direct.map((d) => ms(d.seconds)),
  };
  // once through the browser's own download manager (the path users take)
  await page.goto(`${ORIGIN}/jobs/${job.id}`);
  started = performance.now();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download", exact: true }).click(),
  ]);
  const path = await download.path();
  const seconds = (performance.now() - started) / 1000;
  results.ndjson_download.browser = {
    bytes: statSync(path).size,
    seconds: ms(seconds),
    MB_s: ms(statSync(path).size / seconds / 1e6),
    heap_MB_after: ms((await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) / 1e6),
  };
  console.log(results.ndjson_download);
  await browser.close();
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
}
writeFileSync(
  resolve(import.meta.dirname, "results.json"),
  JSON.stringify(results, null, 2) + "\n",
);
console.log(JSON.stringify(results, null, 2));
