import { Button } from "@/components/ui/button/Button";
import { SelectField } from "@/components/ui/field/Field";
import type { InjuryType, JobStatistics } from "@/lib/api/types";

import type { DashboardFilters } from "../api/get-statistics";
import { INJURY_LABEL, INJURY_TYPES } from "@/lib/labels";

export interface DashboardFilterBarProps {
  filters: DashboardFilters;
  /** The unfiltered counts: which fronts and nations there are to pick from. */
  counts: JobStatistics["counts"] | undefined;
  onChange: (filters: DashboardFilters) => void;
}

const ALL = "";

/** Front, nationality and injury type; every chart shows only the matching patients. */
export function DashboardFilterBar({ filters, counts, onChange }: DashboardFilterBarProps) {
  const fronts = Object.keys(counts?.front ?? {}).sort();
  const nations = Object.keys(counts?.nationality ?? {}).sort();
  const injuries = INJURY_TYPES.filter((t) => counts?.injury_type[t] !== undefined);
  // a value in the URL that this job does not have is still shown (and matches nobody)
  const withCurrent = (values: string[], current: string | undefined) =>
    current && !values.includes(current) ? [...values, current] : values;
  const set = (patch: DashboardFilters) => onChange({ ...filters, ...patch });
  const active = Boolean(filters.front || filters.nationality || filters.injury_type);

  return (
    <form
      className="dashboard-filters"
      aria-label="Dashboard filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <SelectField
        label="Front"
        value={filters.front ?? ALL}
        onChange={(e) => set({ front: e.target.value || undefined })}
        options={[
          { value: ALL, label: "All fronts" },
          ...withCurrent(fronts, filters.front).map((f) => ({ value: f, label: f })),
        ]}
      />
      <SelectField
        label="Nationality"
        value={filters.nationality ?? ALL}
        onChange={(e) => set({ nationality: e.target.value || undefined })}
        options={[
          { value: ALL, label: "All nations" },
          ...withCurrent(nations, filters.nationality).map((n) => ({ value: n, label: n })),
        ]}
      />
      <SelectField
        label="Injury type"
        value={filters.injury_type ?? ALL}
        onChange={(e) => set({ injury_type: (e.target.value || undefined) as InjuryType })}
        options={[
          { value: ALL, label: "All injury types" },
          ...withCurrent(injuries, filters.injury_type).map((t) => ({
            value: t,
            label: INJURY_LABEL[t as InjuryType] ?? t,
          })),
        ]}
      />
      <Button onClick={() => onChange({})} disabled={!active}>
        Clear filters
      </Button>
    </form>
  );
}
