import { formatCount, formatPercent } from "@/lib/format";

import { breakdownOption, type Slice } from "../lib/options";
import { ChartCard } from "@/components/ui/chart/ChartCard";

/** Patients per value of one field (nationality, front, injury type, final status). */
export function BreakdownChart({
  title,
  field,
  rows,
  onRendered,
}: {
  title: string;
  /** The column heading of the value. */
  field: string;
  rows: Slice[];
  onRendered?: () => void;
}) {
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  const slug = field.toLowerCase().replace(/\W+/g, "-");
  return (
    <ChartCard
      title={title}
      summary={
        rows.length
          ? rows
              .slice(0, 5)
              .map((r) => `${r.label} ${formatCount(r.value)}`)
              .join(", ") + (rows.length > 5 ? `, and ${rows.length - 5} more.` : ".")
          : "no patients yet."
      }
      option={breakdownOption(rows)}
      height={Math.max(140, 28 * rows.length + 24)}
      empty={rows.length === 0}
      onRendered={onRendered}
      testId={`chart-breakdown-${slug}`}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{field}</th>
              <th scope="col" className="num">
                Patients
              </th>
              <th scope="col" className="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{r.label}</td>
                <td className="num" data-testid={`count-${slug}-${r.key}`}>
                  {formatCount(r.value)}
                </td>
                <td className="num">{total ? formatPercent(r.value / total) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
