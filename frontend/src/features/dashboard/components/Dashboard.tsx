import { useCallback, useEffect, useLayoutEffect, useRef } from "react";

import { Badge, TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import { ErrorMessage } from "@/components/ui/alert/Alert";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { Loading, Skeleton } from "@/components/ui/loading/Loading";
import type { FinalStatus, InjuryType, JobStatistics, Role, Triage } from "@/lib/api/types";
import { formatCount } from "@/lib/format";

import type { DashboardFilters } from "../api/get-statistics";
import { INJURY_COLOR, outcomeColor, triageColor } from "@/lib/charts/colors";
import { INJURY_LABEL, OUTCOME_LABEL, ROLES } from "@/lib/labels";
import { isActive } from "@/lib/job-status";
import { sankeyLinks, slices } from "../lib/options";
import { BreakdownChart } from "./BreakdownChart";
import { DashboardFilterBar } from "./DashboardFilterBar";
import { DelayChart } from "./DelayChart";
import { FacilityLoadChart } from "./FacilityLoadChart";
import { FlowSankey } from "./FlowSankey";
import { PerDayChart, PerHourOfDayChart } from "./InjuryCharts";
import { KeyFigures } from "./KeyFigures";

import "./dashboard.css";

export interface DashboardProps {
  statistics: JobStatistics | undefined;
  /** Unfiltered counts for the filter choices (the same as statistics when no filter is set). */
  choices?: JobStatistics["counts"];
  loading?: boolean;
  /** A newer answer is on its way (live refresh, filter change). */
  refreshing?: boolean;
  error?: unknown;
  filters: DashboardFilters;
  onFiltersChange: (filters: DashboardFilters) => void;
  /** Called when every chart has drawn the current statistics. */
  onPainted?: () => void;
}

const FACILITY_ROLES = ROLES.filter((r) => r !== "POI") as Exclude<Role, "POI">[];

/** How many charts draw for these statistics (the empty ones show a note instead). */
export function chartCount(s: JobStatistics): number {
  const one = (drawn: boolean): number => (drawn ? 1 : 0);
  const reached = (d: JobStatistics["time_to_first_mtf"]) =>
    Object.values(d).some((x) => (x?.patients ?? 0) > 0);
  const counts = s.counts;
  return (
    one(sankeyLinks(s.flows).length > 0) +
    FACILITY_ROLES.filter((r) => s.facilities[r]?.present && s.facilities[r].hourly.length > 0)
      .length +
    one(s.injuries.per_day.length > 0) +
    one(s.injuries.per_hour_of_day.some((h) => h.patients > 0)) +
    [counts.nationality, counts.front, counts.injury_type, counts.final_status, counts.triage]
      .map((c) => one(Object.keys(c).length > 0))
      .reduce((a, b) => a + b, 0) +
    one(reached(s.time_to_first_treatment)) +
    one(reached(s.time_to_first_mtf))
  );
}

/** Every chart of a job's statistics, with the filters above them. */
export function Dashboard({
  statistics,
  choices,
  loading,
  refreshing = false,
  error,
  filters,
  onFiltersChange,
  onPainted,
}: DashboardProps) {
  // charts draw asynchronously (after this render's effects): count them down per answer
  const painted = useRef(0);
  useLayoutEffect(() => {
    painted.current = statistics ? chartCount(statistics) : 0;
  }, [statistics]);
  const paintedCallback = useRef(onPainted);
  useEffect(() => {
    paintedCallback.current = onPainted;
  });
  const rendered = useCallback(() => {
    painted.current -= 1;
    if (painted.current === 0) paintedCallback.current?.();
  }, []);

  const live = statistics ? isActive(statistics.status) : false;

  return (
    <section
      className="dashboard"
      aria-labelledby="dashboard-title"
      aria-busy={refreshing || undefined}
    >
      <div className="dashboard__head">
        <h2 id="dashboard-title">Dashboard</h2>
        {live && <Badge tone="info">live</Badge>}
        {statistics && (
          <p className="dashboard__note" data-testid="dashboard-scope">
            {formatCount(statistics.patients)} patients
            {filters.front || filters.nationality || filters.injury_type
              ? " match the filters"
              : ""}
            {live ? ` · ${formatCount(statistics.generated)} written so far` : ""}
          </p>
        )}
      </div>
      <DashboardFilterBar
        filters={filters}
        counts={choices ?? statistics?.counts}
        onChange={onFiltersChange}
      />
      {error ? (
        <ErrorMessage error={error} title="The statistics could not be loaded." />
      ) : !statistics ? (
        loading !== false ? (
          <>
            <Loading label="Loading statistics…" />
            <Skeleton height="12rem" />
          </>
        ) : null
      ) : statistics.patients === 0 ? (
        <EmptyState title={statistics.generated === 0 ? "No patients yet" : "No patients match"}>
          <p>
            {statistics.generated === 0
              ? "The charts fill in as the first batch is written."
              : "Change or clear the filters."}
          </p>
        </EmptyState>
      ) : (
        <DashboardCharts statistics={statistics} onRendered={rendered} />
      )}
    </section>
  );
}

function DashboardCharts({
  statistics: s,
  onRendered,
}: {
  statistics: JobStatistics;
  onRendered: () => void;
}) {
  return (
    <>
      <KeyFigures statistics={s} />
      <div className="dashboard__grid">
        <div className="dashboard__wide">
          <FlowSankey flows={s.flows} onRendered={onRendered} />
        </div>
        {FACILITY_ROLES.filter((r) => s.facilities[r]?.present).map((role) => (
          <FacilityLoadChart
            key={role}
            role={role}
            load={s.facilities[role]!}
            onRendered={onRendered}
          />
        ))}
        <PerDayChart perDay={s.injuries.per_day} onRendered={onRendered} />
        <PerHourOfDayChart perHour={s.injuries.per_hour_of_day} onRendered={onRendered} />
        <BreakdownChart
          title="By nationality"
          field="Nationality"
          rows={slices(s.counts.nationality)}
          onRendered={onRendered}
        />
        <BreakdownChart
          title="By front"
          field="Front"
          rows={slices(s.counts.front)}
          onRendered={onRendered}
        />
        <BreakdownChart
          title="By injury type"
          field="Injury type"
          rows={slices(
            s.counts.injury_type,
            (k) => INJURY_LABEL[k as InjuryType] ?? k,
            (k) => INJURY_COLOR[k as InjuryType],
          )}
          onRendered={onRendered}
        />
        <BreakdownChart
          title="By final status"
          field="Final status"
          rows={slices(
            s.counts.final_status,
            (k) => OUTCOME_LABEL[k as FinalStatus] ?? k,
            (k) => outcomeColor(k as FinalStatus),
          )}
          onRendered={onRendered}
        />
        <BreakdownChart
          title="By triage"
          field="Triage"
          rows={slices(
            s.counts.triage,
            (k) => TRIAGE_LABEL[k as Triage] ?? k,
            (k) => triageColor(k as Triage),
          )}
          onRendered={onRendered}
        />
        <DelayChart
          title="Time to first treatment"
          delays={s.time_to_first_treatment}
          onRendered={onRendered}
          testId="chart-delay-treatment"
        />
        <DelayChart
          title="Time to first medical facility"
          delays={s.time_to_first_mtf}
          onRendered={onRendered}
          testId="chart-delay-mtf"
        />
      </div>
    </>
  );
}
