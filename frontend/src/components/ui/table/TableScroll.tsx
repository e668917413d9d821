import type { ReactNode } from "react";

import "./table.css";

/**
 * A wide table that scrolls sideways on narrow screens; focusable and labelled so keyboard users
 * can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
