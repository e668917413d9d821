import { useState } from "react";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Button } from "@/components/ui/button/Button";
import { Card } from "@/components/ui/card/Card";
import { Loading } from "@/components/ui/loading/Loading";
import type { PatientRecord } from "@/lib/api/types";

import "./patients.css";

export type RecordTab = "ndjson" | "fhir";

export interface RecordViewerProps {
  patient: PatientRecord;
  /** The FHIR R4 Bundle as text (undefined until fetched). */
  fhir: string | undefined;
  fhirLoading?: boolean;
  fhirError?: unknown;
  tab: RecordTab;
  onTabChange: (tab: RecordTab) => void;
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The patient's NDJSON record and FHIR R4 Bundle, to read and to copy. */
export function RecordViewer({
  patient,
  fhir,
  fhirLoading,
  fhirError,
  tab,
  onTabChange,
}: RecordViewerProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const ndjson = JSON.stringify(patient);
  const text = tab === "ndjson" ? ndjson : fhir;
  const copy = async () => {
    if (text === undefined) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(tab === "ndjson" ? "NDJSON line copied." : "FHIR bundle copied.");
    } catch {
      setCopied("The browser refused the clipboard: select the text and copy it.");
    }
  };
  return (
    <Card
      title="Record"
      className="record-viewer"
      actions={
        <Button size="sm" onClick={copy} disabled={text === undefined}>
          Copy {tab === "ndjson" ? "NDJSON" : "FHIR bundle"}
        </Button>
      }
    >
      <div className="record-viewer__tabs" role="group" aria-label="Format">
        <button
          type="button"
          className="btn btn--sm btn--secondary"
          aria-pressed={tab === "ndjson"}
          onClick={() => onTabChange("ndjson")}
        >
          NDJSON record
        </button>
        <button
          type="button"
          className="btn btn--sm btn--secondary"
          aria-pressed={tab === "fhir"}
          onClick={() => onTabChange("fhir")}
        >
          FHIR R4 bundle
        </button>
      </div>
      <p className="muted record-viewer__note">
        {tab === "ndjson"
          ? "One line of an NDJSON export: the record as GET /jobs/{id}/patients/{index} gives it."
          : "The patient as a FHIR R4 transaction Bundle, as in a fhir-bundle export."}
      </p>
      <p aria-live="polite" className="record-viewer__copied">
        {copied}
      </p>
      {tab === "fhir" && fhirError ? (
        <ErrorMessage error={fhirError} title="The FHIR bundle could not be loaded." />
      ) : text === undefined ? (
        fhirLoading !== false && <Loading label="Loading the FHIR bundle…" />
      ) : (
        <pre
          className={`record-viewer__text record-viewer__text--${tab}`}
          tabIndex={0}
          role="region"
          aria-label={tab === "ndjson" ? "NDJSON record" : "FHIR bundle"}
          data-testid={`record-${tab}`}
        >
          {tab === "ndjson" ? text : pretty(text)}
        </pre>
      )}
    </Card>
  );
}
