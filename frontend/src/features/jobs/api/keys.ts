import type { JobListQuery } from "@/lib/api/types";

/** Query keys of the jobs feature (invalidate `jobKeys.all` after any change to a job). */
export const jobKeys = {
  all: ["jobs"] as const,
  lists: () => [...jobKeys.all, "list"] as const,
  list: (query: JobListQuery) => [...jobKeys.lists(), query] as const,
  details: () => [...jobKeys.all, "detail"] as const,
  detail: (jobId: string) => [...jobKeys.details(), jobId] as const,
};
