import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { ScenarioListQuery, ScenarioPage } from "@/lib/api/types";

import { scenarioKeys } from "./keys";

export const SCENARIOS_PAGE_SIZE = 20;

export function getScenarios(query: ScenarioListQuery): Promise<ScenarioPage> {
  return unwrap(api().GET("/api/v1/scenarios", { params: { query } }));
}

export function scenariosQueryOptions(query: ScenarioListQuery) {
  return queryOptions({
    queryKey: scenarioKeys.list(query),
    queryFn: () => getScenarios(query),
    placeholderData: keepPreviousData,
  });
}

/** The key's saved scenarios, newest first; `q` finds part of the name (any case). */
export function useScenarios(query: ScenarioListQuery) {
  return useQuery(scenariosQueryOptions(query));
}
