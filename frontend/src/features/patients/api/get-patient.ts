import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { PatientRecord } from "@/lib/api/types";

import { patientKeys } from "./keys";

export function getPatient(jobId: string, index: number): Promise<PatientRecord> {
  return unwrap(
    api().GET("/api/v1/jobs/{job_id}/patients/{index}", {
      params: { path: { job_id: jobId, index } },
    }),
  );
}

export function patientQueryOptions(jobId: string, index: number) {
  return queryOptions({
    queryKey: patientKeys.detail(jobId, index),
    queryFn: () => getPatient(jobId, index),
    // a finished job's patients never change
    staleTime: Infinity,
  });
}

export function usePatient(jobId: string, index: number) {
  return useQuery({ ...patientQueryOptions(jobId, index), enabled: Number.isSafeInteger(index) });
}
