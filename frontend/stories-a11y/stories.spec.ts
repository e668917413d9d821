import { readFileSync } from "node:fs";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

interface Entry {
  id: string;
  title: string;
  name: string;
  type: "story" | "docs";
}

const index = JSON.parse(readFileSync("storybook-static/index.json", "utf8")) as {
  entries: Record<string, Entry>;
};
const stories = Object.values(index.entries).filter((e) => e.type === "story");

test("the Storybook build has every component's stories", () => {
  const titles = new Set(stories.map((s) => s.title));
  for (const title of [
    "UI/Button",
    "UI/ConfirmDialog",
    "Jobs/NewJobForm",
    "Jobs/JobList",
    "Exports/DownloadPanel",
    "Exports/PrintCardsPanel",
    "Exports/CardOptionsFields",
    "Patients/HandoversSection",
    "Dashboard/Dashboard",
    "Settings/SettingsForm",
    "Scenarios/ShareEditor",
    "Scenarios/NationPicker",
    "Scenarios/EventTimeline",
    "Scenarios/OutcomeMatrix",
    "Scenarios/ScenarioEditor",
    "Scenarios/ScenarioList",
    "Patients/PatientTimeline",
    "Patients/VitalsCharts",
    "Patients/PatientTable",
    "Patients/PatientIdentity",
    "Patients/ClinicalTables",
    "Patients/RecordViewer",
    "Patients/PatientFilterBar",
    "UI/EChart",
    "Scenarios/FacilityEditor",
    "Scenarios/FrontsEditor",
    "Scenarios/EnvironmentToggles",
    "Scenarios/TempoChart",
    "Scenarios/IntensityField",
    "Scenarios/NumberField",
    "Scenarios/MinutesTable",
    "Scenarios/JsonView",
    "Scenarios/SpecialEventsEditor",
    "Scenarios/WarfareEditor",
    "Scenarios/FieldErrorsProvider",
    "Scenarios/Testing/stateful",
    "Dashboard/DelayChart",
    "Dashboard/FlowSankey",
    "Dashboard/FacilityLoadChart",
    "Dashboard/InjuryCharts",
    "Dashboard/BreakdownChart",
    "Dashboard/PreviewCharts",
  ])
    expect(titles, title).toContain(title);
  expect(stories.length).toBeGreaterThan(60);
});

/**
 * Shows one story in the already loaded preview (Storybook's own channel, as its test runner
 * does: no reload per story) and returns its serious or critical axe violations and errors.
 */
async function check(page: Page, story: Entry): Promise<string[]> {
  const errors: string[] = [];
  const onError = (e: Error) => errors.push(`page error: ${e.message}`);
  page.on("pageerror", onError);
  const outcome = await page.evaluate(
    (storyId) =>
      new Promise<string>((resolve) => {
        type Channel = {
          on: (event: string, fn: (arg: unknown) => void) => void;
          off: (event: string, fn: (arg: unknown) => void) => void;
          emit: (event: string, arg: unknown) => void;
        };
        const channel = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: Channel })
          .__STORYBOOK_ADDONS_CHANNEL__;
        const idOf = (arg: unknown) =>
          typeof arg === "string" ? arg : (arg as { storyId?: string } | undefined)?.storyId;
        const events = ["storyFinished", "storyErrored", "storyThrewException", "storyMissing"];
        const timer = setTimeout(() => done("timeout"), 10_000);
        const handlers = events.map((event) => {
          const handler = (arg: unknown) => {
            if (event !== "storyMissing" && idOf(arg) !== storyId) return; // the previous story
            const status = (arg as { status?: string } | undefined)?.status;
            done(event === "storyFinished" && status !== "error" ? "rendered" : event);
          };
          channel.on(event, handler);
          return [event, handler] as const;
        });
        function done(result: string) {
          clearTimeout(timer);
          handlers.forEach(([e, h]) => channel.off(e, h));
          resolve(result);
        }
        channel.emit("setCurrentStory", { storyId, viewMode: "story" });
      }),
    story.id,
  );
  if (outcome !== "rendered") errors.push(`the story did not render: ${outcome}`);
  if (story.title.startsWith("Dashboard/")) await page.waitForTimeout(150); // charts draw next frame
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true) // in this page (no helper page per run): 2× faster
    .include("#storybook-root")
    .analyze();
  page.off("pageerror", onError);
  return [
    ...errors,
    ...results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ];
}

// Two halves (one per worker), each in one page so the Storybook bundle loads once.
const halves = [stories.filter((_, i) => i % 2 === 0), stories.filter((_, i) => i % 2 === 1)];
for (const [n, half] of halves.entries()) {
  test(`every story renders with no serious or critical axe violation (part ${n + 1})`, async ({
    page,
  }) => {
    test.setTimeout(30_000 + half.length * 5_000);
    // the a11y addon's own automatic run is switched off (manual): this test runs axe itself
    // start on a story that is not checked, so each checked one is a change of story
    const start = stories.find((s) => !half.includes(s))!.id;
    await page.goto(`/iframe.html?id=${start}&viewMode=story&globals=a11y.manual:!true`);
    await page.waitForFunction(() => "__STORYBOOK_ADDONS_CHANNEL__" in window);
    await page.waitForFunction(
      () => (document.querySelector("#storybook-root")?.childElementCount ?? 0) > 0,
    );
    for (const story of half) {
      expect.soft(await check(page, story), `${story.title} / ${story.name}`).toEqual([]);
    }
  });
}
