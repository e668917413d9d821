import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Card } from "@/components/ui/card/Card";
import { DateTime } from "@/components/ui/date-time/DateTime";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { Loading } from "@/components/ui/loading/Loading";
import type { MedevacLeg } from "@/lib/api/types";

import { legRoute, mistRows, nineLineRows } from "../lib/handovers";

import "./patients.css";

export interface HandoversSectionProps {
  legs?: MedevacLeg[];
  loading?: boolean;
  error?: unknown;
}

function Leg({ leg }: { leg: MedevacLeg }) {
  const number = leg.leg + 1;
  return (
    <article className="handover" aria-label={`Leg ${number}`}>
      <h3 className="handover__title">
        Leg {number}: {legRoute(leg)}
      </h3>
      <p className="handover__meta">
        Departed <DateTime value={leg.departure} />
        {leg.died_in_transit ? (
          " · died in transit"
        ) : (
          <>
            {" "}
            · arrived <DateTime value={leg.arrival} />
          </>
        )}{" "}
        · triage {leg.triage}
      </p>
      <div className="handover__body">
        <div>
          <h4 className="handover__heading">9-line MEDEVAC request</h4>
          <ol className="nine-line" aria-label={`9-line MEDEVAC request, leg ${number}`}>
            {nineLineRows(leg).map((row) => (
              <li key={row.line} className="nine-line__line" data-line={row.line}>
                <span className="nine-line__number">Line {row.line}</span>
                <span className="nine-line__title">{row.title}</span>
                <span className="nine-line__value">{row.value}</span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h4 className="handover__heading">MIST handover</h4>
          <dl className="mist" aria-label={`MIST handover, leg ${number}`}>
            {mistRows(leg.mist).map((row) => (
              <div key={row.letter} className="mist__row">
                <dt>
                  <abbr title={row.title}>{row.letter}</abbr> {row.title}
                </dt>
                <dd>
                  {row.items.length === 0
                    ? "none"
                    : row.items.length === 1
                      ? row.items[0]
                      : row.items.map((item, i) => <div key={i}>{item}</div>)}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
    </article>
  );
}

/** Each evacuation leg's 9-line MEDEVAC request (standard line order) and MIST handover. */
export function HandoversSection({ legs, loading = false, error }: HandoversSectionProps) {
  return (
    <Card title="Handovers" meta="9-line MEDEVAC and MIST per evacuation leg">
      {error ? (
        <ErrorMessage error={error} title="The handovers could not be loaded." />
      ) : loading || !legs ? (
        <Loading label="Loading the handovers…" />
      ) : legs.length === 0 ? (
        <EmptyState title="No handovers: this patient was never moved." />
      ) : (
        legs.map((leg) => <Leg key={leg.leg} leg={leg} />)
      )}
    </Card>
  );
}
