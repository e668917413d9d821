import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Badge, TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import { SelectField } from "@/components/ui/field/Field";
import { Loading, Skeleton } from "@/components/ui/loading/Loading";
import { INJURY_COLOR, outcomeColor, triageColor } from "@/lib/charts/colors";
import type { FinalStatus, InjuryType, JobStatistics, Role, Triage } from "@/lib/api/types";
import { formatCount } from "@/lib/format";
import { INJURY_LABEL, OUTCOME_LABEL, ROLES } from "@/lib/labels";

import { slices } from "../lib/options";
import { BreakdownChart } from "./BreakdownChart";
import { FacilityLoadChart } from "./FacilityLoadChart";
import { PerDayChart } from "./InjuryCharts";
import { KeyFigures } from "./KeyFigures";

import "./dashboard.css";

const FACILITY_ROLES = ROLES.filter((r) => r !== "POI") as Exclude<Role, "POI">[];

export interface PreviewChartsProps {
  statistics: JobStatistics | undefined;
  loading?: boolean;
  /** A newer preview is being computed (the shown one stays until it arrives). */
  refreshing?: boolean;
  error?: unknown;
  /** Why there is no preview (e.g. the draft is not valid). */
  waiting?: string | null;
  patients: number;
  sizes: readonly number[];
  onPatientsChange: (patients: number) => void;
  /** How long the last answer took, in ms. */
  elapsedMs?: number | null;
}

/**
 * A scenario's preview: the dashboard's charts (mix, triage, outcomes, casualties per day and
 * facility load against capacity) for a sample generated in memory.
 */
export function PreviewCharts({
  statistics: s,
  loading,
  refreshing = false,
  error,
  waiting,
  patients,
  sizes,
  onPatientsChange,
  elapsedMs,
}: PreviewChartsProps) {
  return (
    <section
      className="dashboard preview"
      aria-labelledby="preview-title"
      aria-busy={refreshing || undefined}
    >
      <div className="dashboard__head">
        <h2 id="preview-title">Preview</h2>
        {refreshing && <Badge tone="info">updating</Badge>}
        {s && !refreshing && (
          <p className="dashboard__note" data-testid="preview-scope">
            {formatCount(s.patients)} patients generated in memory, nothing stored
            {elapsedMs ? ` · answered in ${formatCount(elapsedMs)} ms` : ""}
          </p>
        )}
      </div>
      <SelectField
        label="Preview size"
        value={String(patients)}
        options={sizes.map((n) => ({ value: String(n), label: `${formatCount(n)} patients` }))}
        onChange={(e) => onPatientsChange(Number(e.target.value))}
      />
      {waiting && (
        <p className="dashboard__note" data-testid="preview-waiting">
          {waiting}
        </p>
      )}
      {error ? (
        <ErrorMessage error={error} title="The preview could not be computed." />
      ) : !s ? (
        loading !== false && !waiting ? (
          <>
            <Loading label="Computing the preview…" />
            <Skeleton height="12rem" />
          </>
        ) : null
      ) : (
        <div className={refreshing ? "preview__charts preview__charts--stale" : "preview__charts"}>
          <KeyFigures statistics={s} />
          <BreakdownChart
            title="By injury type"
            field="Injury type"
            rows={slices(
              s.counts.injury_type,
              (k) => INJURY_LABEL[k as InjuryType] ?? k,
              (k) => INJURY_COLOR[k as InjuryType],
            )}
          />
          <BreakdownChart
            title="By triage"
            field="Triage"
            rows={slices(
              s.counts.triage,
              (k) => TRIAGE_LABEL[k as Triage] ?? k,
              (k) => triageColor(k as Triage),
            )}
          />
          <BreakdownChart
            title="By final status"
            field="Final status"
            rows={slices(
              s.counts.final_status,
              (k) => OUTCOME_LABEL[k as FinalStatus] ?? k,
              (k) => outcomeColor(k as FinalStatus),
            )}
          />
          <PerDayChart perDay={s.injuries.per_day} />
          {FACILITY_ROLES.filter((r) => s.facilities[r]?.present).map((role) => (
            <FacilityLoadChart key={role} role={role} load={s.facilities[role]!} />
          ))}
        </div>
      )}
    </section>
  );
}
