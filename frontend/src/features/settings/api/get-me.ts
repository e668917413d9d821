import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { Me } from "@/lib/api/types";

export const meKeys = {
  all: ["me"] as const,
  current: (baseUrl: string, apiKey: string) => [...meKeys.all, baseUrl, apiKey] as const,
};

export function getMe(): Promise<Me> {
  return unwrap(api().GET("/api/v1/me"));
}

/** Who the current key is (401 when it is refused: not retried). */
export function meQueryOptions(baseUrl: string, apiKey: string) {
  return queryOptions({
    queryKey: meKeys.current(baseUrl, apiKey),
    queryFn: getMe,
    enabled: apiKey !== "",
    retry: false,
    staleTime: 60_000,
  });
}

export function useMe(baseUrl: string, apiKey: string) {
  return useQuery(meQueryOptions(baseUrl, apiKey));
}
