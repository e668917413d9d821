import { Stat, StatGroup } from "@/components/ui/stat/Stat";
import type { JobStatistics } from "@/lib/api/types";
import { formatCount, formatPercent } from "@/lib/format";

import { outcomeColor, primaryColor } from "@/lib/charts/colors";
import { OUTCOME_LABEL, OUTCOMES } from "@/lib/labels";

/** Patients in view and each outcome with its share. */
export function KeyFigures({ statistics }: { statistics: JobStatistics }) {
  const total = statistics.patients;
  return (
    <StatGroup label="Key figures">
      <Stat
        label="Patients"
        value={formatCount(total)}
        testId="kpi-patients"
        accent={primaryColor()}
        note={
          statistics.generated < total
            ? undefined
            : statistics.status === "running"
              ? "so far"
              : undefined
        }
      />
      {OUTCOMES.map((status) => {
        const count = statistics.counts.final_status[status] ?? 0;
        return (
          <Stat
            key={status}
            label={OUTCOME_LABEL[status]}
            value={formatCount(count)}
            note={total ? formatPercent(count / total) : undefined}
            testId={`kpi-${status.toLowerCase()}`}
            accent={outcomeColor(status)}
          />
        );
      })}
    </StatGroup>
  );
}
