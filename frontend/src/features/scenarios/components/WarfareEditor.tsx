import { useId, useState } from "react";

import { Button } from "@/components/ui/button/Button";
import type { WarfareTypeEntry } from "@/lib/api/types";

import { addEntry, sharesOf, unitsOf } from "../lib/shares";
import { ShareEditor } from "./ShareEditor";

import "@/components/ui/field/field.css";
import "./scenarios.css";

export interface WarfareEditorProps {
  value: Record<string, number>;
  types: WarfareTypeEntry[];
  onChange: (value: Record<string, number>) => void;
}

const mechanismText = (t: WarfareTypeEntry) =>
  Object.entries(t.mechanism)
    .map(([k, v]) => `${k} ${v}`)
    .join(" / ");

/** The kinds of fighting among battle casualties and their weights (sum 100 %). */
export function WarfareEditor({ value, types, onChange }: WarfareEditorProps) {
  const id = useId();
  const [adding, setAdding] = useState("");
  const keys = Object.keys(value);
  const available = types.filter((t) => !keys.includes(t.id));
  const chosen = available.some((t) => t.id === adding) ? adding : "";
  const name = (key: string) => types.find((t) => t.id === key)?.name ?? key;
  return (
    <ShareEditor
      legend="Warfare types among battle casualties"
      description="Each type brings its hour-of-day pattern, mechanism mix (explosive / gunshot / burn / blunt), body regions and severity."
      path="warfare"
      entries={keys.map((key) => {
        const type = types.find((t) => t.id === key);
        return {
          key,
          label: name(key),
          name: name(key),
          hint: type
            ? `${type.description} Mechanisms ${mechanismText(type)} %; severity ${type.severity}.`
            : undefined,
        };
      })}
      value={value}
      onChange={onChange}
      removable
      adder={
        <div className="nation-picker">
          <label className="field__label" htmlFor={id}>
            Add a warfare type
          </label>
          <div className="nation-picker__row">
            <select
              id={id}
              className="field__control field__select"
              value={chosen}
              disabled={available.length === 0}
              onChange={(e) => setAdding(e.target.value)}
            >
              <option value="">
                {available.length ? "Choose a type…" : "Every type is in the mix"}
              </option>
              {available.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <Button
              disabled={!chosen}
              onClick={() => {
                onChange(sharesOf(addEntry(unitsOf(value), chosen)));
                setAdding("");
              }}
            >
              Add type
            </Button>
          </div>
        </div>
      }
    />
  );
}
