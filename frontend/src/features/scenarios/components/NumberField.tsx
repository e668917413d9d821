import { useState } from "react";

import { TextField } from "@/components/ui/field/Field";

import { fieldId } from "../lib/fields";
import { useFieldError } from "./field-errors";

import "./scenarios.css";

export interface NumberFieldProps {
  label: string;
  /** The editor path (errors and the control's id). */
  path: string;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  hint?: string;
  /** Whole numbers only. */
  integer?: boolean;
  /** Empty means null (an optional setting). */
  optional?: boolean;
  placeholder?: string;
  /** Shown after the label, e.g. "min" or "%". */
  unit?: string;
  /** Shows the value × scale (e.g. 100 for percent) and divides typed numbers by it. */
  scale?: number;
  className?: string;
  /** Hide the visible label (tables label their cells by header); still read by screen readers. */
  hideLabel?: boolean;
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

function show(value: number | null | undefined, scale: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return String(Math.round(value * scale * 1e6) / 1e6);
}

/**
 * A number as typed: every readable number goes to the draft at once (so the server checks it
 * while you type, and its refusal shows here); text that is no number is refused locally.
 */
export function NumberField({
  label,
  path,
  value,
  onChange,
  hint,
  integer = false,
  optional = false,
  placeholder,
  unit,
  scale = 1,
  className,
  hideLabel = false,
}: NumberFieldProps) {
  const serverError = useFieldError(path);
  const [text, setText] = useState(() => show(value, scale));
  const [localError, setLocalError] = useState<string | null>(null);

  // a change from elsewhere (the JSON view, a rebalance) shows here; what was typed stays when
  // it reads as the same number ("1." while typing "1.5")
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    const typed = text.trim() === "" ? null : Number(text) / scale;
    const same = typed === null ? value == null : value != null && Math.abs(typed - value) < 1e-9;
    if (!same) setText(show(value, scale));
  }

  const commit = (next: string) => {
    setText(next);
    const trimmed = next.trim();
    if (trimmed === "") {
      if (optional) {
        setLocalError(null);
        onChange(null);
      } else setLocalError("Enter a number.");
      return;
    }
    if (!NUMBER.test(trimmed) || (integer && !/^-?\d+$/.test(trimmed))) {
      setLocalError(integer ? "Enter a whole number." : "Enter a number, e.g. 12.5.");
      return;
    }
    setLocalError(null);
    onChange(Number(trimmed) / scale);
  };

  return (
    <TextField
      id={fieldId(path)}
      label={
        hideLabel ? (
          <span className="visually-hidden">{label}</span>
        ) : unit ? (
          <>
            {label} <span className="unit">({unit})</span>
          </>
        ) : (
          label
        )
      }
      hint={hint}
      error={localError ?? serverError}
      className={["number-input", className].filter(Boolean).join(" ")}
      inputMode={integer ? "numeric" : "decimal"}
      autoComplete="off"
      placeholder={placeholder}
      value={text}
      data-field={path}
      onChange={(e) => commit(e.target.value)}
    />
  );
}
