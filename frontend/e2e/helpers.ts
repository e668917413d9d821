import { createReadStream } from "node:fs";
import { mkdirSync } from "node:fs";
import { createInterface } from "node:readline";

import AxeBuilder from "@axe-core/playwright";
import { expect, request, type APIRequestContext, type Page } from "@playwright/test";

import { ADMIN_KEY, API_BASE } from "../playwright.config";

export const adminKey = () => ADMIN_KEY;

/** The API as the tests' own client (with the key in the header, as the SPA sends it). */
export async function apiClient(key = adminKey()): Promise<APIRequestContext> {
  return request.newContext({ baseURL: `${API_BASE}/`, extraHTTPHeaders: { "X-API-Key": key } });
}

export async function presetScenario(api: APIRequestContext, id = "large_scale_conventional") {
  return (await api.get(`reference/presets/${id}`)).json();
}

/** Starts a job through the API (for tests about something else than the form). */
export async function apiJob(api: APIRequestContext, patients: number, seed = 1) {
  const scenario = await presetScenario(api);
  const response = await api.post("jobs", { data: { scenario, patients, seed } });
  expect(response.status()).toBe(202);
  return (await response.json()) as { id: string };
}

export async function waitForJob(api: APIRequestContext, id: string, timeoutMs = 120_000) {
  await expect
    .poll(async () => (await (await api.get(`jobs/${id}`)).json()).status, { timeout: timeoutMs })
    .toMatch(/completed|failed|cancelled/);
  return (await api.get(`jobs/${id}`)).json();
}

/** Enters the key in Settings, as a user does. */
export async function signIn(page: Page, key = adminKey(), remember = false) {
  await page.goto("/settings");
  await page.getByLabel("API key").fill(key);
  if (remember) await page.getByLabel("Remember on this device").check();
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await expect(page.getByText(/Signed in as/)).toBeVisible();
}

/** Records every URL the page asks for (to check that no key ever appears in one). */
export function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}

/** axe on the whole page: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `axe on ${what}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export async function countLines(path: string): Promise<number> {
  let lines = 0;
  const reader = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of reader) if (line.length > 0) lines += 1;
  return lines;
}

export function observeProgress(page: Page) {
  // records every value the progress bar shows, to prove it moved while the job ran
  return page.addInitScript(() => {
    const seen: { status: string | null; value: number }[] = [];
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      const status = document.querySelector("[data-status]")?.getAttribute("data-status") ?? null;
      if (bar) seen.push({ status, value: Number(bar.getAttribute("aria-valuenow")) });
    }).observe(document, { subtree: true, attributes: true, childList: true });
  });
}

export async function progressSeen(page: Page) {
  return page.evaluate(
    () =>
      (window as unknown as { __progress: { status: string | null; value: number }[] }).__progress,
  );
}
