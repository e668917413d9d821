import { JobStatusValues } from "@/lib/api/enums";
import type { JobStatus } from "@/lib/api/types";

// A job's statuses come from the generated enum; what each means to a page is said once here.

export const JOB_STATUSES: readonly JobStatus[] = JobStatusValues;

export const JOB_STATUS_LABEL: Record<JobStatus, string> = {
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const ACTIVE: ReadonlySet<string> = new Set<JobStatus>(["queued", "running"]);

/** Still at work (queued or running): it has live progress and can be cancelled. */
export function isActive(status: JobStatus | (string & {})): boolean {
  return ACTIVE.has(status);
}

/** A status the API knows (e.g. read from a URL or an event's name). */
export function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}
