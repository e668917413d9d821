import { useState, type FormEvent } from "react";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Button } from "@/components/ui/button/Button";
import { Card } from "@/components/ui/card/Card";
import { SelectField, TextField } from "@/components/ui/field/Field";
import { Loading } from "@/components/ui/loading/Loading";
import { ApiError } from "@/lib/api/errors";

import type { NewJob } from "../api/create-job";
import type { PresetSummary } from "@/lib/reference/get-presets";
import { parsePatientCount, parseSeed } from "@/lib/parse-count";

import "./jobs.css";

export interface NewJobFormProps {
  presets: PresetSummary[] | undefined;
  presetsError?: unknown;
  submitting?: boolean;
  submitError?: unknown;
  onSubmit: (job: NewJob) => void;
  defaultPatients?: string;
  /** Check the fields at once (a story showing a refused value). */
  validateNow?: boolean;
}

/** The request field (POST /jobs) each of the form's fields fills. */
const SERVER_FIELD = { patients: "body.patients", seed: "body.seed" } as const;

/** Start a job from a preset. The count is checked at the field: nothing invalid is ever sent. */
export function NewJobForm({
  presets,
  presetsError,
  submitting = false,
  submitError,
  onSubmit,
  defaultPatients = "10,000",
  validateNow = false,
}: NewJobFormProps) {
  const [presetId, setPresetId] = useState("");
  const [patients, setPatients] = useState(defaultPatients);
  const [seed, setSeed] = useState("");
  const [touched, setTouched] = useState(validateNow);

  const count = parsePatientCount(patients);
  // what the server refused about a field shows at that field (its message, in its words)
  const refused = submitError instanceof ApiError ? submitError : null;
  const serverField = (field: keyof typeof SERVER_FIELD) =>
    refused?.fieldMessage(SERVER_FIELD[field]) ?? null;
  const seedValue = parseSeed(seed);
  const chosen = presetId || presets?.[0]?.id || "";
  const description = presets?.find((p) => p.id === chosen)?.description;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!count.ok || !seedValue.ok || !chosen) return;
    onSubmit({ presetId: chosen, patients: count.value, seed: seedValue.value });
  }

  return (
    <Card title="New job" className="new-job">
      {presetsError ? (
        <ErrorMessage error={presetsError} title="The presets could not be loaded." />
      ) : !presets ? (
        <Loading label="Loading presets…" />
      ) : (
        <form className="new-job__form" aria-label="New job" noValidate onSubmit={submit}>
          <SelectField
            label="Scenario"
            value={chosen}
            onChange={(e) => setPresetId(e.target.value)}
            options={presets.map((p) => ({ value: p.id, label: p.name }))}
            hint={description}
          />
          <TextField
            label="Patients"
            inputMode="numeric"
            autoComplete="off"
            value={patients}
            onChange={(e) => setPatients(e.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && !count.ok ? count.message : serverField("patients")}
            hint="e.g. 50,000 or 50000"
          />
          <TextField
            label="Seed (optional)"
            inputMode="numeric"
            autoComplete="off"
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            error={touched && !seedValue.ok ? seedValue.message : serverField("seed")}
            hint="Same seed, same patients"
          />
          <div className="new-job__submit">
            <Button type="submit" variant="primary" busy={submitting} disabled={!chosen}>
              Start job
            </Button>
          </div>
        </form>
      )}
      <ErrorMessage
        error={submitError}
        title="The job was not started."
        shownAt={(field) => (Object.values(SERVER_FIELD) as string[]).includes(field)}
      />
    </Card>
  );
}
