import type { FacilityLoad, Role } from "@/lib/api/types";
import { formatCount, formatDecimal, formatUtc } from "@/lib/format";

import { ROLE_LABEL } from "@/lib/labels";
import { facilityOption } from "../lib/options";
import { ChartCard } from "@/components/ui/chart/ChartCard";

/** Arrivals and occupancy per hour at one Role, against its capacity; hours over it in red. */
export function FacilityLoadChart({
  role,
  load,
  onRendered,
}: {
  role: Role;
  load: FacilityLoad;
  onRendered?: () => void;
}) {
  const capacity = load.capacity_per_hour;
  const over = (arrivals: number) => capacity !== null && arrivals > capacity;
  return (
    <ChartCard
      title={`${ROLE_LABEL[role]} load`}
      meta={load.name}
      summary={`${formatCount(load.admissions)} admissions, peak ${formatCount(load.peak_arrivals_per_hour)} arrivals per hour against a capacity of ${capacity === null ? "none set" : formatDecimal(capacity)}, ${formatCount(load.hours_over_capacity)} hours over capacity, peak occupancy ${formatCount(load.peak_occupancy)}.`}
      option={facilityOption(load)}
      height={240}
      empty={load.hourly.length === 0}
      emptyText="No arrivals here in this view."
      onRendered={onRendered}
      testId={`chart-facility-${role}`}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Hour (UTC)</th>
              <th scope="col" className="num">
                Arrivals
              </th>
              <th scope="col" className="num">
                Occupancy
              </th>
              <th scope="col">Over capacity</th>
            </tr>
          </thead>
          <tbody>
            {load.hourly.map((h) => (
              <tr key={h.hour}>
                <td>{formatUtc(h.hour)}</td>
                <td className="num">{formatCount(h.arrivals)}</td>
                <td className="num">{formatCount(h.occupancy)}</td>
                <td>{over(h.arrivals) ? "yes" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <p className="facility-card__facts">
        <span>capacity {capacity === null ? "–" : `${formatDecimal(capacity)}/h`}</span>
        <span>admissions {formatCount(load.admissions)}</span>
        <span>peak {formatCount(load.peak_arrivals_per_hour)}/h</span>
        <span>peak occupancy {formatCount(load.peak_occupancy)}</span>
        <span className={load.hours_over_capacity > 0 ? "facility-card__over" : undefined}>
          {formatCount(load.hours_over_capacity)} h over capacity
        </span>
      </p>
    </ChartCard>
  );
}
