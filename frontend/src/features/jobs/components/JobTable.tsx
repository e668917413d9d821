import { Link } from "react-router";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { StatusBadge } from "@/components/ui/badge/Badge";
import { DateTime } from "@/components/ui/date-time/DateTime";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { SelectField } from "@/components/ui/field/Field";
import { Loading } from "@/components/ui/loading/Loading";
import { Pagination } from "@/components/ui/pagination/Pagination";
import { TableScroll } from "@/components/ui/table/TableScroll";
import { paths } from "@/config/paths";
import type { Job, JobPage, JobStatus } from "@/lib/api/types";
import { JOB_STATUSES, JOB_STATUS_LABEL } from "@/lib/job-status";
import { formatCount, formatDuration, formatPercent, secondsBetween } from "@/lib/format";

import "./jobs.css";

const STATUS_OPTIONS: { value: "" | JobStatus; label: string }[] = [
  { value: "", label: "Any status" },
  ...JOB_STATUSES.map((value) => ({ value, label: JOB_STATUS_LABEL[value] })),
];

/** How long a job ran (so far, when it still runs). */
export function jobDuration(job: Job, now = Date.now()): number | null {
  if (!job.started_at) return null;
  return secondsBetween(job.started_at, job.finished_at ?? new Date(now).toISOString());
}

export function JobTable({ jobs }: { jobs: Job[] }) {
  return (
    <TableScroll label="Jobs">
      <table>
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Patients
            </th>
            <th scope="col" className="num">
              Seed
            </th>
            <th scope="col">Created</th>
            <th scope="col" className="num">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const duration = jobDuration(job);
            return (
              <tr key={job.id}>
                <td>
                  <Link className="job-table__scenario" to={paths.job.href(job.id)}>
                    {job.scenario_name}
                  </Link>
                  {job.error && <div className="job-table__error">{job.error}</div>}
                </td>
                <td>
                  <StatusBadge status={job.status} />
                  {job.status === "running" && (
                    <span className="job-table__progress">{formatPercent(job.progress)}</span>
                  )}
                </td>
                <td className="num">
                  {job.status === "completed"
                    ? formatCount(job.patients)
                    : `${formatCount(job.generated)} / ${formatCount(job.patients)}`}
                </td>
                <td className="num mono">{job.seed}</td>
                <td>
                  <DateTime value={job.created_at} />
                </td>
                <td className="num">{duration === null ? "–" : formatDuration(duration)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

export interface JobListProps {
  page: JobPage | undefined;
  loading?: boolean;
  error?: unknown;
  status: "" | JobStatus;
  onStatusChange: (status: "" | JobStatus) => void;
  onOffsetChange: (offset: number) => void;
}

/** The jobs a key can see, newest first: status filter, table and pages. */
export function JobList({
  page,
  loading,
  error,
  status,
  onStatusChange,
  onOffsetChange,
}: JobListProps) {
  return (
    <section aria-labelledby="job-list-title" className="job-list">
      <h2 id="job-list-title">Jobs</h2>
      <div className="job-list__filters">
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => onStatusChange(e.target.value as "" | JobStatus)}
          options={STATUS_OPTIONS}
        />
      </div>
      {error ? (
        <ErrorMessage error={error} title="The jobs could not be loaded." />
      ) : !page ? (
        loading !== false && <Loading label="Loading jobs…" />
      ) : page.items.length === 0 ? (
        <EmptyState title={status ? `No ${status} jobs` : "No jobs yet"}>
          {!status && <p>Start one from a preset above.</p>}
        </EmptyState>
      ) : (
        <>
          <JobTable jobs={page.items} />
          <Pagination
            offset={page.offset}
            limit={page.limit}
            total={page.total}
            noun="jobs"
            onChange={onOffsetChange}
          />
        </>
      )}
    </section>
  );
}
