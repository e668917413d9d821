import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { expect, test } from "@playwright/test";

import { API_BASE, WEB_ORIGIN } from "../playwright.config";
import {
  adminKey,
  apiClient,
  apiJob,
  countLines,
  expectAccessible,
  observeProgress,
  progressSeen,
  recordUrls,
  screenshot,
  signIn,
  waitForJob,
} from "./helpers";

const PYTHON = fileURLToPath(new URL("../../backend/.venv/bin/python", import.meta.url));

// Every chart of the dashboard (the facility ones for each Role the preset has).
const CHARTS = [
  "chart-sankey",
  "chart-facility-R1",
  "chart-facility-R2",
  "chart-facility-R3",
  "chart-facility-R4",
  "chart-per-day",
  "chart-per-hour",
  "chart-breakdown-nationality",
  "chart-breakdown-front",
  "chart-breakdown-injury-type",
  "chart-breakdown-final-status",
  "chart-breakdown-triage",
  "chart-delay-treatment",
  "chart-delay-mtf",
];

test("a job link opened without a key leads to Settings, then back to the job", async ({
  page,
}) => {
  const api = await apiClient();
  const job = await apiJob(api, 500, 3);
  const urls = recordUrls(page);

  await page.goto(`/jobs/${job.id}`);
  await expect(page).toHaveURL(/\/settings\?next=%2Fjobs%2F[0-9a-f-]+&reason=missing$/);
  await expect(page.getByText("An API key is needed")).toBeVisible();
  expect(urls.filter((u) => u.includes("/api/v1/jobs"))).toEqual([]); // nothing asked, nothing hangs

  await page.getByLabel("API key").fill(adminKey());
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Large-scale conventional");
  expect(urls.filter((u) => u.includes(adminKey()))).toEqual([]);
});

test("a refused key on any page leads to Settings and says so", async ({ page }) => {
  await page.goto("/settings");
  await page.getByLabel("API key").fill("pgk_not-a-real-key");
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await expect(page.getByText("Key refused")).toBeVisible();
  await page.goto("/?status=completed");
  await expect(page).toHaveURL(/\/settings\?next=%2F%3Fstatus%3Dcompleted&reason=refused$/);
  await expect(page.getByText("The API refused the key")).toBeVisible();
  await page.getByLabel("API key").fill(adminKey());
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await expect(page).toHaveURL(/\/\?status=completed$/);
});

test("the key stays in its tab unless remembered; sign out forgets it", async ({ context }) => {
  const first = await context.newPage();
  await signIn(first);
  const second = await context.newPage(); // another tab: sessionStorage is per tab
  await second.goto("/");
  await expect(second).toHaveURL(/\/settings\?/);

  await signIn(first, adminKey(), true);
  const third = await context.newPage();
  await third.goto("/");
  await expect(third.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();

  await third.goto("/settings");
  await third.getByRole("button", { name: "Sign out" }).click();
  await expect(third.getByText("Not signed in.")).toBeVisible();
  const fourth = await context.newPage();
  await fourth.goto("/");
  await expect(fourth).toHaveURL(/\/settings\?/);
});

test("a planner starts a job typed as 50,000, watches it live, and the dashboard equals the API", async ({
  page,
}) => {
  const api = await apiClient();
  const urls = recordUrls(page);
  const creates: unknown[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/jobs")) creates.push(r.postDataJSON());
  });
  await observeProgress(page);
  await signIn(page);
  await page.getByRole("link", { name: "Jobs" }).click();

  // a count the form cannot read is refused at the field, and nothing is sent
  const patients = page.getByLabel("Patients", { exact: true });
  await patients.fill("50.000");
  await page.getByRole("button", { name: "Start job" }).click();
  await expect(page.getByText(/Enter a whole number/)).toBeVisible();
  await expect(patients).toHaveAttribute("aria-invalid", "true");
  expect(creates).toEqual([]);

  await patients.fill("50,000");
  await page.getByLabel("Seed (optional)").fill("11");
  await page.getByRole("button", { name: "Start job" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  expect(creates).toHaveLength(1);
  expect(creates[0]).toMatchObject({ patients: 50_000, seed: 11 });
  const jobId = page.url().split("/").pop()!;

  const status = page.locator("[data-status]").first();
  await expect(status).toHaveAttribute("data-status", "completed", { timeout: 120_000 });
  await expect(page.getByTestId("job-progress-count")).toHaveText("50,000 / 50,000 patients");
  // the bar moved while the job ran: a value strictly between 0 and the end was shown
  const seen = await progressSeen(page);
  expect(seen.some((s) => s.value > 0 && s.value < 50_000)).toBe(true);
  expect(urls.some((u) => u.endsWith(`/jobs/${jobId}/events`))).toBe(true);

  // every chart drew, and three figures equal the API's statistics
  for (const chart of CHARTS) {
    await expect(page.getByTestId(chart).locator("canvas").first(), chart).toBeVisible();
  }
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByName("dashboard:paint").length))
    .toBeGreaterThan(0);
  const stats = await (await api.get(`jobs/${jobId}/statistics`)).json();
  expect(stats.patients).toBe(50_000);
  await expect(page.getByTestId("kpi-patients")).toHaveText(stats.patients.toLocaleString("en-US"));
  await expect(page.getByTestId("kpi-rtd")).toHaveText(
    stats.counts.final_status.RTD.toLocaleString("en-US"),
  );
  await expect(page.getByTestId("kpi-kia")).toHaveText(
    stats.counts.final_status.KIA.toLocaleString("en-US"),
  );
  await screenshot(page, "dashboard");
  await expectAccessible(page, "the job page with its dashboard");

  // a filter changes every figure; it is kept in the URL
  const front = page.getByLabel("Front", { exact: true });
  const chosen = (await front.locator("option").nth(1).getAttribute("value"))!;
  await front.selectOption(chosen);
  await expect(page).toHaveURL(new RegExp(`front=${encodeURIComponent(chosen)}`));
  const answer = await api.get(`jobs/${jobId}/statistics`, { params: { front: chosen } });
  expect(answer.status(), await answer.text()).toBe(200);
  const filtered = await answer.json();
  expect(filtered.filters.front).toBe(chosen);
  expect(filtered.patients).toBeLessThan(50_000);
  await expect(page.getByTestId("kpi-patients")).toHaveText(
    filtered.patients.toLocaleString("en-US"),
  );
  await expect(page.getByTestId("kpi-rtd")).toHaveText(
    filtered.counts.final_status.RTD.toLocaleString("en-US"),
  );
  await expect(page.getByTestId("kpi-kia")).toHaveText(
    (filtered.counts.final_status.KIA ?? 0).toLocaleString("en-US"),
  );
  // the chart's text alternative: its numbers as a table
  await page.getByText("Table of “By front”").click();
  await expect(page.getByTestId(`count-front-${chosen}`)).toHaveText(
    filtered.patients.toLocaleString("en-US"),
  );
  await page.reload(); // the filter survives a reload (it is in the URL)
  await expect(page.getByLabel("Front", { exact: true })).toHaveValue(chosen);
  await expect(page.getByTestId("kpi-patients")).toHaveText(
    filtered.patients.toLocaleString("en-US"),
  );
  await screenshot(page, "dashboard-filtered");

  // AES-256 ZIP with a non-ASCII password, through the password dialog
  const password = "Grüße, Пароль 密码 🔒";
  await page.getByLabel("Format", { exact: true }).selectOption("csv");
  await page.getByRole("button", { name: "Encrypted ZIP…" }).click();
  const dialog = page.getByRole("dialog", { name: "Encrypted ZIP" });
  await dialog.getByLabel("Password", { exact: true }).fill(password);
  await dialog.getByLabel("Repeat password").fill(password);
  await screenshot(page, "password-dialog");
  const zipped = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download encrypted ZIP" }).click();
  const zip = await zipped;
  expect(zip.suggestedFilename()).toMatch(/\.zip$/);
  const zipPath = await zip.path();
  expect(readFileSync(zipPath).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const opened = spawnSync(
    PYTHON,
    [
      "-c",
      "import pyzipper, sys\n" +
        "z = pyzipper.AESZipFile(sys.argv[1]); z.setpassword(sys.argv[2].encode())\n" +
        "info = z.infolist()[0]; assert info.flag_bits & 1, 'not encrypted'\n" +
        "print(sum(1 for _ in z.open(info)))",
      zipPath,
      password,
    ],
    { encoding: "utf8" },
  );
  expect(opened.stderr).toBe("");
  expect(Number(opened.stdout.trim())).toBe(50_001); // header + one row per patient
  expect(urls.filter((u) => u.includes(adminKey()) || u.includes("password"))).toEqual([]);
});

test("a 300,000-patient NDJSON download streams through the browser's download manager", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const urls = recordUrls(page);
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/downloads/") && ["fetch", "xhr"].includes(r.resourceType()))
      fetched.push(r.url());
  });
  const liveStatistics: { status: string; generated: number }[] = [];
  page.on("response", async (r) => {
    if (r.url().includes("/statistics") && r.ok()) {
      const body = await r.json().catch(() => null);
      if (body) liveStatistics.push({ status: body.status, generated: body.generated });
    }
  });
  await signIn(page);
  await page.goto("/");
  await page.getByLabel("Patients", { exact: true }).fill("300000");
  await page.getByLabel("Seed (optional)").fill("12");
  await page.getByRole("button", { name: "Start job" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "completed", {
    timeout: 240_000,
  });
  // the dashboard refreshed while the job ran (statistics of a part-written job), then final
  expect(liveStatistics.some((s) => s.status === "running" && s.generated < 300_000)).toBe(true);
  await expect(page.getByTestId("kpi-patients")).toHaveText("300,000");

  await page.getByLabel("Format", { exact: true }).selectOption("ndjson");
  await page.getByLabel("Archive", { exact: true }).selectOption("none");
  const started = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download", exact: true }).click();
  const download = await started;
  expect(download.url()).toMatch(/\/api\/v1\/downloads\/[^/?]+$/);
  expect(download.suggestedFilename()).toMatch(/\.ndjson$/);
  expect(await countLines(await download.path())).toBe(300_000);
  await expect(page.getByText(/Download of NDJSON started/)).toBeVisible();
  expect(fetched).toEqual([]); // the page never fetched the file itself
  expect(urls.filter((u) => u.includes(adminKey()))).toEqual([]);

  // a ticket is single use: the same URL again is refused
  const again = await (await apiClient("")).get(download.url());
  expect(again.status()).toBe(404);
});

test("cancel and delete each ask first; run again starts the same scenario and seed", async ({
  page,
}) => {
  const api = await apiClient();
  await signIn(page);
  const job = await apiJob(api, 3_000_000, 21);
  await page.goto(`/jobs/${job.id}`);
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "running");

  await page.getByRole("button", { name: "Cancel job" }).click();
  const confirm = page.getByRole("dialog", { name: "Cancel this job?" });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, "the cancel confirmation");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(confirm).toBeHidden();
  expect((await (await api.get(`jobs/${job.id}`)).json()).cancel_requested).toBe(false);

  await page.getByRole("button", { name: "Cancel job" }).click();
  await confirm.getByRole("button", { name: "Cancel job" }).click();
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "cancelled", {
    timeout: 60_000,
  });
  const cancelled = await waitForJob(api, job.id);
  expect(cancelled.status).toBe("cancelled");
  expect(cancelled.generated).toBeLessThan(3_000_000);

  await page.getByRole("button", { name: "Run again" }).click();
  await page
    .getByRole("dialog", { name: "Run this job again?" })
    .getByRole("button", { name: "Start job" })
    .click();
  await expect(page).not.toHaveURL(new RegExp(job.id));
  const rerunId = page.url().split("/").pop()!;
  const rerun = await (await api.get(`jobs/${rerunId}`)).json();
  expect(rerun).toMatchObject({ seed: 21, patients: 3_000_000 });
  expect(rerun.scenario).toEqual(cancelled.scenario);
  await api.delete(`jobs/${rerunId}`);

  await page.goto(`/jobs/${job.id}`);
  await page.getByRole("button", { name: "Delete job" }).click();
  const sure = page.getByRole("dialog", { name: "Delete this job?" });
  await sure.getByRole("button", { name: "Delete job" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect((await api.get(`jobs/${job.id}`)).status()).toBe(404);
});

test("the job list pages, filters by status and shows seed, duration and status", async ({
  page,
}) => {
  const api = await apiClient();
  for (let i = 0; i < 26; i += 1) await apiJob(api, 10, 100 + i);
  const last = await apiJob(api, 10, 999);
  await waitForJob(api, last.id);
  const total = (await (await api.get("jobs?limit=1")).json()).total as number;
  expect(total).toBeGreaterThan(25);

  await signIn(page);
  await page.goto("/");
  await expect(page.getByText(`1–25 of ${total.toLocaleString("en-US")} jobs`)).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText("999");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/offset=25/);
  await expect(
    page.getByText(new RegExp(`^26–\\d+ of ${total.toLocaleString("en-US")} jobs$`)),
  ).toBeVisible();

  await page.getByLabel("Status", { exact: true }).selectOption("completed");
  await expect(page).toHaveURL(/status=completed/);
  await expect(page).not.toHaveURL(/offset=/);
  await expect(page.locator("tbody [data-status]").first()).toBeVisible();
  await expect(page.locator('tbody [data-status]:not([data-status="completed"])')).toHaveCount(0);
  await screenshot(page, "jobs");
});

test("every page is accessible and usable at 390 px wide; unknown routes get a 404 page", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const api = await apiClient();
  const job = await apiJob(api, 2_000, 5);
  await waitForJob(api, job.id);

  await page.goto("/settings");
  await expectAccessible(page, "Settings (signed out)");
  await screenshot(page, "settings-390");
  await signIn(page);
  await expectAccessible(page, "Settings (signed in)");

  const pages: [string, string, string][] = [
    ["/", "Jobs", "jobs-390"],
    [`/jobs/${job.id}`, "Large-scale conventional", "job-390"],
    ["/scenarios", "Scenarios", "scenarios-390"],
    ["/no-such-page", "Page not found", "not-found-390"],
  ];
  for (const [path, title, shot] of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page).toHaveTitle(`${title} · PatientGen`);
    if (path.startsWith("/jobs/"))
      await expect(page.getByTestId("chart-sankey").locator("canvas")).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} fits 390 px`).toBeLessThanOrEqual(390);
    await expectAccessible(page, path);
    await screenshot(page, shot);
  }
  // the 404 is inside the app's layout, not the router's developer page
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("the SPA on its own origin reaches the API through CORS", async ({ page }) => {
  await signIn(page);
  const answer = page.waitForResponse((r) => r.url().includes("/api/v1/jobs?") && r.ok());
  await page.goto("/");
  const response = await answer;
  expect(new URL(response.url()).origin).not.toBe(WEB_ORIGIN);
  expect(response.headers()["access-control-allow-origin"]).toBe(WEB_ORIGIN);
});

test("the API serves the UI itself, and it works under the page's Content-Security-Policy", async ({
  page,
}) => {
  const api = await apiClient();
  const job = await apiJob(api, 2_000, 6);
  await waitForJob(api, job.id);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const origin = new URL(API_BASE).origin;
  const response = await page.goto(`${origin}/jobs/${job.id}`);
  expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
  await page.getByLabel("API key").fill(adminKey());
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await expect(page).toHaveURL(`${origin}/jobs/${job.id}`);
  await expect(page.getByTestId("chart-sankey").locator("canvas")).toBeVisible();
  await expect(page.getByTestId("kpi-patients")).toHaveText("2,000");
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(errors).toEqual([]);
});

test.afterAll(() => {
  // `E2E_UPDATE_DOCS=1 npm run e2e` refreshes the README's picture of the dashboard
  if (process.env.E2E_UPDATE_DOCS) {
    mkdirSync("../docs/images", { recursive: true });
    copyFileSync("test-results/screenshots/dashboard.png", "../docs/images/dashboard.png");
  }
});
