import { useCallback, useMemo, type ReactNode } from "react";

import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import { SelectField, TextField } from "@/components/ui/field/Field";
import { ROLES, TRIAGES } from "@/lib/labels";
import type {
  FacilityEntry,
  Facility,
  Nation,
  Role,
  Scenario,
  Tempo,
  WarfareTypeEntry,
} from "@/lib/api/types";

import { fieldId, type PlacedError } from "../lib/fields";
import { INJURY_TYPES, ROLE_NAMES, TEMPO_LABEL } from "../lib/labels";
import { setIn } from "../lib/update";
import { EnvironmentToggles } from "./EnvironmentToggles";
import { FacilityEditor } from "./FacilityEditor";
import { FieldErrorsProvider, useFieldError } from "./field-errors";
import { FrontsEditor } from "./FrontsEditor";
import { IntensityField } from "./IntensityField";
import { JsonView } from "./JsonView";
import { MinutesTable } from "./MinutesTable";
import { NumberField } from "./NumberField";
import { ShareEditor } from "./ShareEditor";
import { SpecialEventsEditor } from "./SpecialEventsEditor";
import { TempoChart } from "./TempoChart";
import { WarfareEditor } from "./WarfareEditor";

import "./scenarios.css";

export type EditorView = "form" | "json";
export type Update = (change: (scenario: Scenario) => Scenario) => void;

export interface ScenarioEditorProps {
  scenario: Scenario;
  onChange: Update;
  nations: Nation[];
  warfareTypes: WarfareTypeEntry[];
  facilities?: FacilityEntry[];
  /** The server's 422 errors, placed at their fields. */
  errors: PlacedError[];
  view: EditorView;
  onViewChange: (view: EditorView) => void;
}

const TEMPOS = Object.keys(TEMPO_LABEL) as Tempo[];

export const SECTIONS = [
  ["general", "General"],
  ["fronts", "Fronts and nations"],
  ["injuries", "Injury mix"],
  ["warfare", "Warfare and intensity"],
  ["tempo", "Tempo"],
  ["events", "Special events"],
  ["environment", "Environment"],
  ["chain", "Treatment chain"],
  ["transit", "Transit times"],
  ["triage", "Triage weights"],
] as const;

/** "2030-06-01T00:00:00Z" ↔ the value of a datetime-local input, read as UTC. */
function toLocalInput(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]}T${match[2]}` : "";
}

/** Every setting of a scenario as real controls (or the JSON view), errors shown at their field. */
export function ScenarioEditor({
  scenario,
  onChange,
  nations,
  warfareTypes,
  facilities,
  errors,
  view,
  onViewChange,
}: ScenarioEditorProps) {
  const byField = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const e of errors) map.set(e.at, [...(map.get(e.at) ?? []), e.message]);
    return map;
  }, [errors]);
  const set = useCallback(
    (path: (string | number)[], value: unknown) => onChange((s) => setIn(s, path, value)),
    [onChange],
  );
  const setFacility = useCallback(
    (role: Role, facility: Facility) => onChange((s) => setIn(s, ["chain", role], facility)),
    [onChange],
  );

  return (
    <FieldErrorsProvider errors={byField}>
      <div className="editor">
        <div className="editor__views" role="group" aria-label="Editor view">
          <button
            type="button"
            className="btn btn--sm btn--secondary"
            aria-pressed={view === "form"}
            onClick={() => onViewChange("form")}
          >
            Form
          </button>
          <button
            type="button"
            className="btn btn--sm btn--secondary"
            aria-pressed={view === "json"}
            onClick={() => onViewChange("json")}
          >
            JSON (experts)
          </button>
        </div>
        <ErrorSummary errors={errors} />
        {view === "json" ? (
          <JsonView scenario={scenario} onChange={(next) => onChange(() => next)} />
        ) : (
          <>
            <nav className="editor__nav" aria-label="Scenario sections">
              <ul>
                {SECTIONS.map(([id, title]) => (
                  <li key={id}>
                    <a href={`#section-${id}`}>{title}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <Section id="general" title="General">
              <div className="form-grid">
                <TextField
                  id={fieldId("name")}
                  label="Name"
                  value={scenario.name}
                  maxLength={200}
                  error={byField.get("name")?.join(" ")}
                  data-field="name"
                  onChange={(e) => set(["name"], e.target.value)}
                />
                <TextField
                  id={fieldId("start")}
                  label="Start of day 1 (UTC)"
                  type="datetime-local"
                  value={toLocalInput(scenario.start)}
                  error={byField.get("start")?.join(" ")}
                  data-field="start"
                  onChange={(e) => e.target.value && set(["start"], `${e.target.value}:00Z`)}
                />
                <NumberField
                  label="Duration"
                  unit="days"
                  integer
                  path="duration_days"
                  hint="1 – 365"
                  value={scenario.duration_days}
                  onChange={(days) => set(["duration_days"], days ?? 1)}
                />
                <NumberField
                  label="Patients"
                  integer
                  path="patients"
                  hint="A job's default size; the size also sets the facilities' load."
                  value={scenario.patients}
                  onChange={(n) => set(["patients"], n ?? 1)}
                />
              </div>
              <Description
                value={scenario.description ?? ""}
                onChange={(d) => set(["description"], d)}
              />
            </Section>
            <Section id="fronts" title="Fronts and nations">
              <FrontsEditor
                fronts={scenario.fronts}
                nations={nations}
                events={scenario.special_events ?? []}
                onChange={(fronts, events) =>
                  onChange((s) => ({
                    ...s,
                    fronts,
                    ...(events ? { special_events: events } : {}),
                  }))
                }
              />
            </Section>
            <Section id="injuries" title="Injury mix">
              <ShareEditor
                legend="Injury types"
                description="Before the environment's factors (which multiply disease and non-battle injury, then renormalise)."
                path="injury_mix"
                entries={INJURY_TYPES.map((t) => ({ ...t }))}
                value={scenario.injury_mix}
                onChange={(mix) => set(["injury_mix"], mix)}
              />
            </Section>
            <Section id="warfare" title="Warfare and intensity">
              <WarfareEditor
                value={scenario.warfare}
                types={warfareTypes}
                onChange={(warfare) => set(["warfare"], warfare)}
              />
              <IntensityField
                value={scenario.intensity ?? 1}
                battleTriage={scenario.triage_weights.battle_injury}
                onChange={(x) => set(["intensity"], x)}
              />
            </Section>
            <Section id="tempo" title="Tempo">
              <SelectField
                id={fieldId("tempo")}
                label="Tempo"
                hint={TEMPO_LABEL[scenario.tempo ?? "sustained"].effect}
                error={byField.get("tempo")?.join(" ")}
                value={scenario.tempo ?? "sustained"}
                options={TEMPOS.map((t) => ({ value: t, label: TEMPO_LABEL[t].label }))}
                onChange={(e) => set(["tempo"], e.target.value)}
              />
              <TempoChart scenario={scenario} />
            </Section>
            <Section id="events" title="Special events">
              <SpecialEventsEditor
                events={scenario.special_events ?? []}
                fronts={scenario.fronts.map((f) => f.name)}
                durationDays={scenario.duration_days}
                onChange={(events) => set(["special_events"], events)}
              />
            </Section>
            <Section id="environment" title="Environment">
              <EnvironmentToggles
                value={scenario.environment ?? []}
                onChange={(environment) => set(["environment"], environment)}
              />
            </Section>
            <Section id="chain" title="Treatment chain">
              <ChainNote />
              {ROLES.map((role) => (
                <FacilityEditor
                  key={role}
                  role={role}
                  facility={scenario.chain[role]}
                  reference={facilities?.find((f) => f.role === role)}
                  onChange={setFacility}
                />
              ))}
            </Section>
            <Section id="transit" title="Transit times">
              <p className="shares__description">
                Minutes from leaving the previous facility to arriving at each role (× the
                environment&apos;s evacuation delay).
              </p>
              <div className="transit-grid">
                {(["R1", "R2", "R3", "R4"] as const).map((role) => (
                  <MinutesTable
                    key={role}
                    path={`transit_minutes.${role}`}
                    caption={`Transit to ${ROLE_NAMES[role]}`}
                    value={scenario.transit_minutes[role]}
                    onChange={(v) => set(["transit_minutes", role], v)}
                  />
                ))}
              </div>
            </Section>
            <Section id="triage" title="Triage weights">
              <p className="shares__description">
                NATO triage (AMedP-1.10). T4 Expectant is the medical director&apos;s call in
                mass-casualty situations, so it is usually 0 here (events set their own).
              </p>
              <div className="triage-grid">
                {INJURY_TYPES.map((type) => (
                  <ShareEditor
                    key={type.key}
                    legend={type.label}
                    path={`triage_weights.${type.key}`}
                    entries={TRIAGES.map((t) => ({
                      key: t,
                      label: TRIAGE_LABEL[t],
                      name: `${t} of ${type.label}`,
                    }))}
                    value={scenario.triage_weights[type.key]}
                    onChange={(w) => set(["triage_weights", type.key], w)}
                  />
                ))}
              </div>
            </Section>
          </>
        )}
      </div>
    </FieldErrorsProvider>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section
      className="editor__section card"
      id={`section-${id}`}
      aria-labelledby={`section-${id}-title`}
      tabIndex={-1}
    >
      <h2 className="card__title" id={`section-${id}-title`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Description({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const error = useFieldError("description");
  const id = fieldId("description");
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label className="field__label" htmlFor={id}>
        Description
      </label>
      <textarea
        id={id}
        className="field__control"
        rows={3}
        maxLength={2000}
        value={value}
        data-field="description"
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ChainNote() {
  const error = useFieldError("chain");
  return (
    <>
      <p className="shares__description">
        POI → Role 1 → Role 2 → Role 3 → Role 4. The point of injury and at least one of Roles 1–3
        are deployed; every deployed role but the POI needs a capacity.
      </p>
      {error && (
        <p className="field__error" role="alert" id={fieldId("chain")} tabIndex={-1}>
          {error}
        </p>
      )}
    </>
  );
}

/** Every server error in page order, each a link to its field. */
export function ErrorSummary({ errors }: { errors: PlacedError[] }) {
  if (errors.length === 0) return null;
  return (
    <div
      className="error-summary"
      role="region"
      aria-labelledby="error-summary-title"
      id={fieldId("")}
      tabIndex={-1}
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {errors.length === 1 ? "1 problem" : `${errors.length} problems`} to fix before saving
      </h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            {e.at ? (
              <a
                href={`#${fieldId(e.at)}`}
                onClick={(event) => {
                  event.preventDefault();
                  revealField(e.at, true);
                }}
              >
                {e.at}
              </a>
            ) : (
              <span className="mono">{e.field}</span>
            )}
            : {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Opens what hides a field, scrolls it to the middle of the screen and, if asked, focuses it. */
export function revealField(path: string, focus = false): boolean {
  const element = document.getElementById(fieldId(path));
  if (!element) return false;
  for (let parent = element.parentElement; parent; parent = parent.parentElement)
    if (parent instanceof HTMLDetailsElement) parent.open = true;
  element.scrollIntoView({ block: "center" });
  if (focus) element.focus({ preventScroll: true });
  return true;
}
