import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { FacilityEntry } from "@/lib/api/types";

import { referenceKeys } from "./keys";

/** The roles of the treatment chain with their description and the default preset's settings. */
export function getFacilities(): Promise<FacilityEntry[]> {
  return unwrap(api().GET("/api/v1/reference/facilities"));
}

export function facilitiesQueryOptions() {
  return queryOptions({
    queryKey: referenceKeys.facilities(),
    queryFn: getFacilities,
    staleTime: Infinity,
  });
}

export function useFacilities() {
  return useQuery(facilitiesQueryOptions());
}
