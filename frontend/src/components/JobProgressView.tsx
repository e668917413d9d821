import type { JobStatus } from "../api/types";

export interface JobProgressViewProps {
  status: JobStatus;
  generated: number;
  total: number;
  rate?: number | null;
  etaS?: number | null;
}

/** A job's progress bar and status line (live figures while it runs). */
export function JobProgressView({ status, generated, total, rate, etaS }: JobProgressViewProps) {
  return (
    <>
      <progress max={total} value={generated} aria-label="Generated patients" />
      <p role="status" data-status={status}>
        {status}: {generated.toLocaleString()} / {total.toLocaleString()}
        {rate ? ` · ${Math.round(rate).toLocaleString()} patients/s` : ""}
        {etaS ? ` · ${Math.ceil(etaS)} s left` : ""}
      </p>
    </>
  );
}
