import type { Scenario } from "@/lib/api/types";

/** JSON with object keys sorted: two equal scenarios give the same text whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** The scenario as a file's text (what Export writes and Import reads). */
export function scenarioFileText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** A file name for a scenario: "Large-scale conventional" → "large-scale-conventional.scenario.json". */
export function scenarioFileName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${slug || "scenario"}.scenario.json`;
}

export type Parsed = { ok: true; scenario: Scenario } | { ok: false; message: string };

/**
 * Reads a scenario from JSON text: a scenario object, or a saved scenario (`{name, scenario}`) as
 * GET /scenarios/{id} answers it. The server validates the rest.
 */
export function parseScenarioText(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, message: "A scenario is a JSON object." };
  const object = value as Record<string, unknown>;
  const inner = object.scenario;
  const scenario = (
    inner && typeof inner === "object" && !Array.isArray(inner) && "fronts" in inner
      ? inner
      : object
  ) as Record<string, unknown>;
  for (const key of ["name", "fronts", "chain"])
    if (!(key in scenario))
      return { ok: false, message: `This is not a scenario: it has no “${key}”.` };
  return { ok: true, scenario: scenario as unknown as Scenario };
}

/** Saves the scenario as a JSON file through the browser (a small file: made in memory). */
export function downloadScenario(scenario: Scenario): void {
  const blob = new Blob([scenarioFileText(scenario)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = scenarioFileName(scenario.name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
