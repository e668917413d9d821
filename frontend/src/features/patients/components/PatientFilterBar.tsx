import { Button } from "@/components/ui/button/Button";
import { SelectField, TextField } from "@/components/ui/field/Field";
import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import { INJURY_LABEL, OUTCOME_LABEL, ROLE_LABEL } from "@/lib/labels";

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
  return (
    <form
      className="patient-filters"
      aria-label="Patient filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <SelectField
        label="Nationality"
        value={filters.nationality ?? ""}
        options={[
          { value: "", label: "All nations" },
          ...nations.map((n) => ({ value: n.code, label: `${n.name} (${n.code})` })),
        ]}
        onChange={(e) => set("nationality", e.target.value)}
      />
      <SelectField
        label="Front"
        value={filters.front ?? ""}
        options={[
          { value: "", label: "All fronts" },
          ...fronts.map((f) => ({ value: f, label: f })),
        ]}
        onChange={(e) => set("front", e.target.value)}
      />
      <SelectField
        label="Triage"
        value={filters.triage ?? ""}
        options={[
          { value: "", label: "All triage" },
          ...(["T1", "T2", "T3", "T4"] as const).map((t) => ({ value: t, label: TRIAGE_LABEL[t] })),
        ]}
        onChange={(e) => set("triage", e.target.value)}
      />
      <SelectField
        label="Injury type"
        value={filters.injury_type ?? ""}
        options={[
          { value: "", label: "All injury types" },
          ...(["BATTLE_INJURY", "NON_BATTLE_INJURY", "DISEASE"] as const).map((t) => ({
            value: t,
            label: INJURY_LABEL[t],
          })),
        ]}
        onChange={(e) => set("injury_type", e.target.value)}
      />
      <SelectField
        label="Final status"
        value={filters.final_status ?? ""}
        options={[
          { value: "", label: "All outcomes" },
          ...(["RTD", "EVACUATED", "DOW", "KIA"] as const).map((s) => ({
            value: s,
            label: OUTCOME_LABEL[s],
          })),
        ]}
        onChange={(e) => set("final_status", e.target.value)}
      />
      <TextField
        label="Injury day (UTC)"
        type="date"
        min={days?.first}
        max={days?.last}
        value={filters.day ?? ""}
        onChange={(e) => set("day", e.target.value)}
      />
      <SelectField
        label="Facility reached"
        value={filters.facility ?? ""}
        options={[
          { value: "", label: "Any facility" },
          ...FACILITIES.map((f) => ({ value: f, label: ROLE_LABEL[f] })),
        ]}
        onChange={(e) => set("facility", e.target.value)}
      />
      <Button onClick={() => onChange({})} disabled={!any}>
        Clear filters
      </Button>
    </form>
  );
}
