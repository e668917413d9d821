import { describe, expect, it } from "vitest";

import { evacuatedPatient } from "../testing/fixtures";
import { describeFilters, filtersLike, readFilters, writeFilters } from "./filters";

describe("patient filters", () => {
  it("are described in words, in a fixed order", () => {
    expect(describeFilters({})).toBe("");
    expect(describeFilters({ triage: "T1", front: "North", injury_type: "BATTLE_INJURY" })).toBe(
      "front North, triage T1, injury type BATTLE_INJURY",
    );
  });

  it("select patients like one patient, the patient among them", () => {
    const like = filtersLike(evacuatedPatient);
    expect(like).toEqual({
      nationality: evacuatedPatient.nationality,
      front: evacuatedPatient.front,
      triage: evacuatedPatient.triage,
      injury_type: evacuatedPatient.injury_type,
      final_status: evacuatedPatient.final_status,
    });
    expect(readFilters(writeFilters(like))).toEqual(like);
  });
});
