import { formatPercent } from "@/lib/format";

import "./progress-bar.css";

export interface ProgressBarProps {
  value: number;
  max: number;
  label: string;
  tone?: "info" | "success" | "warning" | "danger";
}

/** A labelled progress bar (role=progressbar with its value for assistive technology). */
export function ProgressBar({ value, max, label, tone = "info" }: ProgressBarProps) {
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div
      className={`progress progress--${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={formatPercent(share)}
    >
      <div className="progress__fill" style={{ width: `${share * 100}%` }} />
    </div>
  );
}
