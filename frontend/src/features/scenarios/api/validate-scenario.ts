import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api/client";
import { problemError, type FieldError } from "@/lib/api/errors";
import type { Scenario } from "@/lib/api/types";

import { stableJson } from "../lib/scenario-json";
import { scenarioKeys } from "./keys";

export type Validation =
  { valid: true; scenario: Scenario; errors: [] } | { valid: false; errors: FieldError[] };

/** POST /scenarios/validate: the normalised scenario, or (422) every refused field. */
export async function validateScenario(
  scenario: Scenario,
  signal?: AbortSignal,
): Promise<Validation> {
  const { data, error, response } = await api().POST("/api/v1/scenarios/validate", {
    body: scenario,
    signal,
  });
  if (response.status === 422) {
    const problem = problemError(response, error);
    const errors = problem.fields.length
      ? problem.fields
      : [{ field: "body", message: problem.message }];
    return { valid: false, errors };
  }
  if (!response.ok || !data) throw problemError(response, error);
  return { valid: true, scenario: data.scenario, errors: [] };
}

export function validationQueryOptions(scenario: Scenario | null) {
  const json = scenario ? stableJson(scenario) : "";
  return queryOptions({
    queryKey: scenarioKeys.validation(json),
    queryFn: ({ signal }) => validateScenario(scenario!, signal),
    enabled: scenario !== null,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    // the last verdict (and its errors) stays on screen until the next one arrives
    placeholderData: keepPreviousData,
  });
}

/** The server's verdict on a draft (pass the draft debounced: one request per pause in typing). */
export function useValidation(scenario: Scenario | null) {
  return useQuery(validationQueryOptions(scenario));
}
