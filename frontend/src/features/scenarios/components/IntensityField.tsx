import { useId } from "react";

import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import type { TriageWeights } from "@/lib/api/types";

import { fieldId } from "../lib/fields";
import { battleTriageAt } from "../lib/tempo";
import { useFieldError } from "./field-errors";
import { NumberField } from "./NumberField";

import "@/components/ui/field/field.css";
import { TRIAGES } from "@/lib/labels";
import "./scenarios.css";

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

// the slider moves on a log scale so 0.25 … 1 gets as much room as 1 … 4
const toSlider = (x: number) => Math.round(Math.log2(Math.min(4, Math.max(0.25, x))) * 100);
const fromSlider = (v: number) => Math.round(2 ** (v / 100) * 100) / 100;

export interface IntensityFieldProps {
  value: number;
  battleTriage: TriageWeights;
  onChange: (value: number) => void;
}

/** Intensity (0.25–4) with its documented effect on the battle triage shown as numbers. */
export function IntensityField({ value, battleTriage, onChange }: IntensityFieldProps) {
  const id = useId();
  const error = useFieldError("intensity");
  const at = battleTriageAt(battleTriage, Number.isFinite(value) ? value : 1);
  return (
    <div className="intensity">
      <div className="intensity__controls">
        <label htmlFor={id} className="field__label">
          Intensity slider
        </label>
        <input
          id={id}
          type="range"
          min={-200}
          max={200}
          step={5}
          value={toSlider(value)}
          aria-valuetext={`intensity ${value}`}
          onChange={(e) => onChange(fromSlider(Number(e.target.value)))}
          className="intensity__slider"
        />
        <NumberField
          label="Intensity"
          path="intensity"
          hint="0.25 – 4; 1 is the baseline"
          value={value}
          onChange={(x) => onChange(x ?? 1)}
        />
      </div>
      <p className="intensity__effect" id={`${fieldId("intensity")}-effect`}>
        Severity multiplier on battle triage: the odds of T1 and T4 × intensity, T2 × √intensity,
        then renormalised — more T1 means more deaths. At {value}, battle casualties are triaged{" "}
        {TRIAGES.map((t, i) => (
          <span key={t}>
            {i > 0 ? ", " : ""}
            {TRIAGE_LABEL[t]} <strong data-testid={`intensity-${t}`}>{pct(at[t])}</strong>
          </span>
        ))}
        .
      </p>
      {error && <span className="visually-hidden">{error}</span>}
    </div>
  );
}
