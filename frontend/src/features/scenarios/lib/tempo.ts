import type { Scenario, Tempo } from "@/lib/api/types";

// The tempo curves as the simulation applies them (docs/simulation.md, "Tempo"): relative
// casualties per day, x = 0 on day 1 … 1 on the last day.
export function tempoWeight(tempo: Tempo, day: number, days: number): number {
  const x = days > 1 ? (day - 1) / (days - 1) : 0;
  switch (tempo) {
    case "sustained":
      return 1;
    case "escalating":
      return 1 + 2 * x;
    case "declining":
      return 3 - 2 * x;
    case "surge":
      return 1 + 4 * Math.exp(-0.5 * ((x - 0.5) / 0.12) ** 2);
    case "intermittent":
      return (day - 1) % 4 < 2 ? 1 : 0.15;
  }
}

/** Default duration of each kind of special event, in hours. */
export const EVENT_HOURS = { mass_casualty: 1, major_offensive: 48, ambush: 0.5 } as const;

export interface ExpectedDay {
  day: number;
  /** Casualties the tempo gives this day. */
  tempo: number;
  /** Casualties of special events this day. */
  events: number;
}

/**
 * Expected casualties per day of a job of `patients`: the share not taken by special events
 * follows the tempo curve; each event's share falls in its hours.
 */
export function expectedPerDay(s: Scenario, patients = s.patients): ExpectedDay[] {
  const days = Math.max(1, Math.min(365, Math.floor(s.duration_days) || 1));
  const events = s.special_events ?? [];
  const eventShare = events.reduce((a, e) => a + (Number.isFinite(e.share) ? e.share : 0), 0);
  const tempo = s.tempo ?? "sustained";
  const weights = Array.from({ length: days }, (_, i) => tempoWeight(tempo, i + 1, days));
  const sum = weights.reduce((a, b) => a + b, 0);
  const base = patients * Math.max(0, 1 - eventShare);
  const out: ExpectedDay[] = weights.map((w, i) => ({
    day: i + 1,
    tempo: sum > 0 ? (base * w) / sum : 0,
    events: 0,
  }));
  for (const e of events) {
    const hours = e.duration_hours ?? EVENT_HOURS[e.kind] ?? 1;
    const start = (e.day - 1) * 24 + e.hour;
    const end = start + hours;
    const size = patients * (Number.isFinite(e.share) ? e.share : 0);
    if (!(hours > 0) || !(size > 0)) continue;
    for (let d = Math.floor(start / 24); d * 24 < end && d < days; d += 1) {
      if (d < 0) continue;
      const overlap = Math.min(end, (d + 1) * 24) - Math.max(start, d * 24);
      if (overlap > 0) out[d]!.events += (size * overlap) / hours;
    }
  }
  return out;
}

/**
 * The battle triage mix at an intensity (docs/simulation.md): the odds of T1 and T4 × intensity,
 * T2 × √intensity, then renormalised.
 */
export function battleTriageAt(
  weights: Record<"T1" | "T2" | "T3" | "T4", number>,
  intensity: number,
): Record<"T1" | "T2" | "T3" | "T4", number> {
  const raw = {
    T1: weights.T1 * intensity,
    T2: weights.T2 * Math.sqrt(intensity),
    T3: weights.T3,
    T4: weights.T4 * intensity,
  };
  const sum = raw.T1 + raw.T2 + raw.T3 + raw.T4;
  if (!(sum > 0)) return { T1: 0, T2: 0, T3: 0, T4: 0 };
  return { T1: raw.T1 / sum, T2: raw.T2 / sum, T3: raw.T3 / sum, T4: raw.T4 / sum };
}
