import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { KeyCreate, KeyCreated } from "@/lib/api/types";

import { apiKeyKeys } from "./keys";

/** A new key; the answer carries its plain text, which the API never shows again. */
export function createKey(body: KeyCreate): Promise<KeyCreated> {
  return unwrap(api().POST("/api/v1/keys", { body }));
}

export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
