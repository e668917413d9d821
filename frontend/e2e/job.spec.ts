import { readFileSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { ADMIN_KEY } from "../playwright.config";

const adminKey = () => ADMIN_KEY;

async function signIn(page: Page, key: string) {
  await page.goto("/settings");
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Signed in as");
  await page.getByRole("link", { name: "Jobs" }).click();
}

async function startJob(page: Page, patients: number, seed: number) {
  await page.getByLabel("Patients").fill(String(patients));
  await page.getByLabel("Seed (optional)").fill(String(seed));
  await page.getByRole("button", { name: "Start job" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
}

test("a planner starts a job and watches its progress live to the end", async ({ page }) => {
  const key = adminKey();
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  await signIn(page, key);
  await startJob(page, 200_000, 7);

  const status = page.getByRole("status");
  // the rate comes only with the SSE progress events, while the job runs
  await expect(status).toContainText(/running: [\d,]+ \/ 200,000 · [\d,]+ patients\/s/);
  await expect(status).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(status).toContainText("200,000 / 200,000");
  await expect(page.getByLabel("Generated patients")).toHaveAttribute("value", "200000");
  expect(urls.some((url) => url.endsWith("/events"))).toBe(true);
  expect(urls.filter((url) => url.includes(key))).toEqual([]); // keys never in URLs
});

test("a finished job exports as CSV with every patient", async ({ page }) => {
  await signIn(page, adminKey());
  await startJob(page, 5_000, 8);
  await expect(page.getByRole("status")).toHaveAttribute("data-status", "completed", {
    timeout: 60_000,
  });
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "csv" }).click();
  const lines = readFileSync(await (await download).path(), "utf8")
    .trimEnd()
    .split("\n");
  expect(lines).toHaveLength(5_001);
  expect(lines[0]).toContain("nationality");
});

test("a bad request names the field and starts nothing", async ({ page }) => {
  await signIn(page, adminKey());
  await page.getByLabel("Patients").fill("0");
  await page.getByRole("button", { name: "Start job" }).click();
  await expect(page.getByRole("alert")).toContainText("patients");
  await expect(page).not.toHaveURL(/\/jobs\//);
});

test("a wrong key is refused", async ({ page }) => {
  await page.goto("/settings");
  await page.getByLabel("API key").fill("pgk_not-a-real-key");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Key refused");
});
