import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import type { PerTriageMinutes } from "@/lib/api/types";

import { fieldId } from "../lib/fields";
import { useFieldError } from "./field-errors";
import { NumberField } from "./NumberField";

import "@/components/ui/field/field.css";
import { TRIAGES } from "@/lib/labels";
import "./scenarios.css";

export interface MinutesTableProps {
  /** `chain.R1.treatment_minutes` or `transit_minutes.R2` */
  path: string;
  caption: string;
  value: PerTriageMinutes;
  onChange: (value: PerTriageMinutes) => void;
}

/** A uniform range of minutes (from – to) per triage category. */
export function MinutesTable({ path, caption, value, onChange }: MinutesTableProps) {
  const error = useFieldError(path);
  return (
    <div className="minutes-table" id={fieldId(path)} tabIndex={-1} data-field={path}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Triage</th>
            <th scope="col">From (min)</th>
            <th scope="col">To (min)</th>
          </tr>
        </thead>
        <tbody>
          {TRIAGES.map((t) => (
            <MinutesRow
              key={t}
              path={`${path}.${t}`}
              triage={t}
              caption={caption}
              range={value[t]}
              onChange={(range) => onChange({ ...value, [t]: range })}
            />
          ))}
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

function MinutesRow({
  path,
  triage,
  caption,
  range,
  onChange,
}: {
  path: string;
  triage: (typeof TRIAGES)[number];
  caption: string;
  range: PerTriageMinutes["T1"];
  onChange: (range: PerTriageMinutes["T1"]) => void;
}) {
  const error = useFieldError(path);
  return (
    <>
      <tr id={fieldId(path)} tabIndex={-1} data-field={path}>
        <th scope="row">{TRIAGE_LABEL[triage]}</th>
        <td>
          <NumberField
            hideLabel
            label={`${caption}, ${triage}, from (minutes)`}
            path={`${path}.min`}
            value={range.min}
            onChange={(min) => onChange({ ...range, min: min ?? 0 })}
          />
        </td>
        <td>
          <NumberField
            hideLabel
            label={`${caption}, ${triage}, to (minutes)`}
            path={`${path}.max`}
            value={range.max}
            onChange={(max) => onChange({ ...range, max: max ?? 0 })}
          />
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={3} className="field__error" role="alert">
            {triage}: {error}
          </td>
        </tr>
      )}
    </>
  );
}
