import type { ScenarioListQuery } from "@/lib/api/types";

/** Query keys of the scenarios feature (invalidate `scenarioKeys.all` after any change). */
export const scenarioKeys = {
  all: ["scenarios"] as const,
  lists: () => [...scenarioKeys.all, "list"] as const,
  list: (query: ScenarioListQuery) => [...scenarioKeys.lists(), query] as const,
  details: () => [...scenarioKeys.all, "detail"] as const,
  detail: (id: string) => [...scenarioKeys.details(), id] as const,
  /** Validation and preview answers, by the scenario's content. */
  validation: (json: string) => [...scenarioKeys.all, "validate", json] as const,
  preview: (json: string, patients: number, seed: number) =>
    [...scenarioKeys.all, "preview", json, patients, seed] as const,
};
