import { Card } from "@/components/ui/card/Card";
import { DateTime } from "@/components/ui/date-time/DateTime";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { TableScroll } from "@/components/ui/table/TableScroll";
import type { Condition, Treatment } from "@/lib/api/types";
import { ROLE_LABEL } from "@/lib/labels";

import "./patients.css";

/** Diagnoses (SNOMED CT): code, display, body site, severity. */
export function ConditionsTable({ conditions }: { conditions: Condition[] }) {
  return (
    <Card title="Conditions" meta="SNOMED CT">
      {conditions.length === 0 ? (
        <EmptyState title="No conditions recorded." />
      ) : (
        <TableScroll label="Conditions">
          <table>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Condition</th>
                <th scope="col">Body site</th>
                <th scope="col">Severity</th>
              </tr>
            </thead>
            <tbody>
              {conditions.map((c, i) => (
                <tr key={i}>
                  <td className="mono">{c.code}</td>
                  <td>{c.display}</td>
                  <td>{c.body_site ?? "systemic"}</td>
                  <td>{c.severity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Card>
  );
}

/** Procedures in time order, with where they were done. */
export function TreatmentsTable({ treatments }: { treatments: Treatment[] }) {
  return (
    <Card title="Treatments" meta="SNOMED CT procedures">
      {treatments.length === 0 ? (
        <EmptyState title="No treatment recorded (died before care, or none needed)." />
      ) : (
        <TableScroll label="Treatments">
          <table>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Facility</th>
                <th scope="col">Code</th>
                <th scope="col">Treatment</th>
              </tr>
            </thead>
            <tbody>
              {treatments.map((t, i) => (
                <tr key={i}>
                  <td>
                    <DateTime value={t.time} />
                  </td>
                  <td>{ROLE_LABEL[t.facility]}</td>
                  <td className="mono">{t.code}</td>
                  <td>{t.display}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Card>
  );
}
