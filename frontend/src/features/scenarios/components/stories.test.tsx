// @vitest-environment jsdom
// The scenario editor's stories render and behave as the editor needs: every mix stays at 100 %.
import { composeStories } from "@storybook/react-vite";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { showStory } from "@/lib/testing/show-story";

import { placeErrors } from "../lib/fields";
import { sampleScenario } from "../testing/fixtures";

import * as timelineStories from "./EventTimeline.stories";
import * as pickerStories from "./NationPicker.stories";
import * as matrixStories from "./OutcomeMatrix.stories";
import * as numberStories from "./NumberField.stories";
import { ErrorSummary } from "./ScenarioEditor";
import * as shareStories from "./ShareEditor.stories";
import * as toolbarStories from "./EditorToolbar.stories";

afterEach(cleanup);

const show = showStory;

const typeShare = (label: string, value: string) => {
  const input = screen.getByLabelText(label, { selector: "input:not([type=range])" });
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
};
const value = (label: string) =>
  (screen.getByLabelText(label, { selector: "input:not([type=range])" }) as HTMLInputElement).value;

describe("ShareEditor", () => {
  it("keeps the mix at 100 % when one share changes, in proportion", () => {
    const { InjuryMix } = composeStories(shareStories);
    show(InjuryMix);
    typeShare("Battle injury", "80");
    expect(value("Battle injury")).toBe("80");
    expect(Number(value("Disease")) + Number(value("Non-battle injury"))).toBeCloseTo(20, 6);
    expect(screen.getByTestId("shares-total-injury_mix").textContent).toBe(
      "Assigned 100 % · nothing left to assign",
    );
  });

  it("a locked share stays while the others move", () => {
    const { InjuryMix } = composeStories(shareStories);
    show(InjuryMix);
    const disease = value("Disease");
    fireEvent.click(screen.getByRole("button", { name: "Lock Disease" }));
    typeShare("Battle injury", "50");
    expect(value("Disease")).toBe(disease);
    expect(Number(value("Non-battle injury"))).toBeCloseTo(50 - Number(disease), 6);
  });

  it("says what is left to assign and spreads it", () => {
    const { LeftToAssign, TooMuch } = composeStories(shareStories);
    show(LeftToAssign);
    expect(screen.getByTestId("shares-total-injury_mix").textContent).toBe(
      "Assigned 85 % · 15 % left to assign",
    );
    fireEvent.click(screen.getByRole("button", { name: "Spread the rest" }));
    expect(screen.getByTestId("shares-total-injury_mix").textContent).toBe(
      "Assigned 100 % · nothing left to assign",
    );
    cleanup();
    show(TooMuch);
    expect(screen.getByTestId("shares-total-injury_mix").textContent).toBe(
      "Assigned 120 % · 20 % too much",
    );
  });

  it("refuses a typo locally and shows the server's errors at the mix and the entry", () => {
    const { InjuryMix, ServerError } = composeStories(shareStories);
    show(InjuryMix);
    typeShare("Disease", "ten");
    expect(screen.getByRole("alert").textContent).toBe("Enter a percentage from 0 to 100.");
    cleanup();
    show(ServerError);
    const alerts = screen.getAllByRole("alert").map((a) => a.textContent);
    expect(alerts).toContain("Input should be less than or equal to 1");
    expect(alerts).toContain("Value error, the shares must sum to 1 (got 1.2)");
    expect(
      screen
        .getByLabelText("Battle injury", { selector: "input:not([type=range])" })
        .getAttribute("aria-invalid"),
    ).toBe("true");
  });

  it("removes a nation and gives its share to the others", () => {
    const { NationalityMix } = composeStories(shareStories);
    show(NationalityMix);
    fireEvent.click(screen.getByRole("button", { name: "Remove Poland (POL)" }));
    expect(screen.queryByLabelText("Poland (POL)", { selector: "input" })).toBeNull();
    expect(screen.getByTestId("shares-total-fronts.0.nationality_mix").textContent).toBe(
      "Assigned 100 % · nothing left to assign",
    );
  });
});

describe("NationPicker", () => {
  it("offers the NATO nations not yet in the mix, by name and code", () => {
    const { Default, EveryNationTaken } = composeStories(pickerStories);
    show(Default);
    const options = within(screen.getByLabelText("Add a nation to North")).getAllByRole("option");
    expect(options).toHaveLength(32 - 8 + 1);
    expect(options.map((o) => o.textContent)).toContain("Albania (ALB)");
    expect(options.map((o) => o.textContent)).not.toContain("Poland (POL)");
    cleanup();
    show(EveryNationTaken);
    expect((screen.getByLabelText("Add a nation to North") as HTMLSelectElement).disabled).toBe(
      true,
    );
  });
});

describe("EventTimeline", () => {
  it("draws a bar per event, named with its day, hour, size and front", () => {
    const { PresetEvents, Empty } = composeStories(timelineStories);
    show(PresetEvents);
    const bars = screen.getAllByRole("button");
    expect(bars).toHaveLength(2);
    expect(bars[0]!.getAttribute("aria-label")).toMatch(/^1\. Mass casualty: day 10, 06:00 UTC/);
    expect(bars[0]!.getAttribute("aria-label")).toMatch(/front North$/);
    cleanup();
    show(Empty);
    expect(screen.getByText(/No special events/)).toBeTruthy();
  });
});

describe("OutcomeMatrix", () => {
  it("keeps each row at 100 %, taking a change to die from evacuate onward", () => {
    const { Role2 } = composeStories(matrixStories);
    show(Role2);
    const die = screen.getByLabelText("Die, Battle injury T1 (%)") as HTMLInputElement;
    fireEvent.change(die, { target: { value: "20" } });
    fireEvent.blur(die);
    expect(
      (screen.getByLabelText("Evacuate onward, Battle injury T1 (%)") as HTMLInputElement).value,
    ).toBe("80");
    expect(
      (screen.getByLabelText("Return to duty, Battle injury T1 (%)") as HTMLInputElement).value,
    ).toBe("0");
  });

  it("shows the server's error at its row", () => {
    const { ServerError } = composeStories(matrixStories);
    show(ServerError);
    expect(screen.getByRole("alert").textContent).toMatch(/^Battle injury T1: Value error/);
  });
});

describe("ErrorSummary", () => {
  it("lists the server's errors in page order, each a link to its field", () => {
    const errors = placeErrors(
      [
        {
          field: "body.special_events[0].duration_hours",
          message: "Input should be less than or equal to 168",
        },
        { field: "body.duration_days", message: "Input should be less than or equal to 365" },
        { field: "body.fronts[1].nationality_mix.XXX", message: "Unknown nation code XXX" },
      ],
      sampleScenario,
    );
    render(<ErrorSummary errors={errors} />);
    const summary = screen.getByRole("region", { name: "3 problems to fix before saving" });
    expect(
      within(summary)
        .getAllByRole("link")
        .map((a) => a.getAttribute("href")),
    ).toEqual([
      "#field-duration_days",
      "#field-fronts__1__nationality_mix",
      "#field-special_events__0__duration_hours",
    ]);
  });

  it("a field shows the server's message and is marked invalid", () => {
    const { NumberServerError } = composeStories(numberStories);
    show(NumberServerError);
    const input = screen.getByLabelText(/Duration/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.id).toBe("field-duration_days");
    expect(screen.getByText("Input should be less than or equal to 365")).toBeTruthy();
  });
});

describe("EditorToolbar", () => {
  it("enables Save only for a valid draft with changes", () => {
    const stories = composeStories(toolbarStories);
    const save = () => screen.getByRole("button", { name: "Save scenario" }) as HTMLButtonElement;
    for (const [Story, enabled] of [
      [stories.ValidUnsaved, true],
      [stories.Checking, false],
      [stories.Invalid, false],
      [stories.Unreachable, false],
      [stories.AllSaved, false],
    ] as const) {
      show(Story);
      expect(save().disabled, Story.storyName).toBe(!enabled);
      cleanup();
    }
  });
});
