import type { MedevacLeg } from "@/lib/api/types";

import sample from "./handovers.sample.json";

/**
 * The four legs of one real patient (POI → Role 1 → 2 → 3 → 4), as
 * GET /jobs/{id}/patients/{index}/handovers answers them: the backend's `medevac.legs` of
 * record index 3 of backend/tests/support/sample_records.json, serialised with orjson (to
 * refresh it after a change to the legs, run that again and format with prettier).
 */
export const sampleHandovers = sample as unknown as MedevacLeg[];
