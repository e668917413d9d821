import type { JobStatistics } from "@/lib/api/types";
import { formatCount } from "@/lib/format";

import { OUTCOME_LABEL, ROLE_LABEL } from "@/lib/labels";
import { sankeyLinks, sankeyOption } from "../lib/options";
import { ChartCard } from "@/components/ui/chart/ChartCard";

export function FlowSankey({
  flows,
  onRendered,
}: {
  flows: JobStatistics["flows"];
  onRendered?: () => void;
}) {
  const links = sankeyLinks(flows);
  const label = (id: string) =>
    ROLE_LABEL[id as keyof typeof ROLE_LABEL] ??
    OUTCOME_LABEL[id as keyof typeof OUTCOME_LABEL] ??
    id;
  const top = [...flows].sort((a, b) => b.patients - a.patients)[0];
  return (
    <ChartCard
      title="Patient flow"
      meta="point of injury → Role 1 → Role 2 → Role 3 → Role 4 → outcome"
      summary={
        top
          ? `${links.length} paths; the largest is ${label(top.source)} to ${label(top.target)} with ${formatCount(top.patients)} patients.`
          : "no patients yet."
      }
      option={sankeyOption(flows)}
      height={360}
      empty={links.length === 0}
      onRendered={onRendered}
      testId="chart-sankey"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className="num">
                Patients
              </th>
            </tr>
          </thead>
          <tbody>
            {flows.map((f) => (
              <tr key={`${f.source}-${f.target}`}>
                <td>{label(f.source)}</td>
                <td>{label(f.target)}</td>
                <td className="num">{formatCount(f.patients)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
