import type { SpecialEvent } from "@/lib/api/types";

import { EVENT_LABEL } from "../lib/labels";
import { EVENT_HOURS } from "../lib/tempo";

import "./scenarios.css";

export interface EventTimelineProps {
  events: SpecialEvent[];
  durationDays: number;
  /** Called with an event's index when its bar is chosen (to jump to its fields). */
  onSelect?: (index: number) => void;
}

const pad = (n: number) => String(Math.floor(n)).padStart(2, "0");

export function eventWindow(e: SpecialEvent) {
  const hours = e.duration_hours ?? EVENT_HOURS[e.kind] ?? 1;
  const start = (e.day - 1) * 24 + e.hour;
  return { start, end: start + hours, hours };
}

function whenText(e: SpecialEvent): string {
  const { hours } = eventWindow(e);
  const length = hours < 1 ? `${Math.round(hours * 60)} min` : `${hours} h`;
  return `day ${e.day}, ${pad(e.hour)}:00 UTC, ${length}`;
}

/**
 * The special events on the scenario's days: one row per event, a bar from its start (day and
 * hour) for its duration. Each bar is a button that leads to the event's fields.
 */
export function EventTimeline({ events, durationDays, onSelect }: EventTimelineProps) {
  const days = Math.max(1, Math.floor(durationDays) || 1);
  const span = days * 24;
  const ticks = Array.from({ length: days }, (_, i) => i + 1).filter(
    (d) => days <= 31 || d === 1 || d % Math.ceil(days / 15) === 0,
  );
  return (
    <figure className="event-timeline" aria-labelledby="event-timeline-caption">
      <figcaption id="event-timeline-caption" className="event-timeline__caption">
        Special events over {days} days (UTC); a bar per event from its start for its duration
      </figcaption>
      <div className="event-timeline__plot">
        <div className="event-timeline__axis" aria-hidden="true">
          {ticks.map((d) => (
            <span
              key={d}
              className="event-timeline__tick"
              style={{ left: `${(((d - 1) * 24) / span) * 100}%` }}
            >
              {d}
            </span>
          ))}
        </div>
        {events.length === 0 ? (
          <p className="event-timeline__empty">No special events: casualties follow the tempo.</p>
        ) : (
          <ol className="event-timeline__rows">
            {events.map((e, i) => {
              const { start, end } = eventWindow(e);
              const left = Math.min(100, Math.max(0, (start / span) * 100));
              const width = Math.max(0.6, Math.min(100 - left, ((end - start) / span) * 100));
              const outside = end > span || e.day < 1;
              return (
                <li key={i} className="event-timeline__row">
                  <button
                    type="button"
                    className={`event-timeline__bar event-timeline__bar--${e.kind}${outside ? " event-timeline__bar--outside" : ""}`}
                    style={{ left: `${left}%`, width: `${width}%` }}
                    onClick={() => onSelect?.(i)}
                    aria-label={`${i + 1}. ${EVENT_LABEL[e.kind].label}: ${whenText(e)}, ${Math.round(e.share * 1000) / 10} % of casualties${e.front ? `, front ${e.front}` : ""}${outside ? " — ends after the last day" : ""}`}
                  >
                    <span className="event-timeline__label" aria-hidden="true">
                      {i + 1}. {EVENT_LABEL[e.kind].label}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      <p className="event-timeline__legend" aria-hidden="true">
        day →
      </p>
    </figure>
  );
}
