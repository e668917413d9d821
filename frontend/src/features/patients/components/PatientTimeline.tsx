import { Card } from "@/components/ui/card/Card";
import { DateTime } from "@/components/ui/date-time/DateTime";
import type { PatientRecord, Role, Triage } from "@/lib/api/types";
import { formatMinutes } from "@/lib/format";
import { ROLE_LABEL, ROLES } from "@/lib/labels";

import { EVENT_LABEL, FINAL_LABEL, journey, minutesBetween, type Stay } from "../lib/journey";

import "./patients.css";

const ms = (iso: string) => new Date(iso).getTime();

function endText(stay: Stay): string {
  if (stay.end.kind === "departure")
    return stay.end.destination === "OUT_OF_THEATRE"
      ? "evacuated out of theatre"
      : `sent on to ${ROLE_LABEL[stay.end.destination as Role] ?? stay.end.destination}`;
  return EVENT_LABEL[stay.end.event].toLowerCase();
}

/**
 * The journey through the chain: a lane per role with the time spent there (the wait before
 * treatment hatched), and the same as an ordered list of events with their times.
 */
export function PatientTimeline({ patient }: { patient: PatientRecord }) {
  const stays = journey(patient);
  const start = ms(patient.timeline[0]?.time ?? patient.injury_time);
  const end = Math.max(start + 60_000, ...patient.timeline.map((e) => ms(e.time)));
  const span = end - start;
  const x = (iso: string) => ((ms(iso) - start) / span) * 100;
  const triage = patient.triage.toLowerCase() as Lowercase<Triage>;
  const dead = patient.final_status === "KIA" || patient.final_status === "DOW";
  return (
    <Card
      title="Journey"
      meta={`${formatMinutes(span / 60_000)} from injury to ${FINAL_LABEL[patient.final_status].toLowerCase()}`}
    >
      <div className="journey" aria-hidden="true" data-testid="journey-lanes">
        {ROLES.map((role) => {
          const here = stays.filter((s) => s.role === role);
          return (
            <div
              key={role}
              className={`journey__lane${here.length ? "" : " journey__lane--empty"}`}
            >
              <span className="journey__role">{role}</span>
              <div className="journey__track">
                {here.map((s, i) => {
                  const left = x(s.from);
                  const width = Math.max(0.8, x(s.to) - left);
                  const wait = s.waitMinutes
                    ? Math.min(
                        100,
                        ((s.waitMinutes * 60_000) / Math.max(1, ms(s.to) - ms(s.from))) * 100,
                      )
                    : 0;
                  const final = s.end.kind === "outcome";
                  return (
                    <span
                      key={i}
                      className={`journey__stay journey__stay--${final && dead ? "dead" : triage}`}
                      style={{ left: `${left}%`, width: `${width}%` }}
                      title={`${ROLE_LABEL[role]}: ${formatMinutes(minutesBetween(s.from, s.to))}`}
                    >
                      {wait > 0 && <span className="journey__wait" style={{ width: `${wait}%` }} />}
                    </span>
                  );
                })}
              </div>
            </div>
          );
        })}
        <div className="journey__axis">
          <span>injury</span>
          <span>+{formatMinutes(span / 60_000)}</span>
        </div>
      </div>
      <ol className="journey__stays" data-testid="journey-stays">
        {stays.map((s, i) => (
          <li key={i} data-role={s.role} data-time={s.from} className="journey__stop">
            <strong>{ROLE_LABEL[s.role]}</strong>
            {s.name ? ` — ${s.name}` : ""}: {s.role === "POI" ? "injured" : "arrived"}{" "}
            <DateTime value={s.from} />
            {s.waitMinutes ? `, waited ${formatMinutes(s.waitMinutes)} before treatment` : ""},{" "}
            {endText(s)} <DateTime value={s.to} /> ({formatMinutes(minutesBetween(s.from, s.to))}{" "}
            there)
          </li>
        ))}
      </ol>
      <details className="journey__events">
        <summary>Every event ({patient.timeline.length})</summary>
        <table className="table">
          <caption className="visually-hidden">Timeline events in time order</caption>
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Event</th>
              <th scope="col">Facility</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {patient.timeline.map((e, i) => (
              <tr key={i} data-event={e.event}>
                <td>
                  <DateTime value={e.time} seconds />
                </td>
                <td>{EVENT_LABEL[e.event]}</td>
                <td>{ROLE_LABEL[e.facility]}</td>
                <td>
                  {[
                    e.facility_name,
                    e.wait_minutes ? `waited ${formatMinutes(e.wait_minutes)}` : null,
                    e.destination
                      ? `to ${e.destination === "OUT_OF_THEATRE" ? "out of theatre" : e.destination}`
                      : null,
                    e.mechanism,
                    e.warfare,
                    e.special_event?.replace("_", " "),
                    e.in_transit ? "in transit" : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}
