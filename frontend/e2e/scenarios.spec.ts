import { readFileSync } from "node:fs";

import { expect, test, type Locator, type Page } from "@playwright/test";

import {
  apiClient,
  expectAccessible,
  presetScenario,
  screenshot,
  signIn,
  waitForJob,
} from "./helpers";

const PRESET = "large_scale_conventional";

/** The input of an editor path (ids as the editor gives them). */
const field = (page: Page, path: string) =>
  page.locator(`#field-${path.replace(/[^A-Za-z0-9_-]/g, "__")}`);

async function createFromPreset(page: Page) {
  await page.goto("/scenarios");
  await expect(page.getByRole("heading", { name: "Scenarios", level: 1 })).toBeVisible();
  await page.getByLabel("Start from preset").selectOption(PRESET);
  await page.getByRole("button", { name: "Create from preset" }).click();
  await expect(page).toHaveURL(/\/scenarios\/new\/[0-9a-f-]+$/);
  await expect(page.getByTestId("validation-status")).toContainText("Valid");
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, back = false, max = 600) {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`never reached ${String(target)} with the keyboard`);
}

test("a planner builds a scenario from a preset, previews and saves it, keeps the draft over a reload, runs a job and opens a T1 patient", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const api = await apiClient();
  const preset = await presetScenario(api, PRESET);
  const presets = (await (await api.get("reference/presets")).json()) as {
    id: string;
    description: string;
  }[];
  const previews: { fronts: { share: number }[] }[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/scenarios/preview"))
      previews.push(r.postDataJSON().scenario);
  });
  await signIn(page);

  // the library shows the preset's description before anything is created
  await page.goto("/scenarios");
  await page.getByLabel("Start from preset").selectOption(PRESET);
  await expect(page.getByTestId("preset-description")).toHaveText(
    presets.find((p) => p.id === PRESET)!.description,
  );
  await screenshot(page, "scenario-library");
  await expectAccessible(page, "the scenario library");
  await createFromPreset(page);
  await expect(page.getByTestId("preview-scope")).toContainText("5,000 patients");
  await expect(page.getByTestId("kpi-patients")).toHaveText("5,000");

  // a front's share changes: the others move so the fronts stay at exactly 100 %
  const north = field(page, "fronts.0.share");
  await north.fill("60");
  await north.press("Tab");
  await expect(page.getByTestId("shares-total-fronts")).toHaveText(
    "Assigned 100 % · nothing left to assign",
  );
  await expect(field(page, "fronts.1.share")).toHaveValue("25.45");
  await expect(field(page, "fronts.2.share")).toHaveValue("14.55");
  // …and the preview follows the valid change
  await expect.poll(() => previews.some((s) => s.fronts[0]!.share === 0.6)).toBe(true);
  await expect(page.getByTestId("validation-status")).toContainText("Valid");
  await expect(page.getByTestId("preview-scope")).toBeVisible();
  await screenshot(page, "scenario-editor");

  // an invalid value: the server's 422 shows at that field, the form scrolls there, no save
  const duration = field(page, "special_events.0.duration_hours");
  await duration.fill("400");
  await expect(page.getByTestId("validation-status")).toContainText("Not valid");
  await expect(duration).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await duration.getAttribute("id")}-error`)).toHaveText(
    /less than or equal to 168/,
  );
  await expect(duration).toBeInViewport();
  await expect(page.getByRole("link", { name: "special_events.0.duration_hours" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save scenario" })).toBeDisabled();
  await screenshot(page, "scenario-editor-error");
  await expectAccessible(page, "the editor showing a server error");
  await duration.fill("");
  await expect(page.getByTestId("validation-status")).toContainText("Valid");

  // the largest preview (20,000 patients): its answer time is reported with the test
  await page.getByLabel("Preview size").selectOption("20000");
  await expect(page.getByTestId("preview-scope")).toContainText("20,000 patients");
  const answered = /answered in ([\d,]+) ms/.exec(
    (await page.getByTestId("preview-scope").textContent()) ?? "",
  );
  expect(answered).not.toBeNull();
  test.info().annotations.push({
    type: "preview of 20,000 patients (browser, incl. transfer)",
    description: `${answered![1]} ms`,
  });
  console.log(`preview of 20,000 patients answered in ${answered![1]} ms`);
  await page.getByLabel("Preview size").selectOption("5000");

  // save: the draft becomes a saved scenario with the edited share
  const name = `Exercise North ${Date.now()}`;
  await field(page, "name").fill(name);
  await expect(page.getByRole("button", { name: "Save scenario" })).toBeEnabled();
  await page.getByRole("button", { name: "Save scenario" }).click();
  await expect(page).toHaveURL(/\/scenarios\/[0-9a-f-]{36}$/);
  const scenarioId = page.url().split("/").pop()!;
  await expect(page.getByTestId("dirty-state")).toHaveText("All changes saved");
  const stored = await (await api.get(`scenarios/${scenarioId}`)).json();
  expect(stored.name).toBe(name);
  expect(stored.scenario.fronts.map((f: { share: number }) => f.share)).toEqual([
    0.6, 0.2545, 0.1455,
  ]);
  expect(stored.scenario.special_events).toHaveLength(preset.special_events.length);

  // reload in the middle of an edit: the draft is still there
  await field(page, "duration_days").fill("28");
  await expect(page.getByTestId("dirty-state")).toHaveText("Unsaved changes");
  // the browser asks before the page goes (the draft is kept either way)
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(asked).toEqual(["beforeunload"]);
  await expect(field(page, "duration_days")).toHaveValue("28");
  await expect(page.getByTestId("dirty-state")).toHaveText("Unsaved changes");
  // leaving asks first
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  const leave = page.getByRole("dialog", { name: "Leave with unsaved changes?" });
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "Keep it" }).click();
  await expect(page).toHaveURL(new RegExp(`/scenarios/${scenarioId}$`));
  await expect(page.getByTestId("validation-status")).toContainText("Valid");
  await page.getByRole("button", { name: "Save scenario" }).click();
  await expect(page.getByTestId("dirty-state")).toHaveText("All changes saved");
  expect((await (await api.get(`scenarios/${scenarioId}`)).json()).scenario.duration_days).toBe(28);

  // the library finds it by part of its name, any case, and starts a 5,000-patient job from it
  await page.goto("/scenarios");
  await page.getByLabel("Search by name").fill(name.slice(0, 14).toUpperCase());
  await expect(page).toHaveURL(/q=EXERCISE/);
  const row = page.locator(`tr[data-scenario="${scenarioId}"]`);
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /Start job/ }).click();
  const start = page.getByRole("dialog", { name: "Start a job" });
  await start.getByLabel("Patients", { exact: true }).fill("5,000");
  await start.getByLabel("Seed (optional)").fill("31");
  await start.getByRole("button", { name: "Start job" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  const jobId = page.url().split("/").pop()!;
  const job = await waitForJob(api, jobId);
  expect(job).toMatchObject({
    status: "completed",
    patients: 5_000,
    seed: 31,
    scenario_id: scenarioId,
  });

  // the patient browser, filtered to T1 (the filter is in the URL)
  await page.reload();
  await page.getByRole("link", { name: "T1 Immediate only" }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}/patients\\?triage=T1$`));
  await expect(page.getByLabel("Triage", { exact: true })).toHaveValue("T1");
  const rows = page.locator("tbody tr[data-index]");
  await expect(rows.first()).toBeVisible();
  expect(await page.locator('tbody tr[data-index]:not([data-triage="T1"])').count()).toBe(0);
  const firstPage = await (await api.get(`jobs/${jobId}/patients?triage=T1&limit=50`)).json();
  await expect(rows.first()).toHaveAttribute("data-index", String(firstPage.items[0].index));
  // scrolling to the end loads the next page through the cursor
  const table = page.getByTestId("patient-table");
  const loaded = page.getByTestId("patient-count");
  await expect(loaded).toContainText("200 patients loaded");
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(loaded).not.toContainText(/^200 patients/);
  expect(await rows.count()).toBeLessThan(120); // virtualised: only what is in view
  await table.evaluate((el) => (el.scrollTop = 0));
  await screenshot(page, "patients-t1");
  await expectAccessible(page, "the patient browser");

  // a patient: the journey lists the facilities in time order, the figures equal the API
  // the T1 patient of the first page who went furthest along the chain
  type Listed = { index: number; timeline: { event: string }[] };
  const stopsOf = (p: Listed) => p.timeline.filter((e) => e.event === "arrival").length;
  const index = (firstPage.items as Listed[]).reduce((a, b) =>
    stopsOf(b) > stopsOf(a) ? b : a,
  ).index;
  await page.goto(`/jobs/${jobId}/patients/${index}`);
  const record = await (await api.get(`jobs/${jobId}/patients/${index}`)).json();
  const d = record.demographics;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `${d.given_name} ${d.family_name}`,
  );
  await expect(page.getByTestId("identity-service-number")).toHaveText(d.service_number);
  await expect(page.getByTestId("identity-blood-type")).toHaveText(d.blood_type);
  await expect(page.getByTestId("identity-unit")).toHaveText(d.unit);
  await expect(page.getByTestId("identity-rank")).toContainText(d.rank);
  await expect(page.getByTestId("identity-rank")).toContainText(d.rank_title);
  await expect(page.getByTestId("identity-nation")).toContainText(`(${record.nationality})`);
  await expect(page.getByTestId("identity-sex")).toHaveText(d.sex);
  await expect(page.getByTestId("identity-birth-date")).toHaveText(d.birth_date);
  await expect(page.getByTestId("identity-front")).toHaveText(record.front);
  await expect(page.getByTestId("identity-outcome")).toContainText(
    {
      RTD: "Returned to duty",
      DOW: "Died of wounds",
      KIA: "Killed in action",
      EVACUATED: "Evacuated",
    }[record.final_status as string]!,
  );
  const visited = record.timeline
    .filter((e: { event: string }) => e.event === "injury" || e.event === "arrival")
    .map((e: { facility: string }) => e.facility);
  const stops = page.getByTestId("journey-stays").locator("li");
  await expect(stops).toHaveCount(visited.length);
  expect(await stops.evaluateAll((li) => li.map((l) => l.getAttribute("data-role")))).toEqual(
    visited,
  );
  const arrivals = record.timeline
    .filter((e: { event: string }) => e.event === "injury" || e.event === "arrival")
    .map((e: { time: string }) => e.time);
  const shown = await stops.evaluateAll((li) => li.map((l) => l.getAttribute("data-time")));
  expect(shown).toEqual(arrivals);
  expect([...shown].sort()).toEqual(shown); // in time order
  const times = record.timeline.map((e: { time: string }) => e.time);
  expect([...times].sort()).toEqual(times);
  await page.getByText(/^Every event/).click();
  await expect(page.locator("tr[data-event]")).toHaveCount(record.timeline.length);
  for (const c of record.conditions)
    await expect(page.getByRole("cell", { name: c.code })).toBeVisible();
  const treatments = page.getByRole("region", { name: "Treatments" }).locator("tbody tr");
  if (record.treatments.length > 0) {
    await expect(treatments).toHaveCount(record.treatments.length);
    expect(
      await treatments.evaluateAll((tr) =>
        tr.map((r) => (r as HTMLTableRowElement).cells[2]!.textContent),
      ),
    ).toEqual(record.treatments.map((t: { code: string }) => t.code));
  }
  for (const v of record.vitals) {
    const last = record.vitals.filter((x: { code: string }) => x.code === v.code).pop();
    await expect(page.getByTestId(`vital-last-${v.code}`)).toContainText(String(last.value));
  }
  await expect(page.getByTestId("record-ndjson")).toHaveText(JSON.stringify(record));
  await page.getByRole("button", { name: "FHIR R4 bundle" }).click();
  const fhir = await (await api.get(`jobs/${jobId}/patients/${index}/fhir`)).json();
  await expect(page.getByTestId("record-fhir")).toContainText(`"id": "${fhir.id}"`);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy FHIR bundle" }).click();
  await expect(page.getByText("FHIR bundle copied.")).toBeVisible();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(fhir);
  await screenshot(page, "patient");
  await expectAccessible(page, "the patient page");
});

test("the editor's main path works with the keyboard alone", async ({ page }) => {
  await signIn(page);
  await page.goto("/scenarios");
  await expect(page.getByRole("heading", { name: "Scenarios", level: 1 })).toBeVisible();
  // from here on only keys
  await tabTo(page, page.getByLabel("Start from preset"));
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Create from preset" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/scenarios\/new\//);
  await expect(page.getByTestId("validation-status")).toContainText("Valid");

  // lock the rear area, then set North: only South moves
  await tabTo(page, page.getByRole("button", { name: "Lock Rear area" }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Lock Rear area" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await tabTo(page, field(page, "fronts.0.share"), true);
  await page.keyboard.press("Control+A");
  await page.keyboard.type("50");
  await page.keyboard.press("Tab");
  await expect(field(page, "fronts.1.share")).toHaveValue("30");
  await expect(field(page, "fronts.2.share")).toHaveValue("20");
  // a slider moves with the arrow keys, the mix still whole
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("ArrowLeft");
  await expect(field(page, "fronts.0.share")).toHaveValue("49.5");
  await expect(page.getByTestId("shares-total-fronts")).toContainText("Assigned 100 %");

  // rename by keyboard, then save with the toolbar's button
  await tabTo(page, field(page, "name"), true);
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Keyboard exercise");
  await expect(page.getByTestId("validation-status")).toContainText("Valid");
  await tabTo(page, page.getByRole("button", { name: "Save scenario" }), true);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/scenarios\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("dirty-state")).toHaveText("All changes saved");
  await screenshot(page, "scenario-editor-keyboard");
});

test("the library duplicates, renames, deletes (confirmed), exports and imports scenarios", async ({
  page,
}) => {
  const api = await apiClient();
  const scenario = { ...(await presetScenario(api, "urban")), name: `Library urban ${Date.now()}` };
  const created = await (await api.post("scenarios", { data: scenario })).json();
  await signIn(page);
  await page.goto(`/scenarios?q=${encodeURIComponent(scenario.name)}`);
  const row = page.locator(`tr[data-scenario="${created.id}"]`);
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: /^Duplicate/ }).click();
  await expect(page.getByRole("link", { name: `${scenario.name} (copy)` })).toBeVisible();

  await row.getByRole("button", { name: /^Rename/ }).click();
  const rename = page.getByRole("dialog", { name: "Rename scenario" });
  await rename.getByLabel("New name").fill(`${scenario.name} renamed`);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(row.getByRole("link")).toHaveText(`${scenario.name} renamed`);
  expect((await (await api.get(`scenarios/${created.id}`)).json()).name).toBe(
    `${scenario.name} renamed`,
  );

  const exported = page.waitForEvent("download");
  await row.getByRole("button", { name: /^Export JSON/ }).click();
  const file = await exported;
  expect(file.suggestedFilename()).toMatch(/\.scenario\.json$/);
  const text = readFileSync(await file.path(), "utf8");
  expect(JSON.parse(text).name).toBe(`${scenario.name} renamed`);

  // import: the file becomes a draft in the editor, checked by the server, saved from there
  await page.getByTestId("import-file").setInputFiles({
    name: "imported.scenario.json",
    mimeType: "application/json",
    buffer: Buffer.from(text.replace(`${scenario.name} renamed`, `${scenario.name} imported`)),
  });
  await expect(page).toHaveURL(/\/scenarios\/new\//);
  await expect(page.getByTestId("validation-status")).toContainText("Valid");
  await expect(field(page, "name")).toHaveValue(`${scenario.name} imported`);
  await page.getByRole("button", { name: "Save scenario" }).click();
  await expect(page).toHaveURL(/\/scenarios\/[0-9a-f-]{36}$/);

  // the JSON view edits the same draft
  await page.getByRole("button", { name: "JSON (experts)" }).click();
  const json = page.getByLabel("Scenario as JSON");
  const value = JSON.parse(await json.inputValue());
  value.duration_days = 7;
  await json.fill(JSON.stringify(value, null, 2));
  await page.getByRole("button", { name: "Form" }).click();
  await expect(field(page, "duration_days")).toHaveValue("7");
  await expect(page.getByTestId("dirty-state")).toHaveText("Unsaved changes");
  await page.getByRole("button", { name: "Discard changes" }).click();
  await page
    .getByRole("dialog", { name: "Discard the changes?" })
    .getByRole("button", { name: "Discard changes" })
    .click();
  await expect(field(page, "duration_days")).toHaveValue(String(scenario.duration_days));

  await page.goto(`/scenarios?q=${encodeURIComponent(`${scenario.name} renamed`)}`);
  await row.getByRole("button", { name: /^Delete/ }).click();
  const sure = page.getByRole("dialog", { name: "Delete this scenario?" });
  await expect(sure).toBeVisible();
  await sure.getByRole("button", { name: "Delete scenario" }).click();
  await expect(row).toHaveCount(0);
  expect((await api.get(`scenarios/${created.id}`)).status()).toBe(404);
});
