import { Badge, TriageBadge } from "@/components/ui/badge/Badge";
import { Card } from "@/components/ui/card/Card";
import { DateTime } from "@/components/ui/date-time/DateTime";
import type { PatientRecord } from "@/lib/api/types";
import { INJURY_LABEL, ROLE_LABEL } from "@/lib/labels";

import { FINAL_LABEL } from "../lib/journey";

import "./patients.css";

/** Who the patient is: name, rank (NATO code and national title), nation, unit, numbers. */
export function PatientIdentity({
  patient,
  nationName,
}: {
  patient: PatientRecord;
  nationName?: string;
}) {
  const d = patient.demographics;
  const dead = patient.final_status === "KIA" || patient.final_status === "DOW";
  const rows: [string, React.ReactNode, string][] = [
    ["Rank", <>{d.rank_title !== d.rank ? `${d.rank_title} (${d.rank})` : d.rank}</>, "rank"],
    [
      "Nation",
      nationName ? `${nationName} (${patient.nationality})` : patient.nationality,
      "nation",
    ],
    ["Unit", d.unit, "unit"],
    ["Service number", <span className="mono">{d.service_number}</span>, "service-number"],
    ["Blood type", d.blood_type, "blood-type"],
    ["Sex", d.sex, "sex"],
    ["Born", d.birth_date, "birth-date"],
    ["Front", patient.front, "front"],
    ["Injury type", INJURY_LABEL[patient.injury_type], "injury-type"],
    ["Injured", <DateTime value={patient.injury_time} />, "injury-time"],
    [
      "Outcome",
      <>
        {dead ? (
          <span className="badge triage triage--dead">{FINAL_LABEL[patient.final_status]}</span>
        ) : (
          FINAL_LABEL[patient.final_status]
        )}{" "}
        at {ROLE_LABEL[patient.final_facility]}
      </>,
      "outcome",
    ],
  ];
  return (
    <Card
      title="Identity"
      meta={
        <>
          <TriageBadge triage={patient.triage} /> <Badge>#{patient.index}</Badge>
        </>
      }
    >
      <dl className="identity" data-testid="identity">
        {rows.map(([label, value, id]) => (
          <div key={id} className="identity__row">
            <dt>{label}</dt>
            <dd data-testid={`identity-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted mono identity__id">id {patient.id}</p>
    </Card>
  );
}
