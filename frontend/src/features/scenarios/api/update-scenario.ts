import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { Scenario, ScenarioOut } from "@/lib/api/types";

import { scenarioKeys } from "./keys";

export function updateScenario(id: string, scenario: Scenario): Promise<ScenarioOut> {
  return unwrap(
    api().PUT("/api/v1/scenarios/{scenario_id}", {
      params: { path: { scenario_id: id } },
      body: scenario,
    }),
  );
}

/** Replaces a saved scenario (save from the editor, rename from the library). */
export function useUpdateScenario() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, scenario }: { id: string; scenario: Scenario }) =>
      updateScenario(id, scenario),
    onSuccess: (saved) => {
      queryClient.setQueryData(scenarioKeys.detail(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: scenarioKeys.lists() });
    },
  });
}
