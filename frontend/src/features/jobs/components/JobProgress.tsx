import { StatusBadge } from "@/components/ui/badge/Badge";
import { ProgressBar } from "@/components/ui/progress-bar/ProgressBar";
import type { JobStatus } from "@/lib/api/types";
import { formatCount, formatDuration } from "@/lib/format";

import "./jobs.css";

export interface JobProgressProps {
  status: JobStatus;
  generated: number;
  total: number;
  /** Patients per second (live, from the event stream). */
  rate?: number | null;
  etaS?: number | null;
}

const TONE = {
  queued: "info",
  running: "info",
  completed: "success",
  failed: "danger",
  cancelled: "warning",
} as const;

/** A job's progress bar and status line (live figures while it runs). */
export function JobProgress({ status, generated, total, rate, etaS }: JobProgressProps) {
  const live = status === "running";
  return (
    <div className="job-progress">
      <ProgressBar value={generated} max={total} label="Generated patients" tone={TONE[status]} />
      <p className="job-progress__line" role="status" data-status={status}>
        <StatusBadge status={status} />
        <span data-testid="job-progress-count">
          {formatCount(generated)} / {formatCount(total)} patients
        </span>
        {live && rate ? <span>· {formatCount(Math.round(rate))} patients/s</span> : null}
        {live && etaS ? <span>· {formatDuration(Math.ceil(etaS))} left</span> : null}
      </p>
    </div>
  );
}
