import { Button } from "@/components/ui/button/Button";
import { CheckboxField, SelectField } from "@/components/ui/field/Field";
import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";
import type { EventKind, SpecialEvent, TriageWeights } from "@/lib/api/types";
import { TRIAGES } from "@/lib/labels";

import { fieldId } from "../lib/fields";
import { EVENT_LABEL } from "../lib/labels";
import { EVENT_HOURS } from "../lib/tempo";
import { EventTimeline } from "./EventTimeline";
import { useFieldError } from "./field-errors";
import { NumberField } from "./NumberField";
import { ShareEditor } from "./ShareEditor";

import "./scenarios.css";

const KINDS = Object.keys(EVENT_LABEL) as EventKind[];

export interface SpecialEventsEditorProps {
  events: SpecialEvent[];
  fronts: string[];
  durationDays: number;
  onChange: (events: SpecialEvent[]) => void;
}

/** Bursts of casualties: a list of events with their fields, and the same on a day/hour timeline. */
export function SpecialEventsEditor({
  events,
  fronts,
  durationDays,
  onChange,
}: SpecialEventsEditorProps) {
  const error = useFieldError("special_events");
  const used = events.reduce((a, e) => a + (Number.isFinite(e.share) ? e.share : 0), 0);
  const set = (i: number, next: SpecialEvent) =>
    onChange(events.map((e, j) => (j === i ? next : e)));
  const focus = (i: number) => {
    const element = document.getElementById(fieldId(`special_events.${i}.kind`));
    element?.scrollIntoView({ block: "center" });
    element?.focus();
  };
  return (
    <div
      className="events"
      id={fieldId("special_events")}
      tabIndex={-1}
      data-field="special_events"
    >
      <EventTimeline events={events} durationDays={durationDays} onSelect={focus} />
      <p className="events__total" data-testid="events-share">
        Events take {Math.round(used * 1000) / 10} % of all casualties (at most 90 %); the rest
        follow the tempo.
      </p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <ol className="events__list">
        {events.map((event, i) => (
          <li key={i} className="events__item">
            <EventFields
              index={i}
              event={event}
              fronts={fronts}
              onChange={(next) => set(i, next)}
              onRemove={() => onChange(events.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ol>
      <Button
        onClick={() =>
          onChange([
            ...events,
            {
              kind: "ambush",
              day: Math.min(Math.max(1, Math.floor(durationDays / 2)), durationDays),
              hour: 6,
              share: 0.01,
              duration_hours: null,
              front: null,
              triage: null,
            },
          ])
        }
        disabled={events.length >= 50}
      >
        Add special event
      </Button>
    </div>
  );
}

function EventFields({
  index,
  event,
  fronts,
  onChange,
  onRemove,
}: {
  index: number;
  event: SpecialEvent;
  fronts: string[];
  onChange: (event: SpecialEvent) => void;
  onRemove: () => void;
}) {
  const at = `special_events.${index}`;
  const error = useFieldError(at);
  const kindError = useFieldError(`${at}.kind`);
  const frontError = useFieldError(`${at}.front`);
  const triageError = useFieldError(`${at}.triage`);
  const frontOptions = [
    { value: "", label: "Any front" },
    ...fronts.map((f) => ({ value: f, label: f })),
    ...(event.front && !fronts.includes(event.front)
      ? [{ value: event.front, label: `${event.front} (no such front)` }]
      : []),
  ];
  return (
    <fieldset className="event" id={fieldId(at)} tabIndex={-1} data-field={at}>
      <legend>
        Event {index + 1}: {EVENT_LABEL[event.kind].label}
      </legend>
      <div className="form-grid">
        <SelectField
          id={fieldId(`${at}.kind`)}
          label="Kind"
          hint={EVENT_LABEL[event.kind].effect}
          error={kindError}
          value={event.kind}
          options={KINDS.map((k) => ({ value: k, label: EVENT_LABEL[k].label }))}
          onChange={(e) => onChange({ ...event, kind: e.target.value as EventKind })}
        />
        <NumberField
          label="Day"
          path={`${at}.day`}
          integer
          hint="1 = the start day"
          value={event.day}
          onChange={(day) => onChange({ ...event, day: day ?? 1 })}
        />
        <NumberField
          label="Hour (UTC)"
          path={`${at}.hour`}
          integer
          hint="0–23"
          value={event.hour}
          onChange={(hour) => onChange({ ...event, hour: hour ?? 0 })}
        />
        <NumberField
          label="Share of all casualties"
          unit="%"
          path={`${at}.share`}
          scale={100}
          hint="above 0, at most 50 %"
          value={event.share}
          onChange={(share) => onChange({ ...event, share: share ?? 0 })}
        />
        <NumberField
          label="Duration"
          unit="hours"
          path={`${at}.duration_hours`}
          optional
          placeholder={`${EVENT_HOURS[event.kind]} (default)`}
          hint="empty: the kind's default"
          value={event.duration_hours ?? null}
          onChange={(hours) => onChange({ ...event, duration_hours: hours })}
        />
        <SelectField
          id={fieldId(`${at}.front`)}
          label="Front"
          error={frontError}
          value={event.front ?? ""}
          options={frontOptions}
          onChange={(e) => onChange({ ...event, front: e.target.value || null })}
        />
      </div>
      <CheckboxField
        label="Own triage weights"
        hint="Otherwise the kind's default triage."
        checked={Boolean(event.triage)}
        onChange={(e) =>
          onChange({
            ...event,
            triage: e.target.checked ? { T1: 0.3, T2: 0.25, T3: 0.3, T4: 0.15 } : null,
          })
        }
      />
      {triageError && !event.triage && (
        <p className="field__error" role="alert">
          {triageError}
        </p>
      )}
      {event.triage && (
        <ShareEditor
          legend={`Triage of event ${index + 1}`}
          path={`${at}.triage`}
          entries={TRIAGES.map((t) => ({
            key: t,
            label: TRIAGE_LABEL[t],
            name: `${t} of event ${index + 1}`,
          }))}
          value={event.triage}
          onChange={(triage) => onChange({ ...event, triage: triage as TriageWeights })}
        />
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <Button variant="ghost" size="sm" onClick={onRemove}>
        Remove event {index + 1}
      </Button>
    </fieldset>
  );
}
