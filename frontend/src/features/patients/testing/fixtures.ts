import type { PatientRecord } from "@/lib/api/types";

import sample from "./patients.sample.json";

/**
 * Records of a real offline run (`patientgen generate --patients 200 --seed 7`, large-scale
 * conventional preset), as GET /jobs/{id}/patients/{index} answers them: patients 0–23, 35 and
 * 53. Stories and tests draw the table, the journey and the vitals from real records.
 */
export const samplePatients = sample as unknown as PatientRecord[];

const byIndex = (index: number) => samplePatients.find((p) => p.index === index)!;

/** T1 battle injury through POI → Role 1 → 2 → 3 → 4, evacuated out of theatre. */
export const evacuatedPatient = byIndex(53);
/** T1 who died of wounds at Role 3 after Roles 1 and 2. */
export const diedOfWoundsPatient = byIndex(35);
/** Killed at the point of injury (no facility reached). */
export const killedInActionPatient = samplePatients.find((p) => p.final_status === "KIA")!;
/** Returned to duty from the first facility. */
export const returnedToDutyPatient = samplePatients.find(
  (p) => p.final_status === "RTD" && p.vitals.length > 0,
)!;
/** T1, evacuated, with vital signs taken at more than one facility. */
export const vitalsPatient = byIndex(2);
