import { useState, type ReactNode } from "react";

import { Button } from "@/components/ui/button/Button";

import { fieldId } from "../lib/fields";
import {
  formatUnits,
  left,
  normalise,
  parsePercent,
  removeEntry,
  setShare,
  sharesOf,
  toUnits,
  total,
  unitsOf,
  WHOLE,
  type Units,
} from "../lib/shares";
import { useFieldError } from "./field-errors";

import "@/components/ui/field/field.css";
import "./scenarios.css";

export interface ShareEntry {
  key: string;
  label: ReactNode;
  /** A plain-text name for labels of the controls ("North", "Poland (POL)"). */
  name: string;
  hint?: ReactNode;
}

export interface ShareEditorProps {
  /** The group's title (its legend). */
  legend: ReactNode;
  /** The editor path of the mix (`fronts.0.nationality_mix`); entries are at `path.key`. */
  path: string;
  entries: ShareEntry[];
  /** Shares 0…1 by key. */
  value: Record<string, number>;
  onChange: (value: Record<string, number>) => void;
  /** Entries that take up a change first (else every other entry, in proportion). */
  absorb?: readonly string[];
  /** Lets an entry be removed (its share goes to the others). */
  removable?: boolean;
  /** At least this many entries stay. */
  minEntries?: number;
  /** A control to add entries (e.g. the nation picker), under the list. */
  adder?: ReactNode;
  /** Paths of the entries' errors, when they differ from `path.key` (e.g. `fronts.0.share`). */
  entryPath?: (key: string) => string;
  description?: ReactNode;
}

/**
 * Any mix that must sum to 100 %: set one share (slider or typed percent) and the others move
 * so the total stays exactly 100 %; lock an entry to keep it fixed. The footer says what is
 * assigned and what is left — something is left only when a mix came in that was not whole (an
 * import, the JSON view), and "Spread the rest" scales it to 100 %.
 */
export function ShareEditor({
  legend,
  path,
  entries,
  value,
  onChange,
  absorb,
  removable = false,
  minEntries = 1,
  adder,
  entryPath = (key) => `${path}.${key}`,
  description,
}: ShareEditorProps) {
  const error = useFieldError(path);
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set());
  const units = unitsOf(Object.fromEntries(entries.map((e) => [e.key, value[e.key] ?? 0])));
  const remaining = left(units);
  const emit = (next: Units) => {
    // keys as the entries order them
    onChange(sharesOf(Object.fromEntries(entries.map((e) => [e.key, next[e.key] ?? 0]))));
  };
  const set = (key: string, amount: number) =>
    emit(setShare(units, key, amount, { locked, absorb }));

  return (
    <fieldset className="shares" id={fieldId(path)} tabIndex={-1} data-field={path}>
      <legend className="shares__legend">{legend}</legend>
      {description && <p className="shares__description">{description}</p>}
      <ul className="shares__list">
        {entries.map((entry) => (
          <ShareRow
            key={entry.key}
            entry={entry}
            path={entryPath(entry.key)}
            units={units[entry.key] ?? 0}
            locked={locked.has(entry.key)}
            canLock={entries.length > 2}
            onSet={(amount) => set(entry.key, amount)}
            onLock={() => {
              const next = new Set(locked);
              if (next.has(entry.key)) next.delete(entry.key);
              else next.add(entry.key);
              setLocked(next);
            }}
            onRemove={
              removable && entries.length > minEntries
                ? () => {
                    const next = new Set(locked);
                    next.delete(entry.key);
                    setLocked(next);
                    const rest = removeEntry(units, entry.key);
                    onChange(sharesOf(rest));
                  }
                : undefined
            }
          />
        ))}
      </ul>
      <div className="shares__foot">
        <span
          className={`shares__total${remaining !== 0 ? " shares__total--off" : ""}`}
          data-testid={`shares-total-${path}`}
          aria-live="polite"
        >
          Assigned {formatUnits(total(units))} %
          {remaining === 0
            ? " · nothing left to assign"
            : remaining > 0
              ? ` · ${formatUnits(remaining)} % left to assign`
              : ` · ${formatUnits(-remaining)} % too much`}
        </span>
        {remaining !== 0 && entries.length > 0 && (
          <Button size="sm" onClick={() => emit(normalise(units))}>
            Spread the rest
          </Button>
        )}
      </div>
      {adder}
      {error && (
        <p className="field__error" role="alert" id={`${fieldId(path)}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function ShareRow({
  entry,
  path,
  units,
  locked,
  canLock,
  onSet,
  onLock,
  onRemove,
}: {
  entry: ShareEntry;
  path: string;
  units: number;
  locked: boolean;
  canLock: boolean;
  onSet: (units: number) => void;
  onLock: () => void;
  onRemove?: () => void;
}) {
  const error = useFieldError(path);
  const [text, setText] = useState(formatUnits(units));
  const [typo, setTypo] = useState<string | null>(null);
  // a new value from outside (a rebalance, the JSON view) replaces what was typed
  const [shown, setShown] = useState(units);
  if (shown !== units) {
    setShown(units);
    setText(formatUnits(units));
  }
  const id = fieldId(path);
  const commit = () => {
    const parsed = parsePercent(text);
    if (parsed === null) {
      setTypo("Enter a percentage from 0 to 100.");
      return;
    }
    setTypo(null);
    if (parsed !== units) onSet(parsed);
    else setText(formatUnits(units));
  };
  const message = typo ?? error;
  return (
    <li className={`shares__row${message ? " shares__row--invalid" : ""}`}>
      <label className="shares__label" htmlFor={id}>
        {entry.label}
      </label>
      <input
        type="range"
        className="shares__slider"
        min={0}
        max={WHOLE}
        step={50}
        value={units}
        disabled={locked}
        aria-label={`${entry.name} share (slider)`}
        aria-valuetext={`${formatUnits(units)} %`}
        onChange={(e) => onSet(Number(e.target.value))}
      />
      <span className="shares__input">
        <input
          id={id}
          className="field__control number-input"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          disabled={locked}
          data-field={path}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
        />
        <span aria-hidden="true">%</span>
      </span>
      {canLock && (
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={locked}
          title={locked ? "Locked: keeps its share" : "Lock this share"}
          onClick={onLock}
        >
          Lock<span className="visually-hidden"> {entry.name}</span>
        </Button>
      )}
      {onRemove && (
        <Button size="sm" variant="ghost" onClick={onRemove}>
          Remove<span className="visually-hidden"> {entry.name}</span>
        </Button>
      )}
      {entry.hint && <p className="shares__hint">{entry.hint}</p>}
      {message && (
        <p className="field__error shares__error" id={`${id}-error`} role="alert">
          {message}
        </p>
      )}
    </li>
  );
}

/** A share 0…1 as "45 %" text. */
export function percentText(share: number): string {
  return `${formatUnits(toUnits(share))} %`;
}
