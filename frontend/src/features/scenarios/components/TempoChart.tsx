import { ChartCard } from "@/components/ui/chart/ChartCard";
import { primaryColor, triageColor } from "@/lib/charts/colors";
import type { ChartOption } from "@/lib/charts/echarts";
import type { Scenario } from "@/lib/api/types";
import { formatCount } from "@/lib/format";

import { TEMPO_LABEL } from "../lib/labels";
import { expectedPerDay, type ExpectedDay } from "../lib/tempo";

import "./scenarios.css";

export function tempoOption(days: ExpectedDay[]): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: "inherit" },
    tooltip: {
      trigger: "axis",
      confine: true,
      valueFormatter: (v: unknown) => formatCount(Number(v)),
    },
    legend: { top: 0, left: 0, itemWidth: 12 },
    grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
    xAxis: {
      type: "category",
      data: days.map((d) => String(d.day)),
      axisLabel: { hideOverlap: true },
      name: "day",
      nameLocation: "end",
    },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: "Tempo",
        type: "bar",
        stack: "day",
        barMaxWidth: 14,
        itemStyle: { color: primaryColor() },
        data: days.map((d) => Math.round(d.tempo)),
      },
      {
        name: "Special events",
        type: "bar",
        stack: "day",
        barMaxWidth: 14,
        itemStyle: { color: triageColor("T1") },
        data: days.map((d) => Math.round(d.events)),
      },
    ],
  };
}

/** The expected casualties per day of a job of the scenario's own size: tempo plus events. */
export function TempoChart({ scenario }: { scenario: Scenario }) {
  const days = expectedPerDay(scenario);
  const peak = days.reduce((a, d) => (d.tempo + d.events > a.tempo + a.events ? d : a), days[0]!);
  const tempo = scenario.tempo ?? "sustained";
  return (
    <ChartCard
      title="Expected casualties per day"
      meta={`${TEMPO_LABEL[tempo].label}, ${formatCount(scenario.patients)} patients`}
      summary={`${days.length} days; the busiest is day ${peak.day} with about ${formatCount(Math.round(peak.tempo + peak.events))} casualties.`}
      option={tempoOption(days)}
      height={180}
      testId="chart-tempo"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="num">
                Tempo
              </th>
              <th scope="col" className="num">
                Events
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td className="num">{formatCount(Math.round(d.tempo))}</td>
                <td className="num">{formatCount(Math.round(d.events))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
