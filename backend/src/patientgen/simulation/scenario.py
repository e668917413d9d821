"""The scenario model: everything a planner can set, validated with field-named errors.

Every share or probability set (injury mix, front shares, nationality mix, warfare
weights, triage weights, outcome probabilities) must sum to 1 within 1e-6; nothing is
silently normalised, so what the planner typed is what the generator uses.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

from patientgen.simulation.enums import (
    Environment,
    EventKind,
    Tempo,
    WarfareType,
)
from patientgen.simulation.reference.nations import NATION_INDEX

TOLERANCE = 1e-6
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
# Every time a patient's journey takes stays within what dates can express and exports can read.
EARLIEST_START = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_END = datetime(2200, 1, 1, tzinfo=UTC)
MAX_MINUTES = 7 * 24 * 60  # one treatment or one transit: at most a week
MAX_PATIENTS = 100_000_000  # of a scenario's default and of any job
EVENT_DEFAULT_HOURS = {
    EventKind.MASS_CASUALTY: 1.0,
    EventKind.MAJOR_OFFENSIVE: 48.0,
    EventKind.AMBUSH: 0.5,
}


def _check_sum(values: list[float], what: str) -> None:
    total = math.fsum(values)
    if abs(total - 1.0) > TOLERANCE:
        raise ValueError(f"{what} must sum to 1 (got {total:.6g})")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class MinutesRange(_Model):
    """A uniform range in minutes."""

    min: float = Field(ge=0.0, le=MAX_MINUTES)
    max: float = Field(ge=0.0, le=MAX_MINUTES)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) must not be below min ({self.min})")
        return self


class PerTriageMinutes(_Model):
    T1: MinutesRange
    T2: MinutesRange
    T3: MinutesRange
    T4: MinutesRange


class TriageWeights(_Model):
    """Shares of T1..T4; must sum to 1."""

    T1: Probability
    T2: Probability
    T3: Probability
    T4: Probability

    @model_validator(mode="after")
    def _sums(self) -> Self:
        _check_sum([self.T1, self.T2, self.T3, self.T4], "triage weights")
        return self


class PerTriageProbability(_Model):
    T1: Probability
    T2: Probability
    T3: Probability
    T4: Probability


class Outcome(_Model):
    """What happens to a patient at a facility: die there, return to duty, or move on;
    die + rtd + evacuate must sum to 1."""

    die: Probability
    rtd: Probability
    evacuate: Probability

    @model_validator(mode="after")
    def _sums(self) -> Self:
        _check_sum([self.die, self.rtd, self.evacuate], "die + rtd + evacuate")
        return self


class PerTriageOutcome(_Model):
    T1: Outcome
    T2: Outcome
    T3: Outcome
    T4: Outcome


class OutcomeTable(_Model):
    """Outcome probabilities per injury type and triage category."""

    disease: PerTriageOutcome
    non_battle_injury: PerTriageOutcome
    battle_injury: PerTriageOutcome


class InjuryMix(_Model):
    """Shares of disease, non-battle injury and battle injury; must sum to 1."""

    disease: Probability
    non_battle_injury: Probability
    battle_injury: Probability

    @model_validator(mode="after")
    def _sums(self) -> Self:
        _check_sum([self.disease, self.non_battle_injury, self.battle_injury], "injury mix")
        return self


class TriageByInjury(_Model):
    disease: TriageWeights
    non_battle_injury: TriageWeights
    battle_injury: TriageWeights


class Front(_Model):
    """A front: its share of all casualties and the nations fighting there."""

    name: str = Field(min_length=1, max_length=100)
    share: float = Field(gt=0.0, le=1.0, description="Share of all casualties on this front")
    nationality_mix: dict[str, Probability] = Field(
        min_length=1, description="ISO 3166 alpha-3 NATO nation -> share; must sum to 1"
    )

    @field_validator("nationality_mix")
    @classmethod
    def _nations(cls, mix: dict[str, float]) -> dict[str, float]:
        unknown = sorted(k for k in mix if k not in NATION_INDEX)
        if unknown:
            raise ValueError(f"unknown nation code(s) {unknown}; use ISO 3166 alpha-3 of NATO")
        _check_sum(list(mix.values()), "nationality mix")
        return mix


class SpecialEvent(_Model):
    """A burst of casualties: `day` at most the scenario's `duration_days`, ending (hour plus
    `duration_hours`) by the end of the last day; `front`, if given, one of the scenario's
    fronts. The shares of all events add up to at most 0.9."""

    kind: EventKind
    day: int = Field(ge=1, description="Day of the scenario, 1 = the start day")
    hour: int = Field(ge=0, le=23, description="UTC hour the event starts")
    share: float = Field(gt=0.0, le=0.5, description="Size: share of all casualties")
    duration_hours: float | None = Field(
        default=None, gt=0.0, le=168.0, description="Default by kind: 1, 48 or 0.5 hours"
    )
    front: str | None = Field(default=None, description="Front name; default: any front")
    triage: TriageWeights | None = Field(
        default=None, description="Triage weights for its casualties; default by kind"
    )

    @property
    def hours(self) -> float:
        return self.duration_hours or EVENT_DEFAULT_HOURS[self.kind]

    @property
    def start_hour(self) -> int:
        """Hours from the start of day 1."""
        return (self.day - 1) * 24 + self.hour


class Facility(_Model):
    present: StrictBool = True
    name: str = Field(min_length=1, max_length=100)
    capacity_per_hour: float | None = Field(
        default=None, gt=0.0, description="Admissions per hour the role can absorb (not POI)"
    )
    treatment_minutes: PerTriageMinutes
    outcomes: OutcomeTable | None = Field(default=None, description="POI..R3; not at R4")
    bypass: PerTriageProbability | None = Field(
        default=None, description="R1..R3: chance a patient sent here skips it"
    )


class Chain(_Model):
    """The treatment chain. POI must be present, and at least one of R1..R3. Every present role
    but POI needs `capacity_per_hour`; POI..R3 need `outcomes`, R4 has none (arrivals there are
    evacuated); only R1..R3 may have `bypass`."""

    POI: Facility
    R1: Facility
    R2: Facility
    R3: Facility
    R4: Facility

    @model_validator(mode="after")
    def _roles(self) -> Self:
        if not self.POI.present:
            raise ValueError("POI: the point of injury must be present")
        if not (self.R1.present or self.R2.present or self.R3.present):
            raise ValueError("empty chain: at least one of R1, R2, R3 must be present")
        for role in ("POI", "R1", "R2", "R3", "R4"):
            fac: Facility = getattr(self, role)
            if role == "R4":
                if fac.outcomes is not None:
                    raise ValueError("R4.outcomes: arrivals at Role 4 are evacuated; omit it")
            elif fac.outcomes is None:
                raise ValueError(f"{role}.outcomes: required")
            if role in ("POI", "R4") and fac.bypass is not None:
                raise ValueError(f"{role}.bypass: only R1..R3 can be bypassed")
            if role == "POI" and fac.capacity_per_hour is not None:
                raise ValueError("POI.capacity_per_hour: the point of injury has no capacity")
            if role != "POI" and fac.present and fac.capacity_per_hour is None:
                raise ValueError(f"{role}.capacity_per_hour: required for a present role")
        return self


class TransitTimes(_Model):
    """Minutes from leaving the previous facility to arriving at R1, R2, R3 or R4."""

    R1: PerTriageMinutes
    R2: PerTriageMinutes
    R3: PerTriageMinutes
    R4: PerTriageMinutes


class Scenario(_Model):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    start: datetime = Field(
        description="Start of day 1, UTC (naive times are taken as UTC); the scenario must lie"
        " between 1900-01-01 and 2200-01-01"
    )
    duration_days: int = Field(
        ge=1, le=365, description="The last day plus 60 days of care must end before 2200"
    )
    patients: int = Field(ge=1, le=MAX_PATIENTS, description="Default patient count of a job")
    fronts: list[Front] = Field(
        min_length=1, max_length=20, description="Unique names; shares must sum to 1"
    )
    injury_mix: InjuryMix
    warfare: dict[WarfareType, Probability] = Field(
        min_length=1, description="Warfare type -> weight among battle casualties; sum 1"
    )
    intensity: float = Field(
        default=1.0, ge=0.25, le=4.0, description="Severity multiplier on battle triage"
    )
    tempo: Tempo = Tempo.SUSTAINED
    special_events: list[SpecialEvent] = Field(
        default_factory=list, max_length=50, description="Shares add up to at most 0.9"
    )
    environment: list[Environment] = Field(
        default_factory=list, description="Each condition at most once"
    )
    chain: Chain
    transit_minutes: TransitTimes
    triage_weights: TriageByInjury

    @field_validator("start")
    @classmethod
    def _utc(cls, v: datetime) -> datetime:
        v = v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)
        if not EARLIEST_START <= v < LATEST_END:
            raise ValueError(
                f"must lie between {EARLIEST_START:%Y-%m-%d} and {LATEST_END:%Y-%m-%d}"
            )
        return v

    @model_validator(mode="after")
    def _ends_in_range(self) -> Self:
        if self.start + timedelta(days=self.duration_days + 60) >= LATEST_END:
            raise ValueError(
                f"start: the scenario and its patients' care (up to 60 days after its last day)"
                f" must end before {LATEST_END:%Y-%m-%d}"
            )
        return self

    @field_validator("warfare")
    @classmethod
    def _warfare(cls, v: dict[WarfareType, float]) -> dict[WarfareType, float]:
        _check_sum(list(v.values()), "warfare weights")
        return v

    @field_validator("environment")
    @classmethod
    def _unique_env(cls, v: list[Environment]) -> list[Environment]:
        if len(set(v)) != len(v):
            raise ValueError("environment conditions must not repeat")
        return v

    @field_validator("fronts")
    @classmethod
    def _fronts(cls, v: list[Front]) -> list[Front]:
        names = [f.name for f in v]
        if len(set(names)) != len(names):
            raise ValueError("front names must be unique")
        _check_sum([f.share for f in v], "front shares")
        return v

    @model_validator(mode="after")
    def _events(self) -> Self:
        names = {f.name for f in self.fronts}
        total = 0.0
        for i, ev in enumerate(self.special_events):
            if ev.day > self.duration_days:
                raise ValueError(
                    f"special_events.{i}.day: day {ev.day} is after the last day "
                    f"({self.duration_days})"
                )
            if ev.start_hour + ev.hours > self.duration_days * 24:
                raise ValueError(
                    f"special_events.{i}.duration_hours: the event (day {ev.day}, hour {ev.hour},"
                    f" {ev.hours:g} h) runs past the scenario's end (day {self.duration_days})"
                )
            if ev.front is not None and ev.front not in names:
                raise ValueError(f"special_events.{i}.front: unknown front {ev.front!r}")
            total += ev.share
        if total > 0.9:
            raise ValueError(f"special_events: shares add up to {total:.3g}; at most 0.9")
        return self
