// @vitest-environment jsdom
// The export stories: "Print cards" hands over the chosen print options; the download menu sends
// cards-pdf's options with a cards request only.
import { composeStories } from "@storybook/react-vite";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { fn } from "storybook/test";
import { afterEach, describe, expect, it } from "vitest";

import { showStory } from "@/lib/testing/show-story";

import * as panelStories from "./DownloadPanel.stories";
import * as printStories from "./PrintCardsPanel.stories";

afterEach(cleanup);

describe("PrintCardsPanel", () => {
  it("prints the chosen cards; without a card it refuses", () => {
    const { Filtered } = composeStories(printStories);
    const onPrint = fn();
    showStory(() => <Filtered onPrint={onPrint} />);
    expect(screen.getByText(/PDF of the patients matching triage T1, front North/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Paper"), { target: { value: "letter" } });
    fireEvent.change(screen.getByLabelText("Layout"), { target: { value: "1" } });
    fireEvent.click(screen.getByLabelText("Role-player card"));
    fireEvent.click(screen.getByRole("button", { name: "Print cards" }));
    expect(onPrint).toHaveBeenCalledWith({
      paper: "letter",
      per_page: 1,
      cards: ["instructor", "tccc"],
    });
    fireEvent.click(screen.getByLabelText("Instructor card"));
    fireEvent.click(screen.getByLabelText("TCCC-style card"));
    expect(screen.getByRole("alert").textContent).toMatch(/at least one card/);
    expect(screen.getByRole("button", { name: "Print cards" }).hasAttribute("disabled")).toBe(true);
  });
});

describe("PrintCardsPanel with no patient selected", () => {
  it("says so and does not print", () => {
    const { NoneMatch } = composeStories(printStories);
    const onPrint = fn();
    showStory(() => <NoneMatch onPrint={onPrint} />);
    expect(screen.getByText(/No patients match these filters/)).toBeTruthy();
    const print = screen.getByRole("button", { name: "Print cards" });
    expect(print.hasAttribute("disabled")).toBe(true);
    fireEvent.click(print);
    expect(onPrint).not.toHaveBeenCalled();
  });
});

describe("DownloadPanel", () => {
  it("sends card options with cards-pdf only", () => {
    const { CasualtyCards } = composeStories(panelStories);
    const onDownload = fn();
    showStory(() => <CasualtyCards onDownload={onDownload} />);
    fireEvent.change(screen.getByLabelText("Layout"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: "Download" }));
    expect(onDownload).toHaveBeenLastCalledWith({
      format: "cards-pdf",
      archive: "none",
      card_options: { paper: "a4", per_page: 2, cards: ["role-player", "instructor", "tccc"] },
    });
    fireEvent.change(screen.getByLabelText("Format"), { target: { value: "csv" } });
    expect(screen.queryByLabelText("Layout")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Download" }));
    expect(onDownload).toHaveBeenLastCalledWith({ format: "csv", archive: "none" });
  });
});
