import type {
  Nation,
  Scenario,
  ScenarioOut,
  ScenarioPage,
  WarfareTypeEntry,
} from "@/lib/api/types";
import type { PresetSummary } from "@/lib/reference/get-presets";

import preset from "./preset.sample.json";

/** The default preset (large-scale conventional) as GET /reference/presets/{id} answers it. */
export const sampleScenario = preset as unknown as Scenario;

const NATIONS: [string, string][] = [
  ["ALB", "Albania"],
  ["BEL", "Belgium"],
  ["BGR", "Bulgaria"],
  ["CAN", "Canada"],
  ["HRV", "Croatia"],
  ["CZE", "Czechia"],
  ["DNK", "Denmark"],
  ["EST", "Estonia"],
  ["FIN", "Finland"],
  ["FRA", "France"],
  ["DEU", "Germany"],
  ["GRC", "Greece"],
  ["HUN", "Hungary"],
  ["ISL", "Iceland"],
  ["ITA", "Italy"],
  ["LVA", "Latvia"],
  ["LTU", "Lithuania"],
  ["LUX", "Luxembourg"],
  ["MNE", "Montenegro"],
  ["NLD", "Netherlands"],
  ["MKD", "North Macedonia"],
  ["NOR", "Norway"],
  ["POL", "Poland"],
  ["PRT", "Portugal"],
  ["ROU", "Romania"],
  ["SVK", "Slovakia"],
  ["SVN", "Slovenia"],
  ["ESP", "Spain"],
  ["SWE", "Sweden"],
  ["TUR", "Türkiye"],
  ["GBR", "United Kingdom"],
  ["USA", "United States"],
];

/** The 32 NATO nations (only what the editor reads). */
export const sampleNations: Nation[] = NATIONS.map(([code, name]) => ({
  code,
  name,
  female_share: 0.1,
  service_number_format: "",
  blood_types: {},
  blood_types_source: "",
  names_source: "",
  ranks: {},
}));

const WARFARE: [WarfareTypeEntry["id"], string, string][] = [
  [
    "conventional",
    "Conventional combined arms",
    "Manoeuvre warfare; dawn attacks and afternoon engagements.",
  ],
  ["artillery", "Artillery", "Indirect fire; dawn and dusk fire missions."],
  ["urban", "Urban", "Fighting in built-up areas; daytime peak."],
  ["guerrilla", "Guerrilla / insurgency", "Night raids and morning IEDs."],
  ["drone", "Drone", "Daylight strikes by small drones."],
  ["naval", "Naval", "Fighting at sea; burns and blunt trauma."],
  ["cbrn", "CBRN", "Chemical strikes; vesicant and thermal burns."],
  ["peacekeeping", "Peacekeeping", "Daytime patrols; small-arms fire."],
];

export const sampleWarfareTypes: WarfareTypeEntry[] = WARFARE.map(([id, name, description]) => ({
  id,
  name,
  description,
  hourly_pattern: Array.from({ length: 24 }, () => 1),
  mechanism: {},
  severity: 1,
}));

export const savedScenario: ScenarioOut = {
  id: "7d1f7c64-3c39-4f55-9d1c-3e6f3b2d9a11",
  name: sampleScenario.name,
  scenario: sampleScenario,
  created_at: "2026-11-28T18:00:00Z",
  updated_at: "2026-11-29T09:30:00Z",
};

/** GET /reference/presets (two of the six). */
export const samplePresets: PresetSummary[] = [
  {
    id: "large_scale_conventional",
    name: "Large-scale conventional",
    description:
      "Corps-level defensive and counter-offensive operations on two fronts with a rear area; escalating tempo, one mass-casualty event and a major offensive.",
  },
  {
    id: "peacekeeping",
    name: "Peacekeeping",
    description:
      "Six-month stability operation in a hot, dusty theatre; mostly disease and non-battle injury, an occasional ambush.",
  },
];

/** A page of saved scenarios (the second of three). */
export const sampleScenarioPage: ScenarioPage = {
  items: [
    savedScenario,
    {
      ...savedScenario,
      id: "0c9e1d52-6b0f-4d59-8f0e-5b7a8e2c4d10",
      name: "Exercise Baltic Shield",
      scenario: { ...sampleScenario, name: "Exercise Baltic Shield", duration_days: 14 },
      updated_at: "2026-11-27T07:12:00Z",
    },
    {
      ...savedScenario,
      id: "5a1b9c3d-2e4f-4a6b-8c7d-9e0f1a2b3c4d",
      name: "Winter mountain training",
      scenario: { ...sampleScenario, name: "Winter mountain training", patients: 800 },
      updated_at: "2026-11-20T16:45:00Z",
    },
  ],
  total: 43,
  limit: 20,
  offset: 20,
};
