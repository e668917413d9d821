import { FinalStatusValues, InjuryTypeValues, TriageValues } from "@/lib/api/enums";
import type { PatientListQuery } from "@/lib/api/types";

/** The filters a patient record carries itself (its own values select the patients like it). */
const RECORD_KEYS = ["nationality", "front", "triage", "injury_type", "final_status"] as const;

export const FILTER_KEYS = [...RECORD_KEYS, "day", "facility"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The patient table's filters, each a query parameter of GET /jobs/{id}/patients (and of the page URL). */
export type PatientFilters = {
  [K in FilterKey]?: NonNullable<PatientListQuery[K]>;
};

/** A role `facility` selects the patients who reached. */
export type ReachedRole = NonNullable<PatientListQuery["facility"]>;
// each role of the generated type once: a role added to or dropped from the API fails tsc here
const REACHED_ROLES = { R1: true, R2: true, R3: true, R4: true } satisfies Record<
  ReachedRole,
  true
>;
/** The choices of the `facility` filter, in chain order. */
export const FACILITIES = Object.keys(REACHED_ROLES) as ReachedRole[];

/** A calendar day written YYYY-MM-DD, as the API's `day` takes it ("2030-02-30" is none). */
export function isDay(value: string): boolean {
  // year 1 at the earliest, as the API's dates
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < "0001-01-01") return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function oneOf(values: readonly string[]): (value: string) => boolean {
  const allowed = new Set(values);
  return (value) => allowed.has(value);
}

const VALID: Partial<Record<FilterKey, (value: string) => boolean>> = {
  triage: oneOf(TriageValues),
  injury_type: oneOf(InjuryTypeValues),
  final_status: oneOf(FinalStatusValues),
  day: isDay,
  facility: oneOf(FACILITIES),
};

/** Reads the filters from a URL's query (values the API would refuse are dropped). */
export function readFilters(search: URLSearchParams): PatientFilters {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (!value) continue;
    const valid = VALID[key];
    if (valid && !valid(value)) continue;
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

const FILTER_WORDS: Record<FilterKey, string> = {
  nationality: "nationality",
  front: "front",
  triage: "triage",
  injury_type: "injury type",
  final_status: "final status",
  day: "injury day",
  facility: "facility reached",
};

/** The filters in words, in a fixed order: "triage T1, front North"; "" when none is set. */
export function describeFilters(filters: PatientFilters): string {
  return FILTER_KEYS.filter((key) => filters[key])
    .map((key) => `${FILTER_WORDS[key]} ${filters[key]}`)
    .join(", ");
}

/** The filters that select patients like this one (and this one among them). */
export function filtersLike(
  patient: Required<Pick<PatientFilters, (typeof RECORD_KEYS)[number]>>,
): PatientFilters {
  return Object.fromEntries(RECORD_KEYS.map((key) => [key, patient[key]])) as PatientFilters;
}

/** The UTC days a scenario's injuries fall on, as YYYY-MM-DD: its start day to its last day (a
 * start without an offset is UTC, as the API reads it). Undefined for an unreadable start. */
export function scenarioDays(
  start: string,
  durationDays: number,
): { first: string; last: string } | undefined {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(start) ? start : `${start}Z`;
  const from = Date.parse(zoned);
  if (Number.isNaN(from) || !(durationDays > 0)) return undefined;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { first: day(from), last: day(from + durationDays * 86_400_000 - 1000) };
}
