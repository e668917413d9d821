import type { Environment, EventKind, Tempo } from "@/lib/api/types";

export const TEMPO_LABEL: Record<Tempo, { label: string; effect: string }> = {
  sustained: { label: "Sustained", effect: "The same number of casualties every day." },
  escalating: { label: "Escalating", effect: "Rising steadily: the last day has 3× the first." },
  declining: { label: "Declining", effect: "Falling steadily: the first day has 3× the last." },
  surge: { label: "Surge", effect: "A peak mid-scenario, up to 5× the quiet days." },
  intermittent: {
    label: "Intermittent",
    effect: "Two busy days, two quiet days (15 %), repeating.",
  },
};

export const EVENT_LABEL: Record<EventKind, { label: string; effect: string }> = {
  mass_casualty: {
    label: "Mass casualty",
    effect: "1 h by default; mostly explosive; triage T1 30, T2 25, T3 30, T4 15 %.",
  },
  major_offensive: {
    label: "Major offensive",
    effect: "48 h by default; the warfare types' mechanisms; battle triage at 1.3 × intensity.",
  },
  ambush: {
    label: "Ambush",
    effect: "30 min by default; mostly gunshot and explosive; the battle triage weights.",
  },
};

// The stated effects of each condition (docs/simulation.md, "Environment"); the API has no
// catalog of them, so they are kept here in step with the simulation's table.
export const ENVIRONMENT: { id: Environment; label: string; effect: string }[] = [
  {
    id: "rain",
    label: "Rain",
    effect:
      "Evacuation × 1.15; disease × 1.1, NBI × 1.15; more respiratory infections, cellulitis, sprains.",
  },
  {
    id: "fog",
    label: "Fog",
    effect: "Evacuation × 1.35 (rotary wing restricted); NBI × 1.1.",
  },
  {
    id: "storm",
    label: "Storm",
    effect: "Evacuation × 1.6; disease × 1.05, NBI × 1.25; more contusions and open wounds.",
  },
  {
    id: "extreme_heat",
    label: "Extreme heat",
    effect:
      "Evacuation × 1.1; disease × 1.5; heat casualties (coded dehydration, 39–41 °C), gastroenteritis.",
  },
  {
    id: "extreme_cold",
    label: "Extreme cold",
    effect:
      "Evacuation × 1.25; disease × 1.3, NBI × 1.2; respiratory infections × 1.8; body temperature lower.",
  },
  {
    id: "dust",
    label: "Dust",
    effect:
      "Evacuation × 1.3 (brown-out landings); disease × 1.15; respiratory infections, bronchitis.",
  },
  {
    id: "night",
    label: "Night operations",
    effect: "Evacuation × 1.3; NBI × 1.2; battle casualties at 20–05 h × 1.8.",
  },
  {
    id: "mountain",
    label: "Mountain",
    effect: "Evacuation × 1.5; disease × 1.1, NBI × 1.3; sprains, back pain, fractures.",
  },
  {
    id: "urban_rubble",
    label: "Urban rubble",
    effect: "Evacuation × 1.3; NBI × 1.25; contusions, open wounds, open fractures.",
  },
];

export const ENVIRONMENT_NOTE =
  "Evacuation delay multiplies the time at the point of injury and every transit, and raises the " +
  "chance of dying there (× √delay). Factors of several conditions multiply.";

export const INJURY_TYPES = [
  { key: "disease", label: "Disease", name: "Disease" },
  { key: "non_battle_injury", label: "Non-battle injury", name: "Non-battle injury" },
  { key: "battle_injury", label: "Battle injury", name: "Battle injury" },
] as const;

export const ROLE_NAMES = {
  POI: "Point of injury",
  R1: "Role 1",
  R2: "Role 2",
  R3: "Role 3",
  R4: "Role 4",
} as const;

export const ROLE_DUTY = {
  POI: "First aid and extraction; death here is killed in action (KIA).",
  R1: "Battalion aid station: resuscitation, dressing, analgesia.",
  R2: "Forward surgical hospital: damage-control surgery and transfusion.",
  R3: "Field hospital: imaging, definitive surgery, intensive care.",
  R4: "Home-nation hospital: arrival here means evacuated out of theatre.",
} as const;
