import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { Job, JobCreate, JobDetail } from "@/lib/api/types";

import { presetQueryOptions } from "@/lib/reference/get-presets";
import { jobKeys } from "./keys";

export function createJob(body: JobCreate): Promise<Job> {
  return unwrap(api().POST("/api/v1/jobs", { body }));
}

export interface NewJob {
  presetId: string;
  patients: number;
  seed?: number;
}

/** Starts a job from a preset: the preset's scenario, the typed count and the optional seed. */
export function useCreateJobFromPreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ presetId, patients, seed }: NewJob) => {
      if (!Number.isSafeInteger(patients) || patients < 1) {
        throw new Error("The patient count must be a whole number of at least 1.");
      }
      const scenario = await queryClient.fetchQuery(presetQueryOptions(presetId));
      return createJob({ scenario, patients, ...(seed === undefined ? {} : { seed }) });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
  });
}

/** "Run again": the same scenario snapshot, patient count and seed as an earlier job. */
export function useRunAgain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ scenario, patients, seed }: Pick<JobDetail, "scenario" | "patients" | "seed">) =>
      createJob({ scenario, patients, seed }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
  });
}

/** Starts a job from a saved scenario (`scenario_id`), with a count and an optional seed. */
export function useCreateJobFromScenario() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      scenarioId,
      patients,
      seed,
    }: {
      scenarioId: string;
      patients: number;
      seed?: number;
    }) => createJob({ scenario_id: scenarioId, patients, ...(seed === undefined ? {} : { seed }) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.lists() }),
  });
}
