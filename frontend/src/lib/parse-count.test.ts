import { describe, expect, it } from "vitest";

import { parsePatientCount, parseSeed } from "./parse-count";

describe("parsePatientCount", () => {
  it.each([
    ["50000", 50_000],
    ["50,000", 50_000],
    [" 1,000,000 ", 1_000_000],
    ["1", 1],
    ["100,000,000", 100_000_000],
  ])("accepts %j", (text, value) => {
    expect(parsePatientCount(text)).toEqual({ ok: true, value });
  });

  it.each([
    "",
    "  ",
    "50.000",
    "50 000",
    "5,0000",
    "50,00",
    ",500",
    "1e5",
    "-5",
    "0",
    "abc",
    "12k",
  ])("refuses %j with a message", (text) => {
    const parsed = parsePatientCount(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(5);
  });

  it("refuses more than the API's limit", () => {
    expect(parsePatientCount("100,000,001").ok).toBe(false);
  });
});

describe("parseSeed", () => {
  it("is optional and numeric", () => {
    expect(parseSeed("")).toEqual({ ok: true });
    expect(parseSeed("42")).toEqual({ ok: true, value: 42 });
    expect(parseSeed("4.2").ok).toBe(false);
  });
});
