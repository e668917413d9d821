import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";

import { jobKeys } from "./keys";

export async function deleteJob(jobId: string): Promise<void> {
  await unwrap(api().DELETE("/api/v1/jobs/{job_id}", { params: { path: { job_id: jobId } } }));
}

export function useDeleteJob(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteJob(jobId),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: jobKeys.detail(jobId) });
      return queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
    },
  });
}
