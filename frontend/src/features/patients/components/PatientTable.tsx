import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { Link } from "react-router";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { TriageBadge } from "@/components/ui/badge/Badge";
import { DateTime } from "@/components/ui/date-time/DateTime";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { Loading } from "@/components/ui/loading/Loading";
import { paths } from "@/config/paths";
import type { PatientRecord } from "@/lib/api/types";
import { formatCount } from "@/lib/format";
import { INJURY_LABEL, ROLE_LABEL } from "@/lib/labels";

import { FINAL_LABEL } from "../lib/journey";

import "./patients.css";

const ROW_HEIGHT = 41;

export interface PatientTableProps {
  jobId: string;
  patients: PatientRecord[];
  /** Nation code → name. */
  nationNames?: Record<string, string>;
  hasMore: boolean;
  loadingMore?: boolean;
  loading?: boolean;
  error?: unknown;
  onLoadMore: () => void;
  /** Rows to draw before the browser has measured the table (tests, stories). */
  initialHeight?: number;
  /** The filters are set (for the empty state's words). */
  filtered?: boolean;
}

/**
 * The job's patients: a virtualised table (only the rows in view are in the page) that asks for
 * the next page through the cursor when the end comes into view.
 */
export function PatientTable({
  jobId,
  patients,
  nationNames = {},
  hasMore,
  loadingMore = false,
  loading = false,
  error,
  onLoadMore,
  initialHeight = 600,
  filtered = false,
}: PatientTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = patients.length + (hasMore ? 1 : 0);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: initialHeight },
  });
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && last >= patients.length - 30) onLoadMore();
  }, [hasMore, loadingMore, last, patients.length, onLoadMore]);

  if (error && patients.length === 0)
    return <ErrorMessage error={error} title="The patients could not be loaded." />;
  if (loading && patients.length === 0) return <Loading label="Loading patients…" />;
  if (patients.length === 0)
    return (
      <EmptyState title={filtered ? "No patient matches the filters" : "No patients yet"}>
        <p>
          {filtered ? "Change or clear the filters." : "Patients appear as the job writes them."}
        </p>
      </EmptyState>
    );

  const before = items[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <>
      <div
        ref={scroller}
        className="patient-table"
        role="region"
        aria-label="Patients (scrolls; more load at the end)"
        tabIndex={0}
        data-testid="patient-table"
      >
        <table aria-rowcount={hasMore ? -1 : patients.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Name</th>
              <th scope="col">Nation</th>
              <th scope="col">Rank</th>
              <th scope="col">Front</th>
              <th scope="col">Injury type</th>
              <th scope="col">Triage</th>
              <th scope="col">Injured (UTC)</th>
              <th scope="col">Final status</th>
              <th scope="col">Facility</th>
            </tr>
          </thead>
          <tbody>
            {before > 0 && (
              <tr aria-hidden="true" className="patient-table__spacer">
                <td colSpan={10} style={{ height: before }} />
              </tr>
            )}
            {items.map((item) => {
              const p = patients[item.index];
              if (!p)
                return (
                  <tr key="more" aria-rowindex={item.index + 2}>
                    <td colSpan={10}>
                      <Loading label="Loading more patients…" />
                    </td>
                  </tr>
                );
              const d = p.demographics;
              return (
                <tr
                  key={p.index}
                  aria-rowindex={item.index + 2}
                  data-index={p.index}
                  data-triage={p.triage}
                  className={`patient-row patient-row--${p.triage.toLowerCase()}`}
                >
                  <td className="num mono">{p.index}</td>
                  <td>
                    <Link to={paths.patient.href(jobId, p.index)}>
                      {d.family_name}, {d.given_name}
                    </Link>
                  </td>
                  <td title={nationNames[p.nationality]}>{p.nationality}</td>
                  <td title={d.rank_title}>{d.rank}</td>
                  <td>{p.front}</td>
                  <td>{INJURY_LABEL[p.injury_type]}</td>
                  <td>
                    <TriageBadge triage={p.triage} />
                  </td>
                  <td>
                    <DateTime value={p.injury_time} />
                  </td>
                  <td>
                    {p.final_status === "KIA" || p.final_status === "DOW" ? (
                      <span className="badge triage triage--dead">
                        {FINAL_LABEL[p.final_status]}
                      </span>
                    ) : (
                      FINAL_LABEL[p.final_status]
                    )}
                  </td>
                  <td>{ROLE_LABEL[p.final_facility]}</td>
                </tr>
              );
            })}
            {after > 0 && (
              <tr aria-hidden="true" className="patient-table__spacer">
                <td colSpan={10} style={{ height: after }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="patient-table__count" aria-live="polite" data-testid="patient-count">
        {formatCount(patients.length)} patients loaded
        {hasMore ? " · scroll for more" : " · all shown"}
      </p>
      {error && <ErrorMessage error={error} title="The next patients could not be loaded." />}
    </>
  );
}
