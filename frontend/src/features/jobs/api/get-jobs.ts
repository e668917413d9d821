import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { JobListQuery, JobPage } from "@/lib/api/types";
import { isActive } from "@/lib/job-status";

import { jobKeys } from "./keys";

export const JOBS_PAGE_SIZE = 25;

export function getJobs(query: JobListQuery): Promise<JobPage> {
  return unwrap(api().GET("/api/v1/jobs", { params: { query } }));
}

const active = (page: JobPage | undefined) =>
  page?.items.some((job) => isActive(job.status)) ?? false;

export function jobsQueryOptions(query: JobListQuery) {
  return queryOptions({
    queryKey: jobKeys.list(query),
    queryFn: () => getJobs(query),
    placeholderData: keepPreviousData,
    // poll while a job on the page is still working, so its progress and status move
    refetchInterval: (q) => (active(q.state.data) ? 3_000 : false),
  });
}

export function useJobs(query: JobListQuery) {
  return useQuery(jobsQueryOptions(query));
}
