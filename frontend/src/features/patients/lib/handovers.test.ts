import { describe, expect, it } from "vitest";

import type { MedevacLeg } from "@/lib/api/types";

import { sampleHandovers } from "../testing/handovers";
import { legRoute, mistRows, nineLineRows } from "./handovers";

const leg = sampleHandovers[0];

describe("9-line rows", () => {
  it("come in the standard line order with the values read over the radio", () => {
    const rows = nineLineRows(leg);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.map((r) => r.field)).toEqual([
      "location",
      "call_sign",
      "precedence",
      "special_equipment",
      "patients_by_type",
      "security",
      "marking",
      "nationality_status",
      "nbc",
    ]);
    expect(rows[2]).toMatchObject({
      title: "Number of patients by precedence",
      value: "1C (1 priority)",
    });
    expect(rows[6].value).toBe("C - smoke signal");
    expect(rows[7].value).toBe("C - non-US military (GBR)");
    expect(rows[8].value).toBe("none");
  });

  it("fall back to the fields where the text lacks a line", () => {
    const partial: MedevacLeg = { ...leg, nine_line_text: "LINE 1: somewhere" };
    const rows = nineLineRows(partial);
    expect(rows[0].value).toBe("somewhere");
    expect(rows[3].value).toBe("A - none");
    expect(rows[4].value).toBe("L1");
    expect(rows[7].value).toBe("C - non-US military (GBR)");
  });
});

describe("MIST rows", () => {
  it("are mechanism, injuries, signs, treatment", () => {
    const rows = mistRows(leg.mist);
    expect(rows.map((r) => r.letter)).toEqual(["M", "I", "S", "T"]);
    expect(rows[1].items).toEqual(leg.mist.injuries);
    expect(rows[2].items).toEqual([leg.mist.signs]);
  });
});

describe("leg route", () => {
  it("names the roles", () => {
    expect(legRoute({ origin: "POI", destination: "R1" })).toBe("Point of injury → Role 1");
    expect(legRoute({ origin: "R3", destination: "OUT_OF_THEATRE" })).toBe(
      "Role 3 → out of theatre",
    );
  });
});
