import { ChartCard } from "@/components/ui/chart/ChartCard";
import { Card } from "@/components/ui/card/Card";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { triageColor } from "@/lib/charts/colors";
import type { ChartOption } from "@/lib/charts/echarts";
import type { Triage, Vital } from "@/lib/api/types";
import { formatUtc, formatUtcHour } from "@/lib/format";
import { ROLE_LABEL } from "@/lib/labels";

import { unitText, VITALS } from "../lib/vitals";

import "./patients.css";

export function vitalOption(points: Vital[], triage: Triage): ChartOption {
  const color = triageColor(triage);
  return {
    animation: false,
    textStyle: { fontFamily: "inherit" },
    tooltip: { trigger: "axis", confine: true },
    grid: { left: 4, right: 16, top: 12, bottom: 4, containLabel: true },
    xAxis: {
      type: "time",
      axisLabel: {
        hideOverlap: true,
        formatter: (v: number) => formatUtcHour(new Date(v).toISOString()).slice(6),
      },
    },
    yAxis: { type: "value", scale: true },
    series: [
      {
        type: "line",
        data: points.map((p) => [p.time, p.value]),
        symbol: "circle",
        symbolSize: 9,
        lineStyle: { color, width: 2 },
        itemStyle: { color, borderColor: "#1b1f24", borderWidth: triage === "T2" ? 1 : 0 },
      },
    ],
  };
}

/** Each vital sign as a small chart over time, in the patient's triage colour. */
export function VitalsCharts({ vitals, triage }: { vitals: Vital[]; triage: Triage }) {
  const codes = [...new Set(vitals.map((v) => v.code))];
  if (codes.length === 0)
    return (
      <Card title="Vital signs">
        <EmptyState title="No vital signs recorded (taken at first aid and the first facility)." />
      </Card>
    );
  return (
    <section aria-labelledby="vitals-title" className="vitals">
      <h2 id="vitals-title">Vital signs</h2>
      <div className="vitals__grid">
        {codes.map((code) => {
          const points = vitals
            .filter((v) => v.code === code)
            .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
          const meta = VITALS[code];
          const unit = unitText(points[0]!.unit);
          const lastPoint = points[points.length - 1]!;
          return (
            <ChartCard
              key={code}
              title={meta?.label ?? code}
              meta={`LOINC ${code}${unit ? ` · ${unit}` : ""}`}
              summary={points
                .map(
                  (p) =>
                    `${p.value}${unit ? ` ${unit}` : ""} at ${ROLE_LABEL[p.facility]} ${formatUtc(p.time)}`,
                )
                .join("; ")}
              option={vitalOption(points, triage)}
              height={130}
              testId={`vital-${code}`}
              table={
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Time (UTC)</th>
                      <th scope="col">Facility</th>
                      <th scope="col" className="num">
                        Value
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {points.map((p, i) => (
                      <tr key={i}>
                        <td>{formatUtc(p.time)}</td>
                        <td>{ROLE_LABEL[p.facility]}</td>
                        <td className="num">
                          {p.value} {unit}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            >
              <p className="vitals__last" data-testid={`vital-last-${code}`}>
                {lastPoint.value} {unit}
              </p>
            </ChartCard>
          );
        })}
      </div>
    </section>
  );
}
