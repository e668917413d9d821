import type { JobStatistics } from "@/lib/api/types";

import sample from "./statistics.sample.json";

/**
 * The statistics of a real 3,000-patient job (large-scale conventional preset, seed 7), as the
 * API answered them: stories and tests draw the charts from real data.
 */
export const sampleStatistics = sample as unknown as JobStatistics;

/** The sample as a running job that had written a third of its patients. */
export const runningStatistics: JobStatistics = {
  ...sampleStatistics,
  status: "running",
  generated: 2048,
};

/** A view that matches nobody (a filter value absent from the job). */
export const emptyStatistics: JobStatistics = {
  ...sampleStatistics,
  patients: 0,
  filters: { front: "Nowhere", nationality: null, injury_type: null },
  counts: { nationality: {}, front: {}, injury_type: {}, triage: {}, final_status: {} },
  flows: [],
  injuries: {
    per_day: [],
    per_hour: [],
    per_hour_of_day: sampleStatistics.injuries.per_hour_of_day.map((h) => ({ ...h, patients: 0 })),
  },
  facilities: Object.fromEntries(
    Object.entries(sampleStatistics.facilities).map(([role, load]) => [
      role,
      {
        ...load!,
        admissions: 0,
        hourly: [],
        peak_arrivals_per_hour: 0,
        peak_occupancy: 0,
        hours_over_capacity: 0,
      },
    ]),
  ),
  time_to_first_treatment: {},
  time_to_first_mtf: {},
};
