import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { Job } from "@/lib/api/types";

import { jobKeys } from "./keys";

export function cancelJob(jobId: string): Promise<Job> {
  return unwrap(
    api().POST("/api/v1/jobs/{job_id}/cancel", { params: { path: { job_id: jobId } } }),
  );
}

export function useCancelJob(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelJob(jobId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
