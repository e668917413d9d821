import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { JobStatistics, Scenario } from "@/lib/api/types";

import { stableJson } from "../lib/scenario-json";
import { scenarioKeys } from "./keys";

/** Patients a preview may have (the API's limit). */
export const MAX_PREVIEW_PATIENTS = 20_000;
export const PREVIEW_SIZES = [1_000, 5_000, 20_000] as const;

/**
 * POST /scenarios/preview: the statistics of a sample generated in memory (nothing is stored),
 * in the shape of a job's, so the dashboard's charts draw it.
 */
export async function previewScenario(
  scenario: Scenario,
  patients: number,
  seed: number,
  signal?: AbortSignal,
): Promise<Preview> {
  const started = performance.now();
  const statistics = await unwrap(
    api().POST("/api/v1/scenarios/preview", { body: { scenario, patients, seed }, signal }),
  );
  const ms = Math.round(performance.now() - started);
  performance.measure("preview:answer", { start: started, duration: ms });
  return { statistics, ms };
}

export interface Preview {
  statistics: JobStatistics;
  /** From the request to the parsed answer, in milliseconds. */
  ms: number;
}

export function previewQueryOptions(scenario: Scenario | null, patients: number, seed = 0) {
  const json = scenario ? stableJson(scenario) : "";
  return queryOptions({
    queryKey: scenarioKeys.preview(json, patients, seed),
    queryFn: ({ signal }) => previewScenario(scenario!, patients, seed, signal),
    enabled: scenario !== null,
    staleTime: Infinity,
    gcTime: 60_000,
    // the last preview stays on screen while the next one is computed
    placeholderData: keepPreviousData,
  });
}

/** The preview of a valid scenario (null while there is none: nothing is asked). */
export function usePreview(scenario: Scenario | null, patients: number, seed = 0) {
  return useQuery(previewQueryOptions(scenario, patients, seed));
}
