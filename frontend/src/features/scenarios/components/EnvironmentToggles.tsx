import { CheckboxField } from "@/components/ui/field/Field";
import type { Environment } from "@/lib/api/types";

import { fieldId } from "../lib/fields";
import { ENVIRONMENT, ENVIRONMENT_NOTE } from "../lib/labels";
import { useFieldError } from "./field-errors";

import "./scenarios.css";

export interface EnvironmentTogglesProps {
  value: Environment[];
  onChange: (value: Environment[]) => void;
}

/** Weather and terrain, each a toggle with its stated effect. */
export function EnvironmentToggles({ value, onChange }: EnvironmentTogglesProps) {
  const error = useFieldError("environment");
  return (
    <fieldset
      className="environment"
      id={fieldId("environment")}
      tabIndex={-1}
      data-field="environment"
    >
      <legend className="visually-hidden">Environment</legend>
      <p className="shares__description">{ENVIRONMENT_NOTE}</p>
      <div className="environment__grid">
        {ENVIRONMENT.map((condition) => (
          <CheckboxField
            key={condition.id}
            label={condition.label}
            hint={condition.effect}
            checked={value.includes(condition.id)}
            onChange={(e) =>
              onChange(
                e.target.checked
                  ? ENVIRONMENT.map((c) => c.id).filter(
                      (id) => id === condition.id || value.includes(id),
                    )
                  : value.filter((id) => id !== condition.id),
              )
            }
          />
        ))}
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
