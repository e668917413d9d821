import { Button } from "@/components/ui/button/Button";
import { SelectField, TextField } from "@/components/ui/field/Field";
import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import {
  INJURY_LABEL,
  INJURY_TYPES,
  OUTCOME_LABEL,
  OUTCOMES,
  ROLE_LABEL,
  TRIAGES,
} from "@/lib/labels";

import { FACILITIES, type PatientFilters } from "../lib/filters";

import "./patients.css";

export interface PatientFilterBarProps {
  filters: PatientFilters;
  /** The job's nations (code → name) and fronts, as choices. */
  nations: { code: string; name: string }[];
  fronts: string[];
  /** The scenario's first and last day (YYYY-MM-DD, UTC): the injury day picker's range. */
  days?: { first: string; last: string };
  onChange: (filters: PatientFilters) => void;
}

type Choice = { value: string; label: string };

function labelled<T extends string>(values: readonly T[], labels: Record<T, string>): Choice[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** Filters of the patient table (kept in the URL by the page). */
export function PatientFilterBar({
  filters,
  nations,
  fronts,
  days,
  onChange,
}: PatientFilterBarProps) {
  const set = (key: keyof PatientFilters, value: string) => {
    const next = { ...filters, [key]: value || undefined };
    if (!value) delete next[key];
    onChange(next);
  };
  const any = Object.values(filters).some(Boolean);
  // one select per filter: "" (the first choice) clears it
  const select = (key: keyof PatientFilters, label: string, all: string, choices: Choice[]) => (
    <SelectField
      label={label}
      value={filters[key] ?? ""}
      options={[{ value: "", label: all }, ...choices]}
      onChange={(e) => set(key, e.target.value)}
    />
  );
  return (
    <form
      className="patient-filters"
      aria-label="Patient filters"
      onSubmit={(e) => e.preventDefault()}
    >
      {select(
        "nationality",
        "Nationality",
        "All nations",
        nations.map((n) => ({ value: n.code, label: `${n.name} (${n.code})` })),
      )}
      {select(
        "front",
        "Front",
        "All fronts",
        fronts.map((f) => ({ value: f, label: f })),
      )}
      {select("triage", "Triage", "All triage", labelled(TRIAGES, TRIAGE_LABEL))}
      {select(
        "injury_type",
        "Injury type",
        "All injury types",
        labelled(INJURY_TYPES, INJURY_LABEL),
      )}
      {select("final_status", "Final status", "All outcomes", labelled(OUTCOMES, OUTCOME_LABEL))}
      <TextField
        label="Injury day (UTC)"
        type="date"
        min={days?.first}
        max={days?.last}
        value={filters.day ?? ""}
        onChange={(e) => set("day", e.target.value)}
      />
      {select("facility", "Facility reached", "Any facility", labelled(FACILITIES, ROLE_LABEL))}
      <Button onClick={() => onChange({})} disabled={!any}>
        Clear filters
      </Button>
    </form>
  );
}
