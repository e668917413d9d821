import type { Job, JobDetail } from "@/lib/api/types";

/** A job as the API lists it, for stories and tests. */
export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: "0b6f6a4e-5f1c-4e0e-9d3e-2f1f0c6d9a01",
    status: "completed",
    scenario_id: null,
    scenario_name: "Large-scale conventional",
    patients: 100_000,
    generated: 100_000,
    batches: 49,
    batch_size: 2048,
    seed: 42,
    progress: 1,
    cancel_requested: false,
    error: null,
    created_at: "2026-11-28T18:00:00Z",
    started_at: "2026-11-28T18:00:01Z",
    finished_at: "2026-11-28T18:00:04.5Z",
    ...overrides,
  };
}

export function makeJobDetail(
  scenario: JobDetail["scenario"],
  overrides: Partial<Job> = {},
): JobDetail {
  return { ...makeJob(overrides), scenario };
}
