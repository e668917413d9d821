import { Button } from "@/components/ui/button/Button";
import { TextField } from "@/components/ui/field/Field";
import type { Front, Nation, SpecialEvent } from "@/lib/api/types";

import { fieldId } from "../lib/fields";
import { addEntry, sharesOf, unitsOf } from "../lib/shares";
import { useFieldError } from "./field-errors";
import { NationPicker, nationLabel } from "./NationPicker";
import { ShareEditor } from "./ShareEditor";

import "./scenarios.css";

export interface FrontsEditorProps {
  fronts: Front[];
  nations: Nation[];
  /** Events name fronts: a rename carries over to them. */
  events: SpecialEvent[];
  onChange: (fronts: Front[], events?: SpecialEvent[]) => void;
}

/** Fronts: add, remove, rename, their shares, and each front's nationality mix. */
export function FrontsEditor({ fronts, nations, events, onChange }: FrontsEditorProps) {
  const shares = Object.fromEntries(fronts.map((f, i) => [String(i), f.share]));
  const setShares = (next: Record<string, number>) =>
    onChange(fronts.map((f, i) => ({ ...f, share: next[String(i)] ?? 0 })));
  const unique = (base: string) => {
    let n = fronts.length + 1;
    let name = `${base} ${n}`;
    while (fronts.some((f) => f.name === name)) name = `${base} ${(n += 1)}`;
    return name;
  };
  return (
    <div className="fronts">
      <ShareEditor
        legend="Share of casualties per front"
        path="fronts"
        entryPath={(key) => `fronts.${key}.share`}
        entries={fronts.map((f, i) => ({
          key: String(i),
          label: f.name || `Front ${i + 1}`,
          name: f.name || `Front ${i + 1}`,
        }))}
        value={shares}
        onChange={setShares}
      />
      <ol className="fronts__list">
        {fronts.map((front, i) => (
          <li key={i}>
            <FrontCard
              index={i}
              front={front}
              nations={nations}
              canRemove={fronts.length > 1}
              onRename={(name) => {
                const next = fronts.map((f, j) => (j === i ? { ...f, name } : f));
                const renamed = events.map((e) =>
                  e.front === front.name && front.name ? { ...e, front: name } : e,
                );
                onChange(next, renamed);
              }}
              onMix={(mix) =>
                onChange(fronts.map((f, j) => (j === i ? { ...f, nationality_mix: mix } : f)))
              }
              onRemove={() => {
                const units = unitsOf(shares);
                delete units[String(i)];
                const rest = fronts.filter((_, j) => j !== i);
                const total = Object.values(units).reduce((a, b) => a + b, 0);
                // the removed front's share goes to the others in proportion
                const scaled = rest.map((f, j) => {
                  const key = String(j >= i ? j + 1 : j);
                  return { ...f, share: total > 0 ? (units[key] ?? 0) / total : 1 / rest.length };
                });
                onChange(
                  scaled,
                  events.map((e) => (e.front === front.name ? { ...e, front: null } : e)),
                );
              }}
            />
          </li>
        ))}
      </ol>
      <Button
        disabled={fronts.length >= 20}
        onClick={() => {
          const units = addEntry(unitsOf(shares), String(fronts.length));
          const next = sharesOf(units);
          onChange([
            ...fronts.map((f, i) => ({ ...f, share: next[String(i)] ?? 0 })),
            {
              name: unique("Front"),
              share: next[String(fronts.length)] ?? 0,
              nationality_mix: { USA: 1 },
            },
          ]);
        }}
      >
        Add front
      </Button>
    </div>
  );
}

function FrontCard({
  index,
  front,
  nations,
  canRemove,
  onRename,
  onMix,
  onRemove,
}: {
  index: number;
  front: Front;
  nations: Nation[];
  canRemove: boolean;
  onRename: (name: string) => void;
  onMix: (mix: Record<string, number>) => void;
  onRemove: () => void;
}) {
  const at = `fronts.${index}`;
  const error = useFieldError(at);
  const nameError = useFieldError(`${at}.name`);
  const codes = Object.keys(front.nationality_mix);
  const title = front.name || `Front ${index + 1}`;
  return (
    <fieldset className="front" id={fieldId(at)} tabIndex={-1} data-field={at}>
      <legend>
        Front {index + 1}: {title}
      </legend>
      <TextField
        id={fieldId(`${at}.name`)}
        label="Name"
        hint="Unique; special events refer to fronts by name."
        value={front.name}
        maxLength={100}
        error={nameError}
        data-field={`${at}.name`}
        onChange={(e) => onRename(e.target.value)}
      />
      <ShareEditor
        legend={`Nations on ${title}`}
        path={`${at}.nationality_mix`}
        entries={codes.map((code) => ({
          key: code,
          label: nationLabel(nations, code),
          name: nationLabel(nations, code),
        }))}
        value={front.nationality_mix}
        onChange={onMix}
        removable
        adder={
          <NationPicker
            nations={nations}
            taken={codes}
            context={title}
            onAdd={(code) => onMix(sharesOf(addEntry(unitsOf(front.nationality_mix), code)))}
          />
        }
      />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {canRemove && (
        <Button variant="ghost" size="sm" onClick={onRemove}>
          Remove front {title}
        </Button>
      )}
    </fieldset>
  );
}
