import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { Scenario, Schemas } from "@/lib/api/types";

import { referenceKeys } from "./keys";

export type PresetSummary = Schemas["PresetSummary"];

export function getPresets(): Promise<PresetSummary[]> {
  return unwrap(api().GET("/api/v1/reference/presets"));
}

export function getPreset(presetId: string): Promise<Scenario> {
  return unwrap(
    api().GET("/api/v1/reference/presets/{preset_id}", {
      params: { path: { preset_id: presetId } },
    }),
  );
}

export function presetsQueryOptions() {
  return queryOptions({
    queryKey: referenceKeys.presets(),
    queryFn: getPresets,
    staleTime: Infinity,
  });
}

export function presetQueryOptions(presetId: string) {
  return queryOptions({
    queryKey: referenceKeys.preset(presetId),
    queryFn: () => getPreset(presetId),
    staleTime: Infinity,
  });
}

export function usePresets() {
  return useQuery(presetsQueryOptions());
}
