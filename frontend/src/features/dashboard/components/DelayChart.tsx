import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import type { Delay, Triage } from "@/lib/api/types";
import { formatCount, formatMinutes } from "@/lib/format";

import { TRIAGES } from "@/lib/labels";
import { delayOption } from "../lib/options";
import { ChartCard } from "@/components/ui/chart/ChartCard";

/** Minutes from injury to a milestone (first treatment, first MTF) by triage: median and p90. */
export function DelayChart({
  title,
  delays,
  onRendered,
  testId,
}: {
  title: string;
  delays: Partial<Record<Triage, Delay>>;
  onRendered?: () => void;
  testId: string;
}) {
  const present = TRIAGES.filter((t) => (delays[t]?.patients ?? 0) > 0);
  return (
    <ChartCard
      title={title}
      meta="minutes from injury, by triage"
      summary={
        present.length
          ? present
              .map(
                (t) =>
                  `${TRIAGE_LABEL[t]}: median ${formatMinutes(delays[t]?.median_min)}, 90th percentile ${formatMinutes(delays[t]?.p90_min)}`,
              )
              .join("; ") + "."
          : "no patients got there yet."
      }
      option={delayOption(delays)}
      height={240}
      empty={present.length === 0}
      onRendered={onRendered}
      testId={testId}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Triage</th>
              <th scope="col" className="num">
                Patients
              </th>
              <th scope="col" className="num">
                Median
              </th>
              <th scope="col" className="num">
                90th percentile
              </th>
              <th scope="col" className="num">
                Mean
              </th>
            </tr>
          </thead>
          <tbody>
            {TRIAGES.map((t) => {
              const d = delays[t];
              return (
                <tr key={t}>
                  <td>{TRIAGE_LABEL[t]}</td>
                  <td className="num">{formatCount(d?.patients ?? 0)}</td>
                  <td className="num">{formatMinutes(d?.median_min)}</td>
                  <td className="num">{formatMinutes(d?.p90_min)}</td>
                  <td className="num">{formatMinutes(d?.mean_min)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    />
  );
}
