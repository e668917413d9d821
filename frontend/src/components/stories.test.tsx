// @vitest-environment jsdom
// Every story renders, and shows what it is there to show.
import { composeStories } from "@storybook/react-vite";
import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";

import * as errorStories from "./ErrorMessage.stories";
import * as progressStories from "./JobProgressView.stories";
import * as tableStories from "./JobTable.stories";

afterEach(cleanup);

const show = (Story: () => React.ReactElement) =>
  render(
    <MemoryRouter>
      <Story />
    </MemoryRouter>,
  );

describe("stories", () => {
  it("ErrorMessage names each refused field", () => {
    const { RefusedFields, NetworkFailure } = composeStories(errorStories);
    show(RefusedFields);
    expect(screen.getByRole("alert").textContent).toContain("body.patients");
    expect(screen.getByRole("alert").textContent).toContain("body.batch_size");
    cleanup();
    show(NetworkFailure);
    expect(screen.getByRole("alert").textContent).toBe("Failed to fetch");
  });

  it("JobProgressView shows live figures only while running", () => {
    const { Running, Completed } = composeStories(progressStories);
    show(Running);
    expect(screen.getByRole("status").textContent).toBe(
      "running: 413,696 / 1,000,000 · 68,531 patients/s · 9 s left",
    );
    cleanup();
    show(Completed);
    expect(screen.getByRole("status").dataset.status).toBe("completed");
    expect(screen.getByRole("status").textContent).toBe("completed: 1,000,000 / 1,000,000");
  });

  it("JobTable links every job and says when there is none", () => {
    const { Mixed, Empty } = composeStories(tableStories);
    show(Mixed);
    expect(screen.getAllByRole("link")).toHaveLength(4);
    expect(screen.getByText("running (40%)")).toBeTruthy();
    cleanup();
    show(Empty);
    expect(screen.getByText("No jobs yet.")).toBeTruthy();
  });
});
