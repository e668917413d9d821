import { QueryClient } from "@tanstack/react-query";

import { ApiError } from "@/lib/api/errors";

/** Network trouble and 5xx are retried twice; a 4xx answer would only repeat itself. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.isClientError) return false;
  return failureCount < 2;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 2_000, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
