import type { MedevacLeg, Mist, NineLine } from "@/lib/api/types";

// The 9-line MEDEVAC request in its standard line order and the MIST handover, from a leg of
// GET /jobs/{id}/patients/{index}/handovers. Both tables are keyed by the generated types: a
// field the API adds fails type-checking here until it has its place.

const NINE_LINE: Record<keyof NineLine, { line: number; title: string }> = {
  location: { line: 1, title: "Location of pick-up site" },
  call_sign: { line: 2, title: "Radio frequency, call sign and suffix" },
  precedence: { line: 3, title: "Number of patients by precedence" },
  special_equipment: { line: 4, title: "Special equipment required" },
  patients_by_type: { line: 5, title: "Number of patients by type" },
  security: { line: 6, title: "Security of pick-up site" },
  marking: { line: 7, title: "Method of marking pick-up site" },
  nationality_status: { line: 8, title: "Patient nationality and status" },
  nbc: { line: 9, title: "NBC contamination" },
};

export interface NineLineRow {
  line: number;
  field: keyof NineLine;
  title: string;
  /** As read over the radio (the leg's `nine_line_text`), e.g. "C - smoke signal". */
  value: string;
}

function coded(value: { code: string | null; label: string }): string {
  return value.code ? `${value.code} - ${value.label}` : value.label;
}

/** A line's value from the structured fields, where the text lacks the line. */
function fromFields(nine: NineLine, field: keyof NineLine): string {
  switch (field) {
    case "location":
    case "call_sign":
      return nine[field];
    case "precedence":
      return `${nine.precedence.patients}${nine.precedence.code ?? ""} (${nine.precedence.patients} ${nine.precedence.label})`;
    case "patients_by_type": {
      const { litter, ambulatory } = nine.patients_by_type;
      return [litter ? `L${litter}` : "", ambulatory ? `A${ambulatory}` : ""]
        .filter(Boolean)
        .join(" ");
    }
    case "nationality_status":
      return `${coded(nine.nationality_status)} (${nine.nationality_status.nationality})`;
    default:
      return coded(nine[field]);
  }
}

/** The nine lines in standard order, each with its number, title and value. */
export function nineLineRows(leg: MedevacLeg): NineLineRow[] {
  const spoken = new Map<number, string>();
  for (const text of leg.nine_line_text.split("\n")) {
    const match = /^LINE (\d+): (.*)$/.exec(text);
    if (match) spoken.set(Number(match[1]), match[2]);
  }
  return (Object.keys(NINE_LINE) as (keyof NineLine)[])
    .map((field) => {
      const { line, title } = NINE_LINE[field];
      const text = spoken.get(line);
      const value =
        text === undefined
          ? fromFields(leg.nine_line, field)
          : text.startsWith(`${title}: `)
            ? text.slice(title.length + 2)
            : text;
      return { line, field, title, value };
    })
    .sort((a, b) => a.line - b.line);
}

const MIST: Record<keyof Mist, { letter: string; title: string; order: number }> = {
  mechanism: { letter: "M", title: "Mechanism", order: 0 },
  injuries: { letter: "I", title: "Injuries", order: 1 },
  signs: { letter: "S", title: "Signs", order: 2 },
  treatment: { letter: "T", title: "Treatment", order: 3 },
};

export interface MistRow {
  letter: string;
  title: string;
  /** One item for mechanism and signs; the list for injuries and treatment (none: empty). */
  items: string[];
}

/** Mechanism, Injuries, Signs, Treatment, in that order. */
export function mistRows(mist: Mist): MistRow[] {
  return (Object.keys(MIST) as (keyof Mist)[])
    .sort((a, b) => MIST[a].order - MIST[b].order)
    .map((field) => {
      const value = mist[field];
      return {
        letter: MIST[field].letter,
        title: MIST[field].title,
        items: Array.isArray(value) ? value : [value],
      };
    });
}

const PLACE: Record<string, string> = {
  POI: "point of injury",
  R1: "Role 1",
  R2: "Role 2",
  R3: "Role 3",
  R4: "Role 4",
  OUT_OF_THEATRE: "out of theatre",
};

/** "Point of injury → Role 1" */
export function legRoute(leg: Pick<MedevacLeg, "origin" | "destination">): string {
  const from = PLACE[leg.origin] ?? leg.origin;
  const to = PLACE[leg.destination] ?? leg.destination;
  return `${from.charAt(0).toUpperCase()}${from.slice(1)} → ${to}`;
}
