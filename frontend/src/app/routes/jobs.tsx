import { useNavigate, useSearchParams } from "react-router";

import { PageHeader } from "@/components/ui/page-header/PageHeader";
import { paths } from "@/config/paths";
import { isJobStatus } from "@/lib/job-status";
import { useCreateJobFromPreset } from "@/features/jobs/api/create-job";
import { JOBS_PAGE_SIZE, useJobs } from "@/features/jobs/api/get-jobs";
import { usePresets } from "@/lib/reference/get-presets";
import { JobList } from "@/features/jobs/components/JobTable";
import { NewJobForm } from "@/features/jobs/components/NewJobForm";

export function JobsRoute() {
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const statusParam = search.get("status") ?? "";
  const status = isJobStatus(statusParam) ? statusParam : "";
  const offset = Math.max(0, Number.parseInt(search.get("offset") ?? "0", 10) || 0);

  const presets = usePresets();
  const create = useCreateJobFromPreset();
  const jobs = useJobs({ limit: JOBS_PAGE_SIZE, offset, ...(status ? { status } : {}) });

  const setQuery = (next: { status?: string; offset?: number }) => {
    const params = new URLSearchParams(search);
    if (next.status !== undefined) {
      if (next.status) params.set("status", next.status);
      else params.delete("status");
      params.delete("offset");
    }
    if (next.offset !== undefined) {
      if (next.offset > 0) params.set("offset", String(next.offset));
      else params.delete("offset");
    }
    setSearch(params);
  };

  return (
    <>
      <PageHeader
        title="Jobs"
        subtitle="Generate synthetic casualties from a scenario preset and follow them live."
      />
      <NewJobForm
        presets={presets.data}
        presetsError={presets.error}
        submitting={create.isPending}
        submitError={create.error}
        onSubmit={(job) =>
          create.mutate(job, { onSuccess: (created) => navigate(paths.job.href(created.id)) })
        }
      />
      <JobList
        page={jobs.data}
        loading={jobs.isPending}
        error={jobs.error}
        status={status}
        onStatusChange={(value) => setQuery({ status: value })}
        onOffsetChange={(value) => setQuery({ offset: value })}
      />
    </>
  );
}
