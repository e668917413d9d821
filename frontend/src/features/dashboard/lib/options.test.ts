import { describe, expect, it } from "vitest";

import { sampleStatistics } from "../testing/fixtures";
import { chartCount } from "../components/Dashboard";
import { facilityOption, perDayOption, sankeyLinks, slices } from "./options";

describe("chart options", () => {
  it("keeps the Sankey forward only, with readable names", () => {
    const links = sankeyLinks([
      { source: "POI", target: "R1", patients: 10 },
      { source: "R2", target: "R1", patients: 3 }, // backward: would make a cycle
      { source: "R1", target: "RTD", patients: 0 }, // empty
      { source: "R1", target: "KIA", patients: 2 },
    ]);
    expect(links).toEqual([
      { source: "Point of injury", target: "Role 1", value: 10 },
      { source: "Role 1", target: "Killed in action", value: 2 },
    ]);
  });

  it("paints hours over capacity red and draws the capacity line", () => {
    const option = facilityOption({
      name: "Role 2",
      present: true,
      capacity_per_hour: 5,
      admissions: 9,
      peak_arrivals_per_hour: 7,
      peak_occupancy: 8,
      hours_over_capacity: 1,
      hourly: [
        { hour: "2030-06-01T00:00:00Z", arrivals: 2, occupancy: 2 },
        { hour: "2030-06-01T01:00:00Z", arrivals: 7, occupancy: 8 },
      ],
    }) as { series: { data: unknown[]; markLine?: { data: unknown[] } }[] };
    const [arrivals, occupancy] = option.series;
    expect(arrivals.data[0]).toBe(2);
    expect(arrivals.data[1]).toMatchObject({ value: 7, itemStyle: { color: expect.any(String) } });
    expect(arrivals.markLine?.data).toEqual([{ yAxis: 5 }]);
    expect(occupancy.data).toEqual([2, 8]);
  });

  it("stacks each day by triage with the API's counts", () => {
    const option = perDayOption(sampleStatistics.injuries.per_day) as {
      series: { name: string; data: number[] }[];
    };
    const day = 9;
    const sum = option.series.reduce((total, s) => total + s.data[day], 0);
    expect(sum).toBe(sampleStatistics.injuries.per_day[day].patients);
  });

  it("orders breakdowns largest first and counts every chart that draws", () => {
    const rows = slices(sampleStatistics.counts.front);
    expect(rows.map((r) => r.key)).toEqual(["North", "South", "Rear area"]);
    expect(chartCount(sampleStatistics)).toBe(14);
  });
});
