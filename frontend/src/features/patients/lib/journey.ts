import type { FinalStatus, PatientRecord, Role, TimelineEvent } from "@/lib/api/types";

/** One stay of a patient at a role of the chain. */
export interface Stay {
  role: Role;
  /** The facility's configured name (arrival), if any. */
  name: string | null;
  /** Arrival (the injury itself at the POI). */
  from: string;
  /** Departure or the journey's end there. */
  to: string;
  /** Queue before treatment, minutes (arrivals only). */
  waitMinutes: number | null;
  /** How the stay ended: moved on to a role, or the outcome. */
  end:
    | { kind: "departure"; destination: string | null }
    | { kind: "outcome"; event: TimelineEvent["event"] };
}

const ms = (iso: string) => new Date(iso).getTime();

/** The record's timeline as stays per facility, in time order. */
export function journey(record: PatientRecord): Stay[] {
  const stays: Stay[] = [];
  let open: Omit<Stay, "to" | "end"> | null = null;
  for (const event of record.timeline) {
    if (event.event === "injury" || event.event === "arrival") {
      open = {
        role: event.facility,
        name: event.facility_name ?? null,
        from: event.time,
        waitMinutes: event.wait_minutes ?? null,
      };
    } else if (event.event === "departure") {
      if (open)
        stays.push({
          ...open,
          to: event.time,
          end: { kind: "departure", destination: event.destination ?? null },
        });
      open = null;
    } else if (
      event.event === "return_to_duty" ||
      event.event === "death" ||
      event.event === "evacuated"
    ) {
      if (open)
        stays.push({ ...open, to: event.time, end: { kind: "outcome", event: event.event } });
      else
        stays.push({
          role: event.facility,
          name: null,
          from: event.time,
          to: event.time,
          waitMinutes: null,
          end: { kind: "outcome", event: event.event },
        });
      open = null;
    }
  }
  if (open) stays.push({ ...open, to: open.from, end: { kind: "outcome", event: "evacuated" } });
  return stays.sort((a, b) => ms(a.from) - ms(b.from));
}

export const EVENT_LABEL: Record<TimelineEvent["event"], string> = {
  injury: "Injured",
  first_aid: "First aid",
  departure: "Left",
  arrival: "Arrived",
  return_to_duty: "Returned to duty",
  death: "Died",
  evacuated: "Evacuated",
};

export const FINAL_LABEL: Record<FinalStatus, string> = {
  RTD: "Returned to duty",
  KIA: "Killed in action",
  DOW: "Died of wounds",
  EVACUATED: "Evacuated",
};

/** Minutes between two ISO instants. */
export function minutesBetween(a: string, b: string): number {
  return (ms(b) - ms(a)) / 60_000;
}
