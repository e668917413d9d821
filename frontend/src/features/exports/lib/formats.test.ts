import { describe, expect, it } from "vitest";

import { ExportFormatValues } from "@/lib/api/enums";

import { archivesFor, fitArchive, FORMATS, passwordLength, passwordProblem } from "./formats";

describe("export formats", () => {
  it("offers FHIR Bulk Data only as ZIP", () => {
    expect(archivesFor("fhir-ndjson")).toEqual(["zip"]);
    expect(fitArchive("fhir-ndjson", "gzip")).toBe("zip");
    expect(fitArchive("csv", "gzip")).toBe("gzip");
  });

  it("offers every format of the API, Parquet only as ZIP", () => {
    // the generated enum's members, in the API's order
    expect(FORMATS.map((f) => f.format)).toEqual([...ExportFormatValues]);
    expect(FORMATS.map((f) => f.format)).toContain("fhir-bundle");
    expect(archivesFor("parquet")).toEqual(["zip"]);
    expect(fitArchive("parquet", "none")).toBe("zip");
    expect(archivesFor("xlsx")).toEqual(["none", "gzip", "zip"]);
    expect(archivesFor("cards-pdf")).toEqual(["none", "gzip", "zip"]);
  });

  it("counts a password's characters as the server does", () => {
    expect(passwordLength("Pässwörd🔒")).toBe(9);
    expect(passwordProblem("短い", "短い")).toMatch(/At least 8/);
    expect(passwordProblem("Grüße aus Köln 🔒", "Grüße aus Köln 🔒")).toBeNull();
    expect(passwordProblem("12345678", "12345679")).toMatch(/differ/);
    expect(passwordProblem("x".repeat(257), "x".repeat(257))).toMatch(/At most/);
  });
});
