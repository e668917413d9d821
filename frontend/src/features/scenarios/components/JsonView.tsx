import { useEffect, useId, useRef, useState } from "react";

import type { Scenario } from "@/lib/api/types";

import { parseScenarioText, stableJson } from "../lib/scenario-json";

import "@/components/ui/field/field.css";
import "./scenarios.css";

export interface JsonViewProps {
  scenario: Scenario;
  onChange: (scenario: Scenario) => void;
}

/**
 * The same draft as JSON, for experts: typing readable JSON updates the draft (and so the form,
 * the validation and the preview); a change made in the form shows here.
 */
export function JsonView({ scenario, onChange }: JsonViewProps) {
  const id = useId();
  const [text, setText] = useState(() => JSON.stringify(scenario, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const mine = useRef(stableJson(scenario));

  useEffect(() => {
    const now = stableJson(scenario);
    if (now === mine.current) return; // our own edit coming back
    mine.current = now;
    setText(JSON.stringify(scenario, null, 2));
    setProblem(null);
  }, [scenario]);

  return (
    <div className="json-view">
      <label htmlFor={id} className="field__label">
        Scenario as JSON
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Edits the same draft as the form. The server checks it as you type; its errors are listed
        above with the field they concern.
      </p>
      <textarea
        id={id}
        className="field__control json-view__text"
        spellCheck={false}
        aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}
        aria-invalid={problem ? true : undefined}
        value={text}
        rows={30}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const parsed = parseScenarioText(next);
          if (!parsed.ok) {
            setProblem(parsed.message);
            return;
          }
          setProblem(null);
          mine.current = stableJson(parsed.scenario);
          onChange(parsed.scenario);
        }}
      />
      {problem && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {problem} (the draft keeps its last readable version)
        </p>
      )}
    </div>
  );
}
