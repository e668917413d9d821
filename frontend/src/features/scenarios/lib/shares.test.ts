import { describe, expect, it } from "vitest";

import {
  addEntry,
  fromUnits,
  isWhole,
  normalise,
  parsePercent,
  removeEntry,
  setShare,
  sharesOf,
  spread,
  total,
  unitsOf,
  WHOLE,
} from "./shares";

describe("share mixes stay at exactly 100 %", () => {
  const fronts = unitsOf({ North: 0.45, South: 0.35, Rear: 0.2 });

  it("spreads exactly, by largest remainder", () => {
    expect(spread(10, ["a", "b", "c"], { a: 1, b: 1, c: 1 })).toEqual({ a: 4, b: 3, c: 3 });
    expect(total(spread(WHOLE, ["a", "b", "c"], { a: 0, b: 0, c: 0 }))).toBe(WHOLE);
  });

  it("setting one share moves the others in proportion", () => {
    const next = setShare(fronts, "North", 6000);
    expect(next).toEqual({ North: 6000, South: 2545, Rear: 1455 });
    expect(total(next)).toBe(WHOLE);
    expect(isWhole(sharesOf(next))).toBe(true);
  });

  it("locked entries keep their value and bound the change", () => {
    const next = setShare(fronts, "North", 9000, { locked: new Set(["Rear"]) });
    expect(next).toEqual({ North: 8000, South: 0, Rear: 2000 });
  });

  it("an absorbing entry takes the difference first", () => {
    const row = unitsOf({ die: 0.09, rtd: 0, evacuate: 0.91 });
    expect(setShare(row, "rtd", 1000, { absorb: ["evacuate"] })).toEqual({
      die: 900,
      rtd: 1000,
      evacuate: 8100,
    });
    // more than evacuate holds: it goes to 0, the rest comes from die
    expect(setShare(row, "rtd", 9500, { absorb: ["evacuate"] })).toEqual({
      die: 500,
      rtd: 9500,
      evacuate: 0,
    });
    // in order: evacuate first, then rtd
    const r2 = unitsOf({ die: 0.1, rtd: 0.3, evacuate: 0.6 });
    expect(setShare(r2, "die", 8000, { absorb: ["evacuate", "rtd"] })).toEqual({
      die: 8000,
      rtd: 2000,
      evacuate: 0,
    });
    expect(setShare(r2, "die", 0, { absorb: ["evacuate", "rtd"] })).toEqual({
      die: 0,
      rtd: 3000,
      evacuate: 7000,
    });
  });

  it("clamps to 0 … 100 % and a lone entry is always 100 %", () => {
    expect(setShare(fronts, "North", 12000).North).toBe(WHOLE);
    expect(setShare(fronts, "North", -5).North).toBe(0);
    expect(setShare({ USA: 10000 }, "USA", 3000)).toEqual({ USA: 10000 });
  });

  it("adds and removes entries without leaving 100 %", () => {
    const added = addEntry(fronts, "West");
    expect(added.West).toBe(2500);
    expect(total(added)).toBe(WHOLE);
    const removed = removeEntry(added, "North");
    expect(Object.keys(removed)).toEqual(["South", "Rear", "West"]);
    expect(total(removed)).toBe(WHOLE);
    // a mix under 100 %: the new entry takes what is left
    expect(addEntry({ a: 6000 }, "b")).toEqual({ a: 6000, b: 4000 });
  });

  it("normalises a mix that is not whole", () => {
    expect(normalise({ a: 3000, b: 3000 })).toEqual({ a: 5000, b: 5000 });
    expect(fromUnits(normalise({ a: 1, b: 2 }).b)).toBeCloseTo(2 / 3, 3);
  });

  it("reads percent as typed", () => {
    expect(parsePercent("45.5")).toBe(4550);
    expect(parsePercent("45.5 %")).toBe(4550);
    expect(parsePercent("0")).toBe(0);
    expect(parsePercent("100")).toBe(10000);
    expect(parsePercent("101")).toBeNull();
    expect(parsePercent("-1")).toBeNull();
    expect(parsePercent("4,5")).toBeNull();
    expect(parsePercent("")).toBeNull();
  });
});
