import type { ReactNode } from "react";

import type { JobStatus, Triage } from "@/lib/api/types";

import "./badge.css";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

const STATUS_TONE: Record<JobStatus, Tone> = {
  queued: "neutral",
  running: "info",
  completed: "success",
  failed: "danger",
  cancelled: "warning",
};

/** A job's status as a coloured pill (text, never colour alone). */
export function StatusBadge({ status }: { status: JobStatus }) {
  return (
    <span className={`badge badge--${STATUS_TONE[status]}`} data-status={status}>
      {status}
    </span>
  );
}

/** NATO triage categories (AMedP-1.10): T1 Immediate, T2 Delayed, T3 Minimal, T4 Expectant. */
export const TRIAGE_LABEL: Record<Triage, string> = {
  T1: "T1 Immediate",
  T2: "T2 Delayed",
  T3: "T3 Minimal",
  T4: "T4 Expectant",
};

export function TriageBadge({ triage }: { triage: Triage | "dead" }) {
  const label = triage === "dead" ? "Dead" : TRIAGE_LABEL[triage];
  return <span className={`badge triage triage--${triage.toLowerCase()}`}>{label}</span>;
}
