import { DateTime } from "@/components/ui/date-time/DateTime";
import type { Job } from "@/lib/api/types";
import { formatCount, formatDuration } from "@/lib/format";

import { jobDuration } from "./JobTable";

import "./jobs.css";

/** The facts of a job: seed, size, times, duration and why it failed. */
export function JobSummary({ job }: { job: Job }) {
  const duration = jobDuration(job);
  return (
    <dl className="job-summary">
      <div>
        <dt>Seed</dt>
        <dd className="mono" data-testid="job-seed">
          {job.seed}
        </dd>
      </div>
      <div>
        <dt>Patients</dt>
        <dd>{formatCount(job.patients)}</dd>
      </div>
      <div>
        <dt>Batches</dt>
        <dd>
          {formatCount(job.batches)} × {formatCount(job.batch_size)}
        </dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>
          <DateTime value={job.created_at} seconds />
        </dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>
          <DateTime value={job.started_at} seconds />
        </dd>
      </div>
      <div>
        <dt>Finished</dt>
        <dd>
          <DateTime value={job.finished_at} seconds />
        </dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>{duration === null ? "–" : formatDuration(duration)}</dd>
      </div>
      {job.error && (
        <div className="job-summary__wide">
          <dt>Failure reason</dt>
          <dd className="job-table__error" data-testid="job-error">
            {job.error}
          </dd>
        </div>
      )}
    </dl>
  );
}
