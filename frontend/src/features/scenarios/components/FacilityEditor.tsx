import { memo } from "react";

import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import { CheckboxField, TextField } from "@/components/ui/field/Field";
import type { Facility, FacilityEntry, OutcomeTable, Role } from "@/lib/api/types";
import { TRIAGES } from "@/lib/labels";

import { fieldId } from "../lib/fields";
import { ROLE_DUTY, ROLE_NAMES } from "../lib/labels";
import { useFieldError } from "./field-errors";
import { MinutesTable } from "./MinutesTable";
import { NumberField } from "./NumberField";
import { OutcomeMatrix, PercentCell } from "./OutcomeMatrix";

import "./scenarios.css";

const EVACUATE_ALL = { die: 0, rtd: 0, evacuate: 1 };
const EMPTY_OUTCOMES: OutcomeTable = {
  disease: { T1: EVACUATE_ALL, T2: EVACUATE_ALL, T3: EVACUATE_ALL, T4: EVACUATE_ALL },
  non_battle_injury: { T1: EVACUATE_ALL, T2: EVACUATE_ALL, T3: EVACUATE_ALL, T4: EVACUATE_ALL },
  battle_injury: { T1: EVACUATE_ALL, T2: EVACUATE_ALL, T3: EVACUATE_ALL, T4: EVACUATE_ALL },
};

export interface FacilityEditorProps {
  role: Role;
  facility: Facility;
  /** The role's catalog entry (defaults to fall back on when a setting is switched on). */
  reference?: FacilityEntry;
  onChange: (role: Role, facility: Facility) => void;
}

/**
 * One role of the treatment chain: present, name, capacity per hour, treatment minutes per
 * triage, the outcome matrix (POI–R3) and bypass (R1–R3).
 */
export const FacilityEditor = memo(function FacilityEditor({
  role,
  facility,
  reference,
  onChange,
}: FacilityEditorProps) {
  const at = `chain.${role}`;
  const error = useFieldError(at);
  const presentError = useFieldError(`${at}.present`);
  const nameError = useFieldError(`${at}.name`);
  const bypassError = useFieldError(`${at}.bypass`);
  const set = (patch: Partial<Facility>) => onChange(role, { ...facility, ...patch });
  const present = facility.present ?? true;
  const hasOutcomes = role !== "R4";
  const hasBypass = role === "R1" || role === "R2" || role === "R3";
  return (
    <details className="facility" open data-field={at}>
      <summary className="facility__summary">
        <span className="facility__role">{ROLE_NAMES[role]}</span>{" "}
        <span className="facility__name">{facility.name}</span>
        {!present && <span className="facility__absent"> · not deployed</span>}
      </summary>
      <div className="facility__body" id={fieldId(at)} tabIndex={-1}>
        <p className="shares__description">{reference?.description ?? ROLE_DUTY[role]}</p>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="form-grid">
          <CheckboxField
            id={fieldId(`${at}.present`)}
            label={`${ROLE_NAMES[role]} is deployed`}
            hint={
              role === "POI"
                ? "The point of injury is always part of the chain."
                : "Absent roles are skipped; evacuation goes to the next present role."
            }
            checked={present}
            disabled={role === "POI" && present}
            onChange={(e) => set({ present: e.target.checked })}
          />
          {presentError && (
            <p className="field__error" role="alert">
              {presentError}
            </p>
          )}
          <TextField
            id={fieldId(`${at}.name`)}
            label="Name"
            value={facility.name}
            error={nameError}
            maxLength={100}
            data-field={`${at}.name`}
            onChange={(e) => set({ name: e.target.value })}
          />
          {role !== "POI" && (
            <NumberField
              label="Capacity"
              unit="admissions per hour"
              path={`${at}.capacity_per_hour`}
              optional
              hint="For the whole role in theatre; needed when present."
              value={facility.capacity_per_hour ?? null}
              onChange={(capacity) => set({ capacity_per_hour: capacity })}
            />
          )}
        </div>
        <MinutesTable
          path={`${at}.treatment_minutes`}
          caption={`${role === "POI" ? "First aid and extraction" : "Treatment"} at ${ROLE_NAMES[role]}`}
          value={facility.treatment_minutes}
          onChange={(treatment_minutes) => set({ treatment_minutes })}
        />
        {hasOutcomes &&
          (facility.outcomes ? (
            <OutcomeMatrix
              path={`${at}.outcomes`}
              role={ROLE_NAMES[role]}
              dieMeans={role === "POI" ? "killed in action" : "died of wounds"}
              value={facility.outcomes}
              onChange={(outcomes) => set({ outcomes })}
            />
          ) : (
            <div id={fieldId(`${at}.outcomes`)} tabIndex={-1}>
              <p>No outcome table yet: every patient moves on.</p>
              <button
                type="button"
                className="btn btn--secondary btn--sm"
                onClick={() => set({ outcomes: reference?.default.outcomes ?? EMPTY_OUTCOMES })}
              >
                Add an outcome table
              </button>
            </div>
          ))}
        {hasBypass && (
          <fieldset className="bypass" id={fieldId(`${at}.bypass`)} tabIndex={-1}>
            <legend>Bypass</legend>
            <CheckboxField
              label={`Patients sent to ${ROLE_NAMES[role]} may skip it`}
              hint="e.g. T1 flown straight to surgery; never the last present role."
              checked={Boolean(facility.bypass)}
              onChange={(e) =>
                set({
                  bypass: e.target.checked
                    ? (reference?.default.bypass ?? { T1: 0, T2: 0, T3: 0, T4: 0 })
                    : null,
                })
              }
            />
            {facility.bypass && (
              <table className="table bypass__table">
                <caption>Chance to skip {ROLE_NAMES[role]}, per triage (%)</caption>
                <thead>
                  <tr>
                    {TRIAGES.map((t) => (
                      <th key={t} scope="col" className="num">
                        {TRIAGE_LABEL[t]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    {TRIAGES.map((t) => (
                      <td key={t} className="num">
                        <PercentCell
                          path={`${at}.bypass.${t}`}
                          label={`Bypass ${ROLE_NAMES[role]}, ${t}`}
                          units={Math.round((facility.bypass![t] ?? 0) * 10_000)}
                          onCommit={(units) =>
                            set({ bypass: { ...facility.bypass!, [t]: units / 10_000 } })
                          }
                        />
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            )}
            {bypassError && (
              <p className="field__error" role="alert">
                {bypassError}
              </p>
            )}
          </fieldset>
        )}
      </div>
    </details>
  );
});
