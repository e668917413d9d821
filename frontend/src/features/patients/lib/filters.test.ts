import { describe, expect, it } from "vitest";

import { evacuatedPatient } from "../testing/fixtures";
import {
  describeFilters,
  FACILITIES,
  filtersLike,
  isDay,
  readFilters,
  scenarioDays,
  writeFilters,
} from "./filters";

describe("patient filters", () => {
  it("are described in words, in a fixed order", () => {
    expect(describeFilters({})).toBe("");
    expect(describeFilters({ triage: "T1", front: "North", injury_type: "BATTLE_INJURY" })).toBe(
      "front North, triage T1, injury type BATTLE_INJURY",
    );
    expect(describeFilters({ facility: "R2", day: "2030-06-03", triage: "T1" })).toBe(
      "triage T1, injury day 2030-06-03, facility reached R2",
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

describe("the injury day and facility filters", () => {
  it("are read from the URL when valid", () => {
    expect(readFilters(new URLSearchParams("day=2030-06-03&facility=R2&triage=T1"))).toEqual({
      day: "2030-06-03",
      facility: "R2",
      triage: "T1",
    });
    expect(readFilters(new URLSearchParams("day=2032-02-29"))).toEqual({ day: "2032-02-29" });
    for (const facility of FACILITIES)
      expect(readFilters(new URLSearchParams({ facility }))).toEqual({ facility });
  });

  it("are ignored when the API would refuse them, the other filters kept", () => {
    for (const day of [
      "2030-02-30", // no such day
      "2031-02-29", // not a leap year
      "2030-13-01",
      "2030-6-3",
      "03/06/2030",
      "2030-06-03T00:00",
      "0000-01-01",
      "tomorrow",
    ]) {
      expect(isDay(day)).toBe(false);
      expect(readFilters(new URLSearchParams({ day, front: "North" }))).toEqual({ front: "North" });
    }
    for (const facility of ["POI", "R5", "r1", "Role 1"])
      expect(readFilters(new URLSearchParams({ facility, front: "North" }))).toEqual({
        front: "North",
      });
    expect(readFilters(new URLSearchParams("day=&facility="))).toEqual({});
  });

  it("offer the roles R1 to R4, in chain order", () => {
    expect(FACILITIES).toEqual(["R1", "R2", "R3", "R4"]);
  });

  it("go to the URL after the other filters and come back unchanged", () => {
    const filters = { facility: "R3", day: "2030-06-03", nationality: "POL" } as const;
    const params = writeFilters(filters);
    expect(params.toString()).toBe("nationality=POL&day=2030-06-03&facility=R3");
    expect(readFilters(params)).toEqual(filters);
    expect(writeFilters({ day: "2030-06-03" }).toString()).toBe("day=2030-06-03");
  });
});

describe("the scenario's days", () => {
  it("run from the start day to the last day, in UTC", () => {
    expect(scenarioDays("2030-06-01T06:00:00", 30)).toEqual({
      first: "2030-06-01",
      last: "2030-07-01",
    });
    expect(scenarioDays("2030-06-01T00:00:00Z", 1)).toEqual({
      first: "2030-06-01",
      last: "2030-06-01",
    });
    expect(scenarioDays("2030-06-01T23:30:00-02:00", 1)).toEqual({
      first: "2030-06-02",
      last: "2030-06-03",
    });
  });

  it("are unknown for an unreadable start or no duration", () => {
    expect(scenarioDays("soon", 3)).toBeUndefined();
    expect(scenarioDays("2030-06-01T00:00:00Z", 0)).toBeUndefined();
  });
});
