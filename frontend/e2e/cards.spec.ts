// Issue 14 in the browser: a patient's page shows each evacuation leg's 9-line request in line
// order and prints that patient's cards, and "Print cards" on a filtered patient browser downloads
// the casualty cards of exactly the filtered patients (a download ticket: no key in any URL).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import {
  expect,
  test,
  type APIResponse,
  type Download,
  type Locator,
  type Page,
} from "@playwright/test";

import { adminKey, apiClient, apiJob, recordUrls, signIn, waitForJob } from "./helpers";

const PYTHON = fileURLToPath(new URL("../../backend/.venv/bin/python", import.meta.url));

/** Clicks a cards panel's "Print cards": the ticket request's body and the download it starts. */
async function printCards(
  page: Page,
  panel: Locator,
): Promise<{ ticket: unknown; download: Download }> {
  const ticket = page.waitForRequest(
    (r) => r.method() === "POST" && r.url().endsWith("/downloads"),
  );
  const started = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Print cards" }).click();
  return { ticket: (await ticket).postDataJSON(), download: await started };
}

/** The patient index each page of a cards PDF names ("Patient 12"), page by page. */
function patientsOnPages(pdf: string): number[] {
  const read = spawnSync(
    PYTHON,
    [
      "-c",
      "import pypdf, re, sys\n" +
        "pages = pypdf.PdfReader(sys.argv[1]).pages\n" +
        "print(' '.join(re.search(r'Patient (\\d+)', p.extract_text()).group(1) for p in pages))",
      pdf,
    ],
    { encoding: "utf8" },
  );
  expect(read.stderr).toBe("");
  return read.stdout.trim().split(" ").map(Number);
}

test("a patient's 9-line lines in order; Print cards on a filter downloads that filter's PDF", async ({
  page,
}) => {
  const api = await apiClient();
  const job = await apiJob(api, 300, 14);
  await waitForJob(api, job.id);

  // a patient who was moved more than once
  const list = await (
    await api.get(`jobs/${job.id}/patients?final_status=EVACUATED&limit=50`)
  ).json();
  let index = -1;
  let legs: { nine_line_text: string }[] = [];
  for (const p of list.items as { index: number }[]) {
    legs = await (await api.get(`jobs/${job.id}/patients/${p.index}/handovers`)).json();
    if (legs.length >= 2) {
      index = p.index;
      break;
    }
  }
  expect(index).toBeGreaterThanOrEqual(0);

  const urls = recordUrls(page);
  await signIn(page);
  await page.goto(`/jobs/${job.id}/patients/${index}`);
  const first = page.getByRole("list", { name: "9-line MEDEVAC request, leg 1" });
  const lines = first.getByRole("listitem");
  await expect(lines).toHaveCount(9);
  const expected = legs[0].nine_line_text.split("\n");
  for (let n = 1; n <= 9; n++) {
    const line = lines.nth(n - 1);
    await expect(line).toHaveAttribute("data-line", String(n));
    await expect(line.locator(".nine-line__number")).toHaveText(`Line ${n}`);
    // "LINE n: title: value" as the API reads it out
    const [, title, value] = /^LINE \d+: ([^:]+): (.*)$/.exec(expected[n - 1])!;
    await expect(line.locator(".nine-line__title")).toHaveText(title);
    await expect(line.locator(".nine-line__value")).toHaveText(value);
  }
  await expect(page.getByRole("article")).toHaveCount(legs.length);

  // the patient's own cards: a ticket selecting exactly this patient
  const own = page.getByRole("region", { name: "Casualty cards" });
  await expect(own).toContainText(`PDF of patient ${index}`);
  await own.getByLabel("Layout").selectOption("1");
  const mine = await printCards(page, own);
  expect(mine.ticket).toEqual({
    format: "cards-pdf",
    archive: "none",
    card_options: { paper: "a4", per_page: 1, cards: ["role-player", "instructor", "tccc"] },
    filters: { index },
  });
  expect(patientsOnPages(await mine.download.path())).toEqual([index, index, index]);

  // the browser, filtered to T1; the cards of exactly those patients, TCCC only, one a page
  const t1: number[] = [];
  for (let cursor: string | null = null; ;) {
    const res: APIResponse = await api.get(
      `jobs/${job.id}/patients?triage=T1&limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
    );
    const body: { items: { index: number }[]; next_cursor: string | null } = await res.json();
    t1.push(...body.items.map((p) => p.index));
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  expect(t1.length).toBeGreaterThan(0);
  await page.goto(`/jobs/${job.id}/patients?triage=T1`);
  const panel = page.getByRole("region", { name: "Casualty cards" });
  await expect(panel).toContainText("the patients matching triage T1");
  await panel.getByLabel("Layout").selectOption("1");
  await panel.getByLabel("Role-player card").uncheck();
  await panel.getByLabel("Instructor card").uncheck();
  const { ticket, download } = await printCards(page, panel);
  expect(ticket).toEqual({
    format: "cards-pdf",
    archive: "none",
    card_options: { paper: "a4", per_page: 1, cards: ["tccc"] },
    filters: { triage: "T1" },
  });
  expect(download.url()).toMatch(/\/api\/v1\/downloads\/[^/?]+$/);
  expect(download.suggestedFilename()).toMatch(/\.cards\.pdf$/);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 4).toString("latin1")).toBe("%PDF");
  await expect(panel.getByRole("status")).toContainText("started downloading");

  // one TCCC card a page, one page per T1 patient, in index order
  expect(patientsOnPages(path)).toEqual(t1);
  expect(urls.filter((u) => u.includes(adminKey()))).toEqual([]);
});
