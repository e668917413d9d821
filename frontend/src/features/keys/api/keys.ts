/** Query keys of the keys feature (invalidate `apiKeyKeys.all` after a create or a revoke). */
export const apiKeyKeys = {
  all: ["api-keys"] as const,
  list: () => [...apiKeyKeys.all, "list"] as const,
};
