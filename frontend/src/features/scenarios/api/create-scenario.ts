import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { Scenario, ScenarioOut } from "@/lib/api/types";

import { scenarioKeys } from "./keys";

export function createScenario(scenario: Scenario): Promise<ScenarioOut> {
  return unwrap(api().POST("/api/v1/scenarios", { body: scenario }));
}

/** Saves a new scenario (from a draft, a duplicate or an imported file). */
export function useCreateScenario() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createScenario,
    onSuccess: (saved) => {
      queryClient.setQueryData(scenarioKeys.detail(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: scenarioKeys.lists() });
    },
  });
}
