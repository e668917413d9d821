import { useCallback, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { StatusBadge } from "@/components/ui/badge/Badge";
import { Card } from "@/components/ui/card/Card";
import { Loading } from "@/components/ui/loading/Loading";
import { PageHeader, usePageTitle } from "@/components/ui/page-header/PageHeader";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/errors";
import type { InjuryType } from "@/lib/api/types";
import { InjuryTypeValues } from "@/lib/api/enums";
import { formatCount } from "@/lib/format";
import { isActive } from "@/lib/job-status";
import {
  receivedMark,
  useStatistics,
  type DashboardFilters,
} from "@/features/dashboard/api/get-statistics";
import { Dashboard } from "@/features/dashboard/components/Dashboard";
import { useDownload, type DownloadRequest } from "@/features/exports/api/create-download";
import { DownloadPanel } from "@/features/exports/components/DownloadPanel";
import { useCancelJob } from "@/features/jobs/api/cancel-job";
import { useRunAgain } from "@/features/jobs/api/create-job";
import { useDeleteJob } from "@/features/jobs/api/delete-job";
import { useJob } from "@/features/jobs/api/get-job";
import { useJobEvents } from "@/features/jobs/api/use-job-events";
import { JobActions } from "@/features/jobs/components/JobActions";
import { JobProgress } from "@/features/jobs/components/JobProgress";
import { JobSummary } from "@/features/jobs/components/JobSummary";

const INJURY_TYPES = new Set<string>(InjuryTypeValues);

/** The dashboard's filters live in the URL (?front=&nationality=&injury_type=). */
function useFilters(): [DashboardFilters, (filters: DashboardFilters) => void] {
  const [search, setSearch] = useSearchParams();
  const injury = search.get("injury_type");
  const filters: DashboardFilters = {
    ...(search.get("front") ? { front: search.get("front")! } : {}),
    ...(search.get("nationality") ? { nationality: search.get("nationality")! } : {}),
    ...(injury && INJURY_TYPES.has(injury) ? { injury_type: injury as InjuryType } : {}),
  };
  const setFilters = useCallback(
    (next: DashboardFilters) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(next)) if (value) params.set(key, value);
      setSearch(params, { replace: true });
    },
    [setSearch],
  );
  return [filters, setFilters];
}

/** Time from the shown statistics' answer to every chart drawn (read by frontend/bench). */
function measurePaint(filters: DashboardFilters) {
  try {
    performance.measure("dashboard:paint", receivedMark(filters));
  } catch {
    // no mark (the answer came from the cache)
  }
}

export function JobRoute() {
  const { jobId = "" } = useParams();
  const job = useJob(jobId);

  if (job.error) {
    const missing = job.error instanceof ApiError && job.error.status === 404;
    return (
      <>
        <JobTitle title={missing ? "Job not found" : "Job"} />
        <ErrorMessage
          error={job.error}
          title={missing ? "There is no such job for this key." : undefined}
        />
        <p>
          <Link to={paths.jobs.href()}>Back to the jobs</Link>
        </p>
      </>
    );
  }
  if (!job.data) {
    return (
      <>
        <JobTitle title="Job" />
        <Loading label="Loading the job…" />
      </>
    );
  }
  return <JobView jobId={jobId} job={job.data} />;
}

function JobTitle({ title }: { title: string }) {
  usePageTitle(title);
  return <h1>{title}</h1>;
}

function JobView({
  jobId,
  job,
}: {
  jobId: string;
  job: NonNullable<ReturnType<typeof useJob>["data"]>;
}) {
  const navigate = useNavigate();
  const active = isActive(job.status);
  const events = useJobEvents(jobId, active);
  const live = events.progress;
  const status = live?.status ?? job.status;
  const generated = live?.generated ?? job.generated;

  const [filters, setFilters] = useFilters();
  const filtered = Boolean(filters.front || filters.nationality || filters.injury_type);
  const liveState = { tick: generated, status };
  const statistics = useStatistics(jobId, filters, liveState);
  const all = useStatistics(jobId, {}, liveState);

  const cancel = useCancelJob(jobId);
  const remove = useDeleteJob(jobId);
  const again = useRunAgain();
  const download = useDownload(jobId);
  const [started, setStarted] = useState<DownloadRequest | null>(null);
  // after "Cancel job" the focus goes to the progress, which says what became of the job
  const progressHeading = useRef<HTMLHeadingElement>(null);

  return (
    <>
      <PageHeader
        title={job.scenario_name}
        subtitle={
          <>
            <StatusBadge status={status} /> {formatCount(job.patients)} patients · seed{" "}
            <span className="mono">{job.seed}</span> · job <span className="mono">{job.id}</span>
          </>
        }
        actions={
          <JobActions
            status={status}
            patients={job.patients}
            generated={generated}
            seed={job.seed}
            cancelling={cancel.isPending}
            deleting={remove.isPending}
            starting={again.isPending}
            error={cancel.error ?? remove.error ?? again.error}
            focusAfterCancel={progressHeading}
            onCancel={() => cancel.mutate()}
            onDelete={() =>
              remove.mutate(undefined, { onSuccess: () => navigate(paths.jobs.href()) })
            }
            onRunAgain={() =>
              again.mutate(
                { scenario: job.scenario, patients: job.patients, seed: job.seed },
                { onSuccess: (created) => navigate(paths.job.href(created.id)) },
              )
            }
          />
        }
      />
      <Card title="Progress" titleRef={progressHeading}>
        <JobProgress
          status={status}
          generated={generated}
          total={job.patients}
          rate={live?.rate}
          etaS={live?.eta_s}
        />
        {(live?.error ?? job.error) && (
          <ErrorMessage error={new Error(live?.error ?? job.error ?? "")} title="Failure reason" />
        )}
        <ErrorMessage error={events.error} title="Live progress stopped." />
        <details className="job-details">
          <summary>Job details</summary>
          <JobSummary job={{ ...job, status, generated }} />
        </details>
      </Card>
      {generated > 0 && (
        <p className="job-links">
          <Link to={paths.patients.href(jobId)}>Browse the patients</Link> ·{" "}
          <Link to={paths.patients.href(jobId, { triage: "T1" })}>T1 Immediate only</Link>
        </p>
      )}
      <DownloadPanel
        available={status === "completed"}
        reason={
          status === "completed"
            ? undefined
            : active
              ? "Downloads open when the job has completed."
              : `This job ${status === "failed" ? "failed" : "was cancelled"}; only completed jobs export.`
        }
        pending={download.isPending}
        error={download.error}
        started={started}
        onDownload={(request) => download.mutate(request, { onSuccess: () => setStarted(request) })}
      />
      <Dashboard
        statistics={statistics.data}
        choices={filtered ? all.data?.counts : undefined}
        loading={statistics.isPending}
        refreshing={statistics.isFetching}
        error={statistics.error}
        filters={filters}
        onFiltersChange={setFilters}
        onPainted={() => measurePaint(filters)}
      />
    </>
  );
}
