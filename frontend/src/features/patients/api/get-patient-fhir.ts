import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api/client";
import { problemError } from "@/lib/api/errors";

import { patientKeys } from "./keys";

/** The patient's FHIR R4 Bundle as the server wrote it (application/fhir+json), as text. */
export async function getPatientFhir(jobId: string, index: number): Promise<string> {
  const { data, error, response } = await api().GET("/api/v1/jobs/{job_id}/patients/{index}/fhir", {
    params: { path: { job_id: jobId, index } },
    parseAs: "text",
  });
  if (!response.ok) {
    let body: unknown = error;
    if (typeof error === "string") {
      try {
        body = JSON.parse(error);
      } catch {
        body = null;
      }
    }
    throw problemError(response, body);
  }
  return data as unknown as string;
}

export function patientFhirQueryOptions(jobId: string, index: number) {
  return queryOptions({
    queryKey: patientKeys.fhir(jobId, index),
    queryFn: () => getPatientFhir(jobId, index),
    staleTime: Infinity,
  });
}

/** Fetched only when asked (the bundle is ~20 KB). */
export function usePatientFhir(jobId: string, index: number, enabled: boolean) {
  return useQuery({ ...patientFhirQueryOptions(jobId, index), enabled });
}
