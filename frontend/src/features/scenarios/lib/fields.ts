// Where a 422 error belongs in the editor. The API names fields as `body.fronts[0].share` or
// `body.chain.R2.capacity_per_hour`; the editor's controls are addressed as `fronts.0.share`.
import type { FieldError } from "@/lib/api/errors";
import type { Scenario } from "@/lib/api/types";
import { ROLES, TRIAGES } from "@/lib/labels";

/** `body.fronts[1].nationality_mix` → `fronts.1.nationality_mix`. */
export function fieldPath(apiField: string): string {
  return apiField
    .replace(/^body(\.|$)/, "")
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^\./, "");
}

/** The DOM id of the control (or group) for a path. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, "__") || "scenario"}`;
}

const TYPES = ["disease", "non_battle_injury", "battle_injury"] as const;

/** Every path the editor has a control or group for, in the order they appear on the page. */
export function fieldPaths(s: Scenario): string[] {
  const out: string[] = ["name", "description", "start", "duration_days", "patients"];
  out.push("fronts");
  s.fronts.forEach((front, i) => {
    out.push(`fronts.${i}`, `fronts.${i}.name`, `fronts.${i}.share`);
    out.push(`fronts.${i}.nationality_mix`);
    for (const code of Object.keys(front.nationality_mix))
      out.push(`fronts.${i}.nationality_mix.${code}`);
  });
  out.push("injury_mix", ...TYPES.map((t) => `injury_mix.${t}`));
  out.push("warfare", ...Object.keys(s.warfare).map((w) => `warfare.${w}`));
  out.push("intensity", "tempo", "special_events");
  (s.special_events ?? []).forEach((event, i) => {
    const at = `special_events.${i}`;
    out.push(
      at,
      ...["kind", "day", "hour", "share", "duration_hours", "front"].map((f) => `${at}.${f}`),
    );
    out.push(`${at}.triage`);
    if (event.triage) out.push(...TRIAGES.map((t) => `${at}.triage.${t}`));
  });
  out.push("environment", "chain");
  for (const role of ROLES) {
    const at = `chain.${role}`;
    const facility = s.chain[role];
    out.push(at, `${at}.present`, `${at}.name`, `${at}.capacity_per_hour`);
    out.push(`${at}.treatment_minutes`);
    for (const t of TRIAGES)
      out.push(
        `${at}.treatment_minutes.${t}`,
        `${at}.treatment_minutes.${t}.min`,
        `${at}.treatment_minutes.${t}.max`,
      );
    out.push(`${at}.outcomes`);
    if (facility.outcomes)
      for (const type of TYPES)
        for (const t of TRIAGES) {
          out.push(`${at}.outcomes.${type}`, `${at}.outcomes.${type}.${t}`);
          for (const o of ["die", "rtd", "evacuate"]) out.push(`${at}.outcomes.${type}.${t}.${o}`);
        }
    out.push(`${at}.bypass`);
    if (facility.bypass) out.push(...TRIAGES.map((t) => `${at}.bypass.${t}`));
  }
  out.push("transit_minutes");
  for (const role of ["R1", "R2", "R3", "R4"])
    for (const t of TRIAGES)
      out.push(
        `transit_minutes.${role}.${t}`,
        `transit_minutes.${role}.${t}.min`,
        `transit_minutes.${role}.${t}.max`,
      );
  out.push("triage_weights");
  for (const type of TYPES)
    out.push(`triage_weights.${type}`, ...TRIAGES.map((t) => `triage_weights.${type}.${t}`));
  return out;
}

export interface PlacedError {
  /** The API's field (`body.…`). */
  field: string;
  /** The editor path the error is shown at ("" when no control owns it). */
  at: string;
  message: string;
}

/**
 * Places each error at the control whose path is the longest prefix of the error's path (an
 * error about `fronts.0.nationality_mix.XXX` shows at the nation mix of front 0), in page order.
 */
export function placeErrors(errors: FieldError[], scenario: Scenario): PlacedError[] {
  const paths = fieldPaths(scenario);
  const known = new Set(paths);
  const order = new Map(paths.map((p, i) => [p, i]));
  const placed = errors.map((error) => {
    const path = fieldPath(error.field);
    const parts = path ? path.split(".") : [];
    let at = "";
    for (let n = parts.length; n > 0; n -= 1) {
      const prefix = parts.slice(0, n).join(".");
      if (known.has(prefix)) {
        at = prefix;
        break;
      }
    }
    return { field: error.field, at, message: error.message };
  });
  return placed.sort((a, b) => (order.get(a.at) ?? -1) - (order.get(b.at) ?? -1));
}
