/** LOINC vital signs the records carry (docs/simulation.md), with what to call them. */
export const VITALS: Record<string, { label: string; unit: string }> = {
  "8867-4": { label: "Heart rate", unit: "/min" },
  "9279-1": { label: "Respiratory rate", unit: "/min" },
  "8480-6": { label: "Systolic blood pressure", unit: "mmHg" },
  "8462-4": { label: "Diastolic blood pressure", unit: "mmHg" },
  "8310-5": { label: "Body temperature", unit: "°C" },
  "59408-5": { label: "SpO₂ (pulse oximetry)", unit: "%" },
  "9269-2": { label: "Glasgow coma score", unit: "" },
};

/** A UCUM unit as people read it. */
export function unitText(ucum: string): string {
  return { "mm[Hg]": "mmHg", Cel: "°C", "{score}": "" }[ucum] ?? ucum;
}
