import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { PatientPage } from "@/lib/api/types";

import type { PatientFilters } from "../lib/filters";
import { patientKeys } from "./keys";

/** Patients per request (the API allows up to 1,000). */
export const PATIENTS_PAGE_SIZE = 200;

export function getPatients(
  jobId: string,
  filters: PatientFilters,
  cursor: number | undefined,
  signal?: AbortSignal,
): Promise<PatientPage> {
  return unwrap(
    api().GET("/api/v1/jobs/{job_id}/patients", {
      params: {
        path: { job_id: jobId },
        query: {
          ...filters,
          limit: PATIENTS_PAGE_SIZE,
          ...(cursor === undefined ? {} : { cursor }),
        },
      },
      signal,
    }),
  );
}

export function patientsQueryOptions(jobId: string, filters: PatientFilters) {
  return infiniteQueryOptions({
    queryKey: patientKeys.list(jobId, filters),
    queryFn: ({ pageParam, signal }) => getPatients(jobId, filters, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    // pass next_cursor back as cursor; null on the last page
    getNextPageParam: (last) => (last.next_cursor === null ? undefined : Number(last.next_cursor)),
    staleTime: 60_000,
  });
}

/** A job's patients in index order, page after page through `next_cursor`. */
export function usePatients(jobId: string, filters: PatientFilters) {
  return useInfiniteQuery(patientsQueryOptions(jobId, filters));
}
