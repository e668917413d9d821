import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { WarfareTypeEntry } from "@/lib/api/types";

import { referenceKeys } from "./keys";

/** The warfare types a scenario can weight (name, description, mechanism mix, severity). */
export function getWarfareTypes(): Promise<WarfareTypeEntry[]> {
  return unwrap(api().GET("/api/v1/reference/warfare-types"));
}

export function warfareTypesQueryOptions() {
  return queryOptions({
    queryKey: referenceKeys.warfareTypes(),
    queryFn: getWarfareTypes,
    staleTime: Infinity,
  });
}

export function useWarfareTypes() {
  return useQuery(warfareTypesQueryOptions());
}
