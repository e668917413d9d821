import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { MedevacLeg } from "@/lib/api/types";

import { patientKeys } from "./keys";

/** The MIST handover and 9-line MEDEVAC request of each evacuation leg, in journey order. */
export function getHandovers(jobId: string, index: number): Promise<MedevacLeg[]> {
  return unwrap(
    api().GET("/api/v1/jobs/{job_id}/patients/{index}/handovers", {
      params: { path: { job_id: jobId, index } },
    }),
  );
}

export function handoversQueryOptions(jobId: string, index: number) {
  return queryOptions({
    queryKey: patientKeys.handovers(jobId, index),
    queryFn: () => getHandovers(jobId, index),
    // a finished job's patients never change
    staleTime: Infinity,
  });
}

export function useHandovers(jobId: string, index: number, enabled = true) {
  return useQuery({
    ...handoversQueryOptions(jobId, index),
    enabled: enabled && Number.isSafeInteger(index),
  });
}
