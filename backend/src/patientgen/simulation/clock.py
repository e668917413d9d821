"""When casualties happen: tempo (day), hourly pattern (hour) and special events.

Tempo profiles give relative weights per day; the hourly pattern comes from the warfare
type for battle casualties and from sick-call / activity patterns for DNBI. Event
casualties are spread uniformly over the event's duration from its start.
"""

from __future__ import annotations

import numpy as np

from patientgen.simulation.enums import Tempo

DAY_S = 86_400
HOUR_S = 3_600


def tempo_weights(tempo: Tempo, days: int) -> np.ndarray:
    d = np.arange(days, dtype=np.float64)
    x = d / max(days - 1, 1)  # 0 on day 1, 1 on the last day
    match tempo:
        case Tempo.SUSTAINED:
            w = np.ones(days)
        case Tempo.ESCALATING:
            w = 1.0 + 2.0 * x  # the last day sees three times the first
        case Tempo.DECLINING:
            w = 3.0 - 2.0 * x
        case Tempo.SURGE:
            w = 1.0 + 4.0 * np.exp(-0.5 * ((x - 0.5) / 0.12) ** 2)  # peak mid-scenario
        case Tempo.INTERMITTENT:
            w = np.where((d // 2) % 2 == 0, 1.0, 0.15)  # two busy days, two quiet ones
    return w


def injury_times(
    start_s: int,
    day_cum: np.ndarray,
    hour_table: np.ndarray,
    hour_key: np.ndarray,
    u_day: np.ndarray,
    u_hour: np.ndarray,
    u_sec: np.ndarray,
) -> np.ndarray:
    day = np.searchsorted(day_cum, u_day, side="right")
    hour = (u_hour[:, None] >= hour_table[hour_key]).sum(axis=1)
    return np.asarray(start_s + day * DAY_S + hour * HOUR_S + (u_sec * HOUR_S).astype(np.int64))
