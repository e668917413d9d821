import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";

import { scenarioKeys } from "./keys";

export async function deleteScenario(id: string): Promise<void> {
  await unwrap(
    api().DELETE("/api/v1/scenarios/{scenario_id}", { params: { path: { scenario_id: id } } }),
  );
}

export function useDeleteScenario() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteScenario,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: scenarioKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: scenarioKeys.lists() });
    },
  });
}
