import { describe, expect, it } from "vitest";

import { sampleScenario } from "../testing/fixtures";
import { fieldId, fieldPath, placeErrors } from "./fields";
import { expectedPerDay, battleTriageAt, tempoWeight } from "./tempo";
import { parseScenarioText, scenarioFileName, stableJson } from "./scenario-json";

describe("422 errors land at their field", () => {
  it("reads the API's field names", () => {
    expect(fieldPath("body.fronts[1].nationality_mix")).toBe("fronts.1.nationality_mix");
    expect(fieldPath("body.chain.R2.capacity_per_hour")).toBe("chain.R2.capacity_per_hour");
    expect(fieldPath("body")).toBe("");
    expect(fieldId("fronts.1.share")).toBe("field-fronts__1__share");
  });

  it("places each error at the deepest control it concerns, in page order", () => {
    const placed = placeErrors(
      [
        { field: "body.chain.R1.outcomes.battle_injury.T1", message: "sum" },
        { field: "body.fronts[1].nationality_mix.XXX", message: "unknown nation" },
        { field: "body.special_events[0].duration_hours", message: "too long" },
        { field: "body", message: "whole body" },
      ],
      sampleScenario,
    );
    expect(placed.map((p) => p.at)).toEqual([
      "",
      "fronts.1.nationality_mix",
      "special_events.0.duration_hours",
      "chain.R1.outcomes.battle_injury.T1",
    ]);
  });
});

describe("tempo and intensity, as the simulation applies them", () => {
  it("shapes the days", () => {
    expect(tempoWeight("escalating", 30, 30)).toBe(3);
    expect(tempoWeight("declining", 1, 30)).toBe(3);
    expect(tempoWeight("intermittent", 3, 30)).toBe(0.15);
    expect(tempoWeight("surge", 1, 3)).toBeCloseTo(1, 2);
  });

  it("expects every patient on some day, events in their hours", () => {
    const days = expectedPerDay(sampleScenario, 10_000);
    expect(days).toHaveLength(sampleScenario.duration_days);
    const sum = days.reduce((a, d) => a + d.tempo + d.events, 0);
    expect(sum).toBeCloseTo(10_000, 6);
    expect(days[9]!.events).toBeCloseTo(100, 6); // mass casualty, day 10, 1 %
    expect(days[19]!.events + days[20]!.events + days[21]!.events).toBeCloseTo(500, 6);
  });

  it("raises T1 with intensity", () => {
    const mix = { T1: 0.26, T2: 0.26, T3: 0.48, T4: 0 };
    expect(battleTriageAt(mix, 1).T1).toBeCloseTo(0.26, 9);
    expect(battleTriageAt(mix, 2).T1).toBeCloseTo(0.52 / (0.52 + 0.26 * Math.SQRT2 + 0.48), 9);
  });
});

describe("scenario files", () => {
  it("compares scenarios by content, not key order", () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe(stableJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
  it("reads a scenario or a saved one, refuses anything else", () => {
    expect(parseScenarioText(JSON.stringify(sampleScenario)).ok).toBe(true);
    expect(parseScenarioText(JSON.stringify({ id: "x", scenario: sampleScenario })).ok).toBe(true);
    expect(parseScenarioText("{").ok).toBe(false);
    expect(parseScenarioText("[]").ok).toBe(false);
    expect(parseScenarioText('{"name": "x"}')).toEqual({
      ok: false,
      message: "This is not a scenario: it has no “fronts”.",
    });
    expect(scenarioFileName("Übung Nord / 2030")).toBe("ubung-nord-2030.scenario.json");
  });
});
