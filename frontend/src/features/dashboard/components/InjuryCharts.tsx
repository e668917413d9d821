import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import type { JobStatistics } from "@/lib/api/types";
import { formatCount } from "@/lib/format";

import { TRIAGES } from "@/lib/labels";
import { perDayOption, perHourOfDayOption } from "../lib/options";
import { ChartCard } from "@/components/ui/chart/ChartCard";

type Injuries = JobStatistics["injuries"];

export function PerDayChart({
  perDay,
  onRendered,
}: {
  perDay: Injuries["per_day"];
  onRendered?: () => void;
}) {
  const peak = [...perDay].sort((a, b) => b.patients - a.patients)[0];
  return (
    <ChartCard
      title="Casualties per day"
      meta="UTC days, stacked by triage"
      summary={
        peak
          ? `${perDay.length} days; the busiest is ${peak.date} with ${formatCount(peak.patients)} casualties.`
          : "no casualties yet."
      }
      option={perDayOption(perDay)}
      empty={perDay.length === 0}
      onRendered={onRendered}
      testId="chart-per-day"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              {TRIAGES.map((t) => (
                <th key={t} scope="col" className="num">
                  {TRIAGE_LABEL[t]}
                </th>
              ))}
              <th scope="col" className="num">
                All
              </th>
            </tr>
          </thead>
          <tbody>
            {perDay.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                {TRIAGES.map((t) => (
                  <td key={t} className="num">
                    {formatCount(d.triage[t] ?? 0)}
                  </td>
                ))}
                <td className="num">{formatCount(d.patients)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

export function PerHourOfDayChart({
  perHour,
  onRendered,
}: {
  perHour: Injuries["per_hour_of_day"];
  onRendered?: () => void;
}) {
  const total = perHour.reduce((sum, h) => sum + h.patients, 0);
  const peak = [...perHour].sort((a, b) => b.patients - a.patients)[0];
  return (
    <ChartCard
      title="Casualties per hour of day"
      meta="UTC"
      summary={
        peak && total > 0
          ? `the busiest hour is ${String(peak.hour_of_day).padStart(2, "0")}:00 with ${formatCount(peak.patients)} casualties.`
          : "no casualties yet."
      }
      option={perHourOfDayOption(perHour)}
      height={240}
      empty={total === 0}
      onRendered={onRendered}
      testId="chart-per-hour"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Hour (UTC)</th>
              <th scope="col" className="num">
                Casualties
              </th>
            </tr>
          </thead>
          <tbody>
            {perHour.map((h) => (
              <tr key={h.hour_of_day}>
                <td>{String(h.hour_of_day).padStart(2, "0")}:00</td>
                <td className="num">{formatCount(h.patients)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
