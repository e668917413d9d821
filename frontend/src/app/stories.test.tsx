// @vitest-environment jsdom
// Stories render and show what they are there to show (the pure views; charts are drawn in the
// browser: Storybook build + axe in CI, and the e2e tests).
import { composeStories } from "@storybook/react-vite";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { showStory } from "@/lib/testing/show-story";

import * as progressStories from "@/features/jobs/components/JobProgress.stories";
import * as listStories from "@/features/jobs/components/JobTable.stories";
import * as formStories from "@/features/jobs/components/NewJobForm.stories";

import * as alertStories from "@/components/ui/alert/Alert.stories";
import * as dateStories from "@/components/ui/date-time/DateTime.stories";

afterEach(cleanup);

const show = showStory;

describe("stories", () => {
  it("ErrorMessage names each refused field", () => {
    const { RefusedFields, NetworkFailure } = composeStories(alertStories);
    show(RefusedFields);
    const fields = [...screen.getByRole("alert").querySelectorAll("code")].map(
      (c) => c.textContent,
    );
    expect(fields).toEqual(["patients", "batch_size"]);
    cleanup();
    show(NetworkFailure);
    expect(screen.getByRole("alert").textContent).toBe("Failed to fetch");
  });

  it("JobProgress shows live figures only while running", () => {
    const { Running, Completed } = composeStories(progressStories);
    show(Running);
    expect(screen.getByRole("status").textContent).toBe(
      "running413,696 / 1,000,000 patients· 68,531 patients/s· 9 s left",
    );
    cleanup();
    show(Completed);
    expect(screen.getByRole("status").dataset.status).toBe("completed");
    expect(screen.getByRole("status").textContent).toBe("completed1,000,000 / 1,000,000 patients");
  });

  it("JobList links every job, pages and says when there is none", () => {
    const { Data, Empty } = composeStories(listStories);
    show(Data);
    expect(screen.getAllByRole("link")).toHaveLength(5);
    expect(screen.getByText("OverflowError: value out of int4 range")).toBeTruthy();
    expect(screen.getByText("26–50 of 137 jobs")).toBeTruthy();
    cleanup();
    show(Empty);
    expect(screen.getByText("No jobs yet")).toBeTruthy();
  });

  it("NewJobForm refuses a count it cannot read, at the field", () => {
    const { RefusedCount } = composeStories(formStories);
    show(RefusedCount);
    expect(screen.getByRole("alert").textContent).toMatch(/whole number/);
    expect(screen.getByLabelText("Patients").getAttribute("aria-invalid")).toBe("true");
  });

  it("DateTime shows UTC on a 24-hour clock and local time on hover", () => {
    const { Minutes } = composeStories(dateStories);
    show(Minutes);
    const time = screen.getByText("2026-11-28 18:04 UTC");
    expect(time.getAttribute("title")).toMatch(/local/);
    expect(time.getAttribute("datetime")).toBe("2026-11-28T18:04:31Z");
  });
});
