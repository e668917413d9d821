import type { PatientListQuery } from "@/lib/api/types";

export const FILTER_KEYS = [
  "nationality",
  "front",
  "triage",
  "injury_type",
  "final_status",
] as const;

/** The patient table's filters, each a query parameter of GET /jobs/{id}/patients (and of the page URL). */
export type PatientFilters = {
  [K in (typeof FILTER_KEYS)[number]]?: NonNullable<PatientListQuery[K]>;
};

const ALLOWED: Partial<Record<(typeof FILTER_KEYS)[number], ReadonlySet<string>>> = {
  triage: new Set(["T1", "T2", "T3", "T4"]),
  injury_type: new Set(["DISEASE", "NON_BATTLE_INJURY", "BATTLE_INJURY"]),
  final_status: new Set(["RTD", "KIA", "DOW", "EVACUATED"]),
};

/** Reads the filters from a URL's query (unknown values of the closed lists are dropped). */
export function readFilters(search: URLSearchParams): PatientFilters {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (!value) continue;
    const allowed = ALLOWED[key];
    if (allowed && !allowed.has(value)) continue;
    out[key] = value;
  }
  return out as PatientFilters;
}

/** The filters as URL query parameters (empty ones left out), in a fixed order. */
export function writeFilters(filters: PatientFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

const FILTER_WORDS: Record<(typeof FILTER_KEYS)[number], string> = {
  nationality: "nationality",
  front: "front",
  triage: "triage",
  injury_type: "injury type",
  final_status: "final status",
};

/** The filters in words, in a fixed order: "triage T1, front North"; "" when none is set. */
export function describeFilters(filters: PatientFilters): string {
  return FILTER_KEYS.filter((key) => filters[key])
    .map((key) => `${FILTER_WORDS[key]} ${filters[key]}`)
    .join(", ");
}

/** The filters that select patients like this one (and this one among them). */
export function filtersLike(patient: Required<PatientFilters>): PatientFilters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, patient[key]])) as PatientFilters;
}
