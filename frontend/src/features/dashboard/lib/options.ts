// Chart options built from the statistics answer: pure functions (tested without a browser).
import type {
  Delay,
  FacilityLoad,
  FinalStatus,
  JobStatistics,
  Role,
  Triage,
} from "@/lib/api/types";
import { formatCount, formatUtcHour } from "@/lib/format";

import {
  dangerColor,
  mutedColor,
  outcomeColor,
  primaryColor,
  triageColor,
} from "@/lib/charts/colors";
import type { ChartOption } from "@/lib/charts/echarts";
import { OUTCOME_LABEL, OUTCOMES, ROLE_LABEL, ROLES, TRIAGES } from "@/lib/labels";

const base = {
  animation: false,
  textStyle: { fontFamily: "inherit" },
  tooltip: { confine: true, valueFormatter: (v: unknown) => formatCount(Number(v)) },
};

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

const ORDER: string[] = [...ROLES, ...OUTCOMES];
const nodeLabel = (id: string) => ROLE_LABEL[id as Role] ?? OUTCOME_LABEL[id as FinalStatus] ?? id;

/** The Sankey's edges, forward only (POI → R1 … R4 → outcome); a backward edge is dropped. */
export function sankeyLinks(flows: JobStatistics["flows"]) {
  return flows
    .filter((f) => f.patients > 0 && ORDER.indexOf(f.source) < ORDER.indexOf(f.target))
    .map((f) => ({ source: nodeLabel(f.source), target: nodeLabel(f.target), value: f.patients }));
}

export function sankeyOption(flows: JobStatistics["flows"]): ChartOption {
  const links = sankeyLinks(flows);
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  const nodes = ORDER.map((id) => ({ id, name: nodeLabel(id) }))
    .filter((n) => used.has(n.name))
    .map((n) => ({
      name: n.name,
      itemStyle: {
        color: OUTCOMES.includes(n.id as FinalStatus)
          ? outcomeColor(n.id as FinalStatus)
          : primaryColor(),
      },
    }));
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: "item" },
    series: [
      {
        type: "sankey",
        left: 8,
        right: 120,
        top: 12,
        bottom: 12,
        nodeAlign: "left",
        layoutIterations: 32,
        emphasis: { focus: "adjacency" },
        lineStyle: { color: "gradient", opacity: 0.35, curveness: 0.5 },
        label: { color: "#1b1f24" },
        data: nodes,
        links,
      },
    ],
  };
}

/** Arrivals per hour (bars; red where over capacity), occupancy (line), capacity (dashed). */
export function facilityOption(load: FacilityLoad): ChartOption {
  const capacity = load.capacity_per_hour;
  const hours = load.hourly.map((h) => formatUtcHour(h.hour));
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: "axis" },
    legend: { top: 0, left: 0, itemWidth: 14 },
    grid: { ...grid, top: 56 },
    xAxis: { type: "category", data: hours, axisLabel: { hideOverlap: true } },
    // arrivals and capacity on the left; occupancy (often far larger) on its own axis on the right
    yAxis: [
      {
        type: "value",
        minInterval: 1,
        name: "arrivals/h",
        nameTextStyle: { align: "left" },
        // always show the capacity line, also when arrivals stay far below it
        max:
          capacity === null
            ? undefined
            : (extent: { max: number }) => Math.ceil(Math.max(extent.max, capacity * 1.1)),
      },
      {
        type: "value",
        minInterval: 1,
        name: "occupancy",
        nameTextStyle: { align: "right" },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: "Arrivals per hour",
        type: "bar",
        barMaxWidth: 12,
        itemStyle: { color: primaryColor() },
        data: load.hourly.map((h) =>
          capacity !== null && h.arrivals > capacity
            ? { value: h.arrivals, itemStyle: { color: dangerColor() } }
            : h.arrivals,
        ),
        markLine:
          capacity === null
            ? undefined
            : {
                symbol: "none",
                silent: true,
                label: {
                  formatter: `capacity ${formatCount(capacity)}/h`,
                  position: "insideEndTop",
                },
                lineStyle: { color: dangerColor(), type: "dashed", width: 2 },
                data: [{ yAxis: capacity }],
              },
      },
      {
        name: "Occupancy",
        type: "line",
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { width: 2, color: mutedColor() },
        itemStyle: { color: mutedColor() },
        data: load.hourly.map((h) => h.occupancy),
      },
    ],
  };
}

/** Casualties per UTC day, stacked by triage. */
export function perDayOption(perDay: JobStatistics["injuries"]["per_day"]): ChartOption {
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: "axis" },
    legend: { top: 0, left: 0 },
    grid,
    xAxis: { type: "category", data: perDay.map((d) => d.date), axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", minInterval: 1 },
    series: TRIAGES.map((t) => ({
      name: t,
      type: "bar",
      stack: "triage",
      barMaxWidth: 28,
      itemStyle: { color: triageColor(t) },
      data: perDay.map((d) => d.triage[t] ?? 0),
    })),
  };
}

/** Casualties per UTC hour of day (all 24 hours). */
export function perHourOfDayOption(
  perHour: JobStatistics["injuries"]["per_hour_of_day"],
): ChartOption {
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: "axis" },
    grid: { ...grid, top: 16 },
    xAxis: {
      type: "category",
      data: perHour.map((h) => `${String(h.hour_of_day).padStart(2, "0")}:00`),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: "Casualties",
        type: "bar",
        itemStyle: { color: primaryColor() },
        data: perHour.map((h) => h.patients),
      },
    ],
  };
}

export interface Slice {
  key: string;
  label: string;
  value: number;
  color?: string;
}

/** Rows of a count map, largest first, with display labels and colours. */
export function slices(
  counts: Record<string, number | undefined>,
  label: (key: string) => string = (k) => k,
  color?: (key: string) => string | undefined,
): Slice[] {
  return Object.entries(counts)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, value]) => ({ key, label: label(key), value, color: color?.(key) }));
}

/** Horizontal bars of a breakdown (largest on top). */
export function breakdownOption(rows: Slice[]): ChartOption {
  const reversed = [...rows].reverse();
  return {
    ...base,
    tooltip: { ...base.tooltip, trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { ...grid, top: 8, right: 48 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: reversed.map((r) => r.label) },
    series: [
      {
        name: "Patients",
        type: "bar",
        barMaxWidth: 18,
        label: {
          show: true,
          position: "right",
          formatter: (p: { value: number }) => formatCount(p.value),
        },
        data: reversed.map((r) => ({
          value: r.value,
          itemStyle: { color: r.color ?? primaryColor() },
        })),
      },
    ],
  };
}

/** Median and p90 minutes per triage (bars per triage, p90 lighter). */
export function delayOption(delays: Partial<Record<Triage, Delay>>): ChartOption {
  const triages = TRIAGES.filter((t) => delays[t] && delays[t].patients > 0);
  return {
    ...base,
    tooltip: {
      ...base.tooltip,
      trigger: "axis",
      valueFormatter: (v: unknown) => `${formatCount(Number(v))} min`,
    },
    legend: { top: 0, left: 0 },
    grid,
    xAxis: { type: "category", data: triages },
    yAxis: { type: "value", name: "minutes", nameTextStyle: { align: "left" } },
    series: [
      {
        name: "Median",
        type: "bar",
        itemStyle: { color: mutedColor() },
        data: triages.map((t) => ({
          value: delays[t]?.median_min ?? 0,
          itemStyle: { color: triageColor(t) },
        })),
      },
      {
        name: "90th percentile",
        type: "bar",
        itemStyle: { color: mutedColor(), opacity: 0.45 },
        data: triages.map((t) => ({
          value: delays[t]?.p90_min ?? 0,
          itemStyle: { color: triageColor(t), opacity: 0.45 },
        })),
      },
    ],
  };
}
