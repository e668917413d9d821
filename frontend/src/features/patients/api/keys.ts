import type { PatientFilters } from "../lib/filters";

/** Query keys of the patients feature. */
export const patientKeys = {
  all: ["patients"] as const,
  job: (jobId: string) => [...patientKeys.all, jobId] as const,
  list: (jobId: string, filters: PatientFilters) =>
    [...patientKeys.job(jobId), "list", filters] as const,
  detail: (jobId: string, index: number) => [...patientKeys.job(jobId), "detail", index] as const,
  fhir: (jobId: string, index: number) => [...patientKeys.job(jobId), "fhir", index] as const,
  handovers: (jobId: string, index: number) =>
    [...patientKeys.job(jobId), "handovers", index] as const,
};
