// @vitest-environment jsdom
// The patient stories render what the pages need: the table's states, the journey in order.
import { composeStories } from "@storybook/react-vite";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { fn } from "storybook/test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { showStory } from "@/lib/testing/show-story";

import { evacuatedPatient, killedInActionPatient } from "../testing/fixtures";
import { sampleHandovers } from "../testing/handovers";
import * as handoverStories from "./HandoversSection.stories";
import * as filterStories from "./PatientFilterBar.stories";
import * as tableStories from "./PatientTable.stories";
import * as timelineStories from "./PatientTimeline.stories";

// jsdom lays nothing out: the table's scroll box gets a height, so the virtualiser draws rows
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(480);
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const show = showStory;

describe("PatientTable", () => {
  it("shows rows (a link per patient to its page), loading, empty and error states", () => {
    const s = composeStories(tableStories);
    show(s.Rows);
    const rows = document.querySelectorAll<HTMLElement>("tbody tr[data-index]");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(26); // only what is in view (and the overscan)
    expect(within(rows[0]!).getByRole("link").getAttribute("href")).toBe(
      "/jobs/0b6f6a4e-5f1c-4e0e-9d3e-2f1f0c6d9a01/patients/0",
    );
    expect(screen.getByTestId("patient-count").textContent).toBe("26 patients loaded · all shown");
    cleanup();
    show(s.MoreToLoad);
    expect(screen.getByTestId("patient-count").textContent).toMatch(/scroll for more$/);
    cleanup();
    show(s.Loading);
    expect(screen.getByText("Loading patients…")).toBeTruthy();
    cleanup();
    show(s.Empty);
    expect(screen.getByText("No patients yet")).toBeTruthy();
    cleanup();
    show(s.EmptyFiltered);
    expect(screen.getByText("No patient matches the filters")).toBeTruthy();
    cleanup();
    show(s.Error);
    expect(screen.getByRole("alert").textContent).toMatch(/No job with id/);
    cleanup();
    show(s.ErrorLoadingMore);
    expect(screen.getByTestId("patient-count")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toMatch(/next patients could not be loaded/);
  });
});

describe("PatientFilterBar", () => {
  it("shows the injury day and the facility reached, changes and clears them", () => {
    const { DayAndFacilitySet } = composeStories(filterStories);
    const onChange = fn();
    show(() => <DayAndFacilitySet onChange={onChange} />);
    const day = screen.getByLabelText<HTMLInputElement>("Injury day (UTC)");
    expect(day.type).toBe("date");
    expect(day.value).toBe("2030-06-03");
    const facility = screen.getByLabelText<HTMLSelectElement>("Facility reached");
    expect(facility.value).toBe("R2");
    expect([...facility.options].map((o) => o.text)).toEqual([
      "Any facility",
      "Role 1",
      "Role 2",
      "Role 3",
      "Role 4",
    ]);
    fireEvent.change(facility, { target: { value: "R4" } });
    expect(onChange).toHaveBeenLastCalledWith({
      front: "North",
      day: "2030-06-03",
      facility: "R4",
    });
    fireEvent.change(day, { target: { value: "" } });
    expect(onChange).toHaveBeenLastCalledWith({ front: "North", facility: "R2" });
    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(onChange).toHaveBeenLastCalledWith({});
  });
});

describe("PatientTimeline", () => {
  it("lists the facilities in time order with their arrival times", () => {
    const { Evacuated, KilledInAction } = composeStories(timelineStories);
    show(Evacuated);
    const stops = within(screen.getByTestId("journey-stays")).getAllByRole("listitem");
    expect(stops.map((li) => li.dataset.role)).toEqual(["POI", "R1", "R2", "R3", "R4"]);
    const arrivals = evacuatedPatient.timeline
      .filter((e) => e.event === "injury" || e.event === "arrival")
      .map((e) => e.time);
    expect(stops.map((li) => li.dataset.time)).toEqual(arrivals);
    cleanup();
    show(KilledInAction);
    const only = within(screen.getByTestId("journey-stays")).getAllByRole("listitem");
    expect(only.map((li) => li.dataset.role)).toEqual([killedInActionPatient.final_facility]);
  });
});

describe("HandoversSection", () => {
  it("shows each leg's 9 lines in order and its MIST; empty, loading and error states", () => {
    const s = composeStories(handoverStories);
    show(s.Legs);
    expect(screen.getAllByRole("article").length).toBe(sampleHandovers.length);
    const first = screen.getByRole("list", { name: "9-line MEDEVAC request, leg 1" });
    const lines = within(first).getAllByRole("listitem");
    expect(lines.map((li) => li.dataset.line)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ]);
    expect(lines[2].textContent).toContain("1C (1 priority)");
    const mist = screen.getByLabelText("MIST handover, leg 1");
    expect(
      within(mist)
        .getAllByRole("term")
        .map((t) => t.textContent),
    ).toEqual(["M Mechanism", "I Injuries", "S Signs", "T Treatment"]);
    cleanup();
    show(s.Empty);
    expect(screen.getByText(/never moved/)).toBeTruthy();
    cleanup();
    show(s.Loading);
    expect(screen.getByText("Loading the handovers…")).toBeTruthy();
    cleanup();
    show(s.Failed);
    expect(screen.getByRole("alert").textContent).toMatch(/could not be loaded/);
  });
});
