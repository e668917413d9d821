import { useState } from "react";

import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import type { Outcome, OutcomeTable } from "@/lib/api/types";

import { fieldId } from "../lib/fields";
import { formatUnits, parsePercent, setShare, sharesOf, unitsOf } from "../lib/shares";
import { useFieldError, useFieldErrors } from "./field-errors";

import "@/components/ui/field/field.css";
import { TRIAGES } from "@/lib/labels";
import "./scenarios.css";

const TYPES = [
  ["battle_injury", "Battle injury"],
  ["non_battle_injury", "Non-battle injury"],
  ["disease", "Disease"],
] as const;
const OUTCOMES = [
  ["die", "Die"],
  ["rtd", "Return to duty"],
  ["evacuate", "Evacuate onward"],
] as const;

export interface OutcomeMatrixProps {
  /** `chain.R2.outcomes` */
  path: string;
  /** The role's name, for the caption. */
  role: string;
  value: OutcomeTable;
  onChange: (value: OutcomeTable) => void;
  /** What "die" means here (KIA at the point of injury, DOW at a facility). */
  dieMeans?: string;
}

/**
 * What happens to a patient at one role, per injury type and triage: die, return to duty or
 * move on. Each row stays at 100 %: a change to die or RTD is taken from "evacuate onward" first.
 */
export function OutcomeMatrix({ path, role, value, onChange, dieMeans }: OutcomeMatrixProps) {
  const error = useFieldError(path);
  const all = useFieldErrors();
  // a row with an error gets a row for its message under it: the type's header spans that too
  const spanOf = (type: string) =>
    TRIAGES.length + TRIAGES.filter((t) => all.get(`${path}.${type}.${t}`)?.length).length;
  return (
    <div className="outcome-matrix" id={fieldId(path)} tabIndex={-1} data-field={path}>
      <table className="table outcome-matrix__table">
        <caption>
          Outcomes at {role}
          {dieMeans ? ` (die = ${dieMeans})` : ""}, % of patients per row
        </caption>
        <thead>
          <tr>
            <th scope="col">Injury type</th>
            <th scope="col">Triage</th>
            {OUTCOMES.map(([key, label]) => (
              <th key={key} scope="col" className="num">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TYPES.map(([type, typeLabel]) =>
            TRIAGES.map((t, i) => (
              <OutcomeRow
                key={`${type}-${t}`}
                path={`${path}.${type}.${t}`}
                typeLabel={i === 0 ? typeLabel : null}
                typeName={typeLabel}
                rowSpan={spanOf(type)}
                triage={t}
                outcome={value[type][t]}
                onChange={(next) => onChange({ ...value, [type]: { ...value[type], [t]: next } })}
              />
            )),
          )}
        </tbody>
      </table>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function OutcomeRow({
  path,
  typeLabel,
  typeName,
  rowSpan,
  triage,
  outcome,
  onChange,
}: {
  path: string;
  typeLabel: string | null;
  typeName: string;
  rowSpan: number;
  triage: (typeof TRIAGES)[number];
  outcome: Outcome;
  onChange: (next: Outcome) => void;
}) {
  const error = useFieldError(path);
  const units = unitsOf({ die: outcome.die, rtd: outcome.rtd, evacuate: outcome.evacuate });
  return (
    <>
      <tr
        id={fieldId(path)}
        data-field={path}
        tabIndex={-1}
        className={error ? "outcome-matrix__row--invalid" : undefined}
      >
        {typeLabel && (
          <th scope="rowgroup" rowSpan={rowSpan}>
            {typeLabel}
          </th>
        )}
        <th scope="row">{TRIAGE_LABEL[triage]}</th>
        {OUTCOMES.map(([key, label]) => (
          <td key={key} className="num">
            <PercentCell
              path={`${path}.${key}`}
              label={`${label}, ${typeName} ${triage}`}
              units={units[key] ?? 0}
              invalid={Boolean(error)}
              onCommit={(amount) =>
                onChange(
                  sharesOf(
                    setShare(units, key, amount, { absorb: ["evacuate", "rtd"] }),
                  ) as Outcome,
                )
              }
            />
          </td>
        ))}
      </tr>
      {error && (
        <tr>
          <td colSpan={OUTCOMES.length + 1} className="field__error" role="alert">
            {typeName} {triage}: {error}
          </td>
        </tr>
      )}
    </>
  );
}

/** A percent input in a table cell, committed on blur or Enter. */
export function PercentCell({
  path,
  label,
  units,
  invalid,
  onCommit,
}: {
  path: string;
  label: string;
  units: number;
  invalid?: boolean;
  onCommit: (units: number) => void;
}) {
  const error = useFieldError(path);
  const [text, setText] = useState(formatUnits(units));
  const [typo, setTypo] = useState(false);
  // a new value from outside (a rebalance, the JSON view) replaces what was typed
  const [shown, setShown] = useState(units);
  if (shown !== units) {
    setShown(units);
    setText(formatUnits(units));
  }
  const commit = () => {
    const parsed = parsePercent(text);
    setTypo(parsed === null);
    if (parsed !== null && parsed !== units) onCommit(parsed);
  };
  return (
    <>
      <input
        id={fieldId(path)}
        data-field={path}
        className="field__control number-input number-input--cell"
        inputMode="decimal"
        autoComplete="off"
        aria-label={`${label} (%)`}
        aria-invalid={typo || invalid || error ? true : undefined}
        title={typo ? "Enter a percentage from 0 to 100." : (error ?? undefined)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
      />
      {error && <span className="field__error"> {error}</span>}
    </>
  );
}
