import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { KeyOut } from "@/lib/api/types";

import { apiKeyKeys } from "./keys";

/** Every API key (revoked ones too), admin only: names and prefixes, never a secret. */
export function getKeys(): Promise<KeyOut[]> {
  return unwrap(api().GET("/api/v1/keys"));
}

export function keysQueryOptions() {
  return queryOptions({ queryKey: apiKeyKeys.list(), queryFn: getKeys });
}

/** The key list; off until the current key is known to be an admin (others get a 403). */
export function useKeys(enabled = true) {
  return useQuery({ ...keysQueryOptions(), enabled });
}
