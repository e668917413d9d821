import { formatCount } from "@/lib/format";

import { Button } from "../button/Button";

import "./pagination.css";

export interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  /** What the rows are, for "1–50 of 1,234 jobs". */
  noun?: string;
}

/** Previous / next through a list the API pages with limit and offset. */
export function Pagination({ offset, limit, total, onChange, noun = "items" }: PaginationProps) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label="Pages">
      <span className="pagination__range" aria-live="polite">
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)} {noun}
      </span>
      <Button
        size="sm"
        onClick={() => onChange(Math.max(0, offset - limit))}
        disabled={offset === 0}
      >
        Previous
      </Button>
      <Button size="sm" onClick={() => onChange(offset + limit)} disabled={last >= total}>
        Next
      </Button>
    </nav>
  );
}
