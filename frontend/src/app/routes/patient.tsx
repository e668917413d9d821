import { useState } from "react";
import { Link, useParams } from "react-router";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Loading } from "@/components/ui/loading/Loading";
import { PageHeader, usePageTitle } from "@/components/ui/page-header/PageHeader";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/errors";
import { useNations } from "@/lib/reference/get-nations";
import { useDownload } from "@/features/exports/api/create-download";
import { PrintCardsPanel } from "@/features/exports/components/PrintCardsPanel";
import { cardsTicket } from "@/features/exports/lib/cards";
import { useJob } from "@/features/jobs/api/get-job";
import { useHandovers } from "@/features/patients/api/get-handovers";
import { usePatient } from "@/features/patients/api/get-patient";
import { usePatientFhir } from "@/features/patients/api/get-patient-fhir";
import { ConditionsTable, TreatmentsTable } from "@/features/patients/components/ClinicalTables";
import { HandoversSection } from "@/features/patients/components/HandoversSection";
import { PatientIdentity } from "@/features/patients/components/PatientIdentity";
import { PatientTimeline } from "@/features/patients/components/PatientTimeline";
import { RecordViewer, type RecordTab } from "@/features/patients/components/RecordViewer";
import { VitalsCharts } from "@/features/patients/components/VitalsCharts";
import { filtersLike, writeFilters } from "@/features/patients/lib/filters";

import "@/features/patients/components/patients.css";

function Title({ title }: { title: string }) {
  usePageTitle(title);
  return <h1>{title}</h1>;
}

/** `/jobs/:jobId/patients/:index`: one patient, deep-linkable. */
export function PatientRoute() {
  const { jobId = "", index: indexText = "" } = useParams();
  const index = /^\d+$/.test(indexText) ? Number(indexText) : Number.NaN;
  const patient = usePatient(jobId, index);
  const nations = useNations();
  const [tab, setTab] = useState<RecordTab>("ndjson");
  const fhir = usePatientFhir(jobId, index, tab === "fhir" && Boolean(patient.data));
  const handovers = useHandovers(jobId, index, Boolean(patient.data));
  const job = useJob(jobId);
  const download = useDownload(jobId);
  // the patient whose cards started downloading (another patient's page starts afresh)
  const [printed, setPrinted] = useState<number | null>(null);
  const back = (
    <p>
      <Link to={paths.patients.href(jobId)}>All patients of the job</Link> ·{" "}
      <Link to={paths.job.href(jobId)}>the job</Link>
    </p>
  );

  if (!Number.isSafeInteger(index) || patient.error) {
    const missing =
      !Number.isSafeInteger(index) ||
      (patient.error instanceof ApiError && patient.error.status === 404);
    return (
      <>
        <Title title={missing ? "Patient not found" : "Patient"} />
        {missing ? (
          <p>This job has no patient #{indexText}.</p>
        ) : (
          <ErrorMessage error={patient.error} />
        )}
        {back}
      </>
    );
  }
  if (!patient.data)
    return (
      <>
        <Title title="Patient" />
        <Loading label="Loading the patient…" />
      </>
    );
  const p = patient.data;
  const d = p.demographics;
  return (
    <div className="patient-page">
      <PageHeader
        title={`${d.given_name} ${d.family_name}`}
        subtitle={
          <>
            {d.rank_title !== d.rank ? `${d.rank_title} (${d.rank})` : d.rank} · patient #{p.index}{" "}
            · <Link to={paths.patients.href(jobId)}>all patients</Link> ·{" "}
            <Link to={paths.patients.href(jobId, writeFilters(filtersLike(p)))}>
              patients like this one
            </Link>{" "}
            · <Link to={paths.job.href(jobId)}>the job</Link>
          </>
        }
      />
      <div className="patient-page__top">
        <PatientIdentity
          patient={p}
          nationName={nations.data?.find((n) => n.code === p.nationality)?.name}
        />
        <PatientTimeline patient={p} />
      </div>
      <ConditionsTable conditions={p.conditions} />
      <TreatmentsTable treatments={p.treatments} />
      <VitalsCharts vitals={p.vitals} triage={p.triage} />
      <HandoversSection
        legs={handovers.data}
        loading={handovers.isPending}
        error={handovers.error}
      />
      <PrintCardsPanel
        available={job.data?.status === "completed"}
        selection=""
        who={`patient ${p.index}`}
        pending={download.isPending && download.variables?.filters?.index === p.index}
        error={download.variables?.filters?.index === p.index ? download.error : null}
        started={printed === p.index}
        onPrint={(choice) => {
          setPrinted(null);
          download.mutate(cardsTicket(choice, { index: p.index }), {
            onSuccess: () => setPrinted(p.index),
          });
        }}
      />
      <RecordViewer
        patient={p}
        fhir={fhir.data}
        fhirLoading={fhir.isPending}
        fhirError={fhir.error}
        tab={tab}
        onTabChange={setTab}
      />
    </div>
  );
}
