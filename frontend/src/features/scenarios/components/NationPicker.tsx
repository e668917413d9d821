import { useId, useState } from "react";

import { Button } from "@/components/ui/button/Button";
import type { Nation } from "@/lib/api/types";

import "@/components/ui/field/field.css";
import "./scenarios.css";

export interface NationPickerProps {
  nations: Nation[];
  /** Codes already in the mix (not offered again). */
  taken: string[];
  onAdd: (code: string) => void;
  /** What the nations are added to, for the label ("front North"). */
  context: string;
}

/** Adds one of the 32 NATO nations (name and ISO 3166 alpha-3 code) to a nationality mix. */
export function NationPicker({ nations, taken, onAdd, context }: NationPickerProps) {
  const id = useId();
  const available = nations
    .filter((n) => !taken.includes(n.code))
    .sort((a, b) => a.name.localeCompare(b.name));
  const [code, setCode] = useState("");
  const chosen = available.some((n) => n.code === code) ? code : "";
  return (
    <div className="nation-picker">
      <label className="field__label" htmlFor={id}>
        Add a nation to {context}
      </label>
      <div className="nation-picker__row">
        <select
          id={id}
          className="field__control field__select"
          value={chosen}
          onChange={(e) => setCode(e.target.value)}
          disabled={available.length === 0}
        >
          <option value="">
            {available.length === 0 ? "Every NATO nation is in the mix" : "Choose a nation…"}
          </option>
          {available.map((n) => (
            <option key={n.code} value={n.code}>
              {n.name} ({n.code})
            </option>
          ))}
        </select>
        <Button
          disabled={!chosen}
          onClick={() => {
            onAdd(chosen);
            setCode("");
          }}
        >
          Add nation
        </Button>
      </div>
    </div>
  );
}

/** "Poland (POL)", or the bare code for one the catalog does not have. */
export function nationLabel(nations: Nation[], code: string): string {
  const nation = nations.find((n) => n.code === code);
  return nation ? `${nation.name} (${code})` : code;
}
