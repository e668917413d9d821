import type { Nation, Scenario, ScenarioOut, WarfareTypeEntry } from "@/lib/api/types";

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
