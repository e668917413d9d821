import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { JobDetail } from "@/lib/api/types";

import { jobKeys } from "./keys";

export function getJob(jobId: string): Promise<JobDetail> {
  return unwrap(api().GET("/api/v1/jobs/{job_id}", { params: { path: { job_id: jobId } } }));
}

export function jobQueryOptions(jobId: string) {
  return queryOptions({ queryKey: jobKeys.detail(jobId), queryFn: () => getJob(jobId) });
}

export function useJob(jobId: string) {
  return useQuery(jobQueryOptions(jobId));
}
