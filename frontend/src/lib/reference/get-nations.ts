import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { Nation } from "@/lib/api/types";

import { referenceKeys } from "./keys";

/** The 32 NATO nations (ISO 3166 alpha-3 code, name, ranks, blood groups …). */
export function getNations(): Promise<Nation[]> {
  return unwrap(api().GET("/api/v1/reference/nations"));
}

export function nationsQueryOptions() {
  return queryOptions({
    queryKey: referenceKeys.nations(),
    queryFn: getNations,
    staleTime: Infinity,
  });
}

export function useNations() {
  return useQuery(nationsQueryOptions());
}
