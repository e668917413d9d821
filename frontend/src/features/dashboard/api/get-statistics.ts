import { keepPreviousData, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

import { LIVE_REFRESH_MS } from "@/config/constants";
import { api, unwrap } from "@/lib/api/client";
import type { InjuryType, JobStatistics, JobStatus } from "@/lib/api/types";
import { isActive } from "@/lib/job-status";

/** The dashboard's filters (all optional; each is a query parameter of the statistics route). */
export interface DashboardFilters {
  front?: string;
  nationality?: string;
  injury_type?: InjuryType;
}

export const statisticsKeys = {
  all: ["statistics"] as const,
  job: (jobId: string) => [...statisticsKeys.all, jobId] as const,
  filtered: (jobId: string, filters: DashboardFilters) =>
    [...statisticsKeys.job(jobId), filters] as const,
};

/** Marks when a statistics answer arrived (the dashboard-paint benchmark measures from here). */
export function receivedMark(filters: DashboardFilters): string {
  const query = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return `statistics:received?${query}`;
}

export async function getStatistics(
  jobId: string,
  filters: DashboardFilters,
): Promise<JobStatistics> {
  const statistics = await unwrap(
    api().GET("/api/v1/jobs/{job_id}/statistics", {
      params: { path: { job_id: jobId }, query: filters },
    }),
  );
  performance.mark(receivedMark(filters));
  return statistics;
}

export function statisticsQueryOptions(jobId: string, filters: DashboardFilters, final: boolean) {
  return queryOptions({
    queryKey: statisticsKeys.filtered(jobId, filters),
    queryFn: () => getStatistics(jobId, filters),
    // a finished job's statistics never change; a running job's change with every batch
    staleTime: final ? Infinity : 0,
    placeholderData: keepPreviousData,
  });
}

export interface Live {
  /** Changes with every committed batch (the event stream's `generated`). */
  tick: number;
  status: JobStatus;
}

/**
 * The statistics of a job under the filters. While the job runs they refresh when a batch commits
 * (the `tick` moves), at most once per LIVE_REFRESH_MS, and once more when it ends.
 */
export function useStatistics(jobId: string, filters: DashboardFilters, live: Live) {
  const final = !isActive(live.status);
  const query = useQuery(statisticsQueryOptions(jobId, filters, final));
  const queryClient = useQueryClient();
  const last = useRef(0);
  const trigger = `${live.tick}:${final}`;
  const previous = useRef(trigger);

  useEffect(() => {
    if (trigger === previous.current) return; // the query itself fetched this state
    previous.current = trigger;
    const refresh = () => {
      last.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: statisticsKeys.job(jobId) });
    };
    const wait = LIVE_REFRESH_MS - (Date.now() - last.current);
    if (wait <= 0 || final) {
      refresh();
      return;
    }
    const timer = setTimeout(refresh, wait); // trailing: the latest batch is never skipped
    return () => clearTimeout(timer);
  }, [jobId, trigger, final, queryClient]);

  return query;
}
