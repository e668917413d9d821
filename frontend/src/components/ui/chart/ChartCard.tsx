import { useState, type ReactNode } from "react";

import { Card } from "@/components/ui/card/Card";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { TableScroll } from "@/components/ui/table/TableScroll";
import type { ChartOption } from "@/lib/charts/echarts";

import { EChart } from "./EChart";

import "./chart.css";

export interface ChartCardProps {
  title: string;
  meta?: ReactNode;
  /** A sentence that sums the chart up for screen readers. */
  summary: string;
  option: ChartOption;
  height?: number;
  /** The same numbers as a table (the chart's text alternative). */
  table: ReactNode;
  empty?: boolean;
  emptyText?: string;
  onRendered?: () => void;
  testId?: string;
  children?: ReactNode;
  /** Show the table at once (stories). */
  tableOpen?: boolean;
}

/** A chart with its title, a summary for screen readers and its data as a table. */
export function ChartCard({
  title,
  meta,
  summary,
  option,
  height,
  table,
  empty = false,
  emptyText = "No patients in this view.",
  onRendered,
  testId,
  children,
  tableOpen = false,
}: ChartCardProps) {
  const [open, setOpen] = useState(tableOpen);
  return (
    <Card title={title} meta={meta} className="chart-card">
      <div data-testid={testId} data-chart={title}>
        {children}
        {empty ? (
          <EmptyState title={emptyText} />
        ) : (
          <EChart
            option={option}
            label={`${title}: ${summary}`}
            height={height}
            onRendered={onRendered}
          />
        )}
        <details
          className="chart-card__table"
          open={open}
          onToggle={(e) => setOpen(e.currentTarget.open)}
        >
          <summary>Table of “{title}”</summary>
          {/* built when opened: a long job has thousands of hourly rows */}
          {open && <TableScroll label={`${title} (table)`}>{table}</TableScroll>}
        </details>
      </div>
    </Card>
  );
}
