import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

import "./field.css";

interface FieldFrame {
  label: ReactNode;
  /** A help line under the control. */
  hint?: ReactNode;
  /** The message when the value is refused; marks the control invalid. */
  error?: string | null;
}

function Frame({
  id,
  label,
  hint,
  error,
  children,
}: FieldFrame & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export type TextFieldProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & { id?: string };

export function TextField({ label, hint, error, className, id: given, ...input }: TextFieldProps) {
  const generated = useId();
  const id = given ?? generated;
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        className={["field__control", className].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </Frame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export type SelectFieldProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & { options: Option[]; id?: string };

export function SelectField({
  label,
  hint,
  error,
  options,
  className,
  id: given,
  ...select
}: SelectFieldProps) {
  const generated = useId();
  const id = given ?? generated;
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        className={["field__control", "field__select", className].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export type CheckboxFieldProps = { label: ReactNode; hint?: ReactNode; id?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "type"
>;

export function CheckboxField({ label, hint, id: given, ...input }: CheckboxFieldProps) {
  const generated = useId();
  const id = given ?? generated;
  return (
    <div className="field field--checkbox">
      <input
        id={id}
        type="checkbox"
        className="field__checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
