import type { ReactNode } from "react";

import "./stat.css";

export interface StatProps {
  label: string;
  value: ReactNode;
  /** Small print under the value (a share, a unit). */
  note?: ReactNode;
  /** data-testid for tests that compare on-screen numbers with the API. */
  testId?: string;
  accent?: string;
}

/** One key figure: label and a big number. */
export function Stat({ label, value, note, testId, accent }: StatProps) {
  return (
    <div className="stat" style={accent ? { borderTopColor: accent } : undefined}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value" data-testid={testId}>
        {value}
      </dd>
      {note && <dd className="stat__note">{note}</dd>}
    </div>
  );
}

/** A row of Stats (a description list, wraps on narrow screens). */
export function StatGroup({ children, label }: { children: ReactNode; label: string }) {
  return (
    <dl className="stat-group" aria-label={label}>
      {children}
    </dl>
  );
}
