import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { ScenarioOut } from "@/lib/api/types";

import { scenarioKeys } from "./keys";

export function getScenario(id: string): Promise<ScenarioOut> {
  return unwrap(
    api().GET("/api/v1/scenarios/{scenario_id}", { params: { path: { scenario_id: id } } }),
  );
}

export function scenarioQueryOptions(id: string) {
  return queryOptions({ queryKey: scenarioKeys.detail(id), queryFn: () => getScenario(id) });
}

export function useScenario(id: string | null) {
  return useQuery({ ...scenarioQueryOptions(id ?? ""), enabled: Boolean(id) });
}
