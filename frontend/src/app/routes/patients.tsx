import { useCallback, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Card } from "@/components/ui/card/Card";
import { PageHeader } from "@/components/ui/page-header/PageHeader";
import { paths } from "@/config/paths";
import { useNations } from "@/lib/reference/get-nations";
import { useDownload } from "@/features/exports/api/create-download";
import { PrintCardsPanel } from "@/features/exports/components/PrintCardsPanel";
import { cardsTicket } from "@/features/exports/lib/cards";
import { useJob } from "@/features/jobs/api/get-job";
import { usePatients } from "@/features/patients/api/get-patients";
import { PatientFilterBar } from "@/features/patients/components/PatientFilterBar";
import { PatientTable } from "@/features/patients/components/PatientTable";
import {
  describeFilters,
  readFilters,
  scenarioDays,
  writeFilters,
} from "@/features/patients/lib/filters";

/** `/jobs/:jobId/patients?triage=T1&…`: a job's patients, filtered (the filters live in the URL). */
export function PatientsRoute() {
  const { jobId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => readFilters(search), [search]);
  const job = useJob(jobId);
  const nations = useNations();
  const patients = usePatients(jobId, filters);
  const download = useDownload(jobId);
  const [printed, setPrinted] = useState(false);
  const rows = useMemo(() => patients.data?.pages.flatMap((p) => p.items) ?? [], [patients.data]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = patients;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  const names = Object.fromEntries((nations.data ?? []).map((n) => [n.code, n.name]));
  const scenario = job.data?.scenario;
  const codes = [...new Set(scenario?.fronts.flatMap((f) => Object.keys(f.nationality_mix)) ?? [])];
  const nationChoices = codes
    .map((code) => ({ code, name: names[code] ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <>
      <PageHeader
        title="Patients"
        subtitle={
          <>
            {job.data ? job.data.scenario_name : "Job"} ·{" "}
            <Link to={paths.job.href(jobId)}>back to the job</Link>
          </>
        }
      />
      {job.error && <ErrorMessage error={job.error} title="The job could not be loaded." />}
      <Card title="Filters">
        <PatientFilterBar
          filters={filters}
          nations={nationChoices}
          fronts={scenario?.fronts.map((f) => f.name) ?? []}
          days={scenario ? scenarioDays(scenario.start, scenario.duration_days) : undefined}
          onChange={(next) => setSearch(writeFilters(next), { replace: true })}
        />
      </Card>
      <PrintCardsPanel
        available={job.data?.status === "completed"}
        selection={describeFilters(filters)}
        empty={patients.isSuccess && rows.length === 0}
        pending={download.isPending}
        error={download.error}
        started={printed}
        onPrint={(choice) => {
          setPrinted(false);
          download.mutate(cardsTicket(choice, filters), { onSuccess: () => setPrinted(true) });
        }}
      />
      <PatientTable
        key={search.toString()}
        jobId={jobId}
        patients={rows}
        nationNames={names}
        hasMore={Boolean(hasNextPage)}
        loadingMore={isFetchingNextPage}
        loading={patients.isPending}
        error={patients.error}
        filtered={Object.keys(filters).length > 0}
        onLoadMore={loadMore}
      />
    </>
  );
}
