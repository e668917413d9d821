import type { MedevacLeg } from "@/lib/api/types";

import sample from "./handovers.sample.json";

/**
 * The four legs of one real patient (POI → Role 1 → 2 → 3 → 4), as
 * GET /jobs/{id}/patients/{index}/handovers answers them (the backend's `medevac.legs` of a
 * sample record).
 */
export const sampleHandovers = sample as unknown as MedevacLeg[];
