import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";

import { apiKeyKeys } from "./keys";

/** The key stops working on its next request (it stays in the list, marked revoked). */
export async function revokeKey(keyId: string): Promise<void> {
  await unwrap(api().DELETE("/api/v1/keys/{key_id}", { params: { path: { key_id: keyId } } }));
}

export function useRevokeKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
