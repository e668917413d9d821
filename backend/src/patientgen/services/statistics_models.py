"""The shape of a job's dashboard statistics: built by services.statistics, stored with a finished
job, served by GET /jobs/{id}/statistics and typed in the web app from the OpenAPI document."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from patientgen.simulation.enums import FinalStatus, InjuryType, Role, Triage

# Bump when the shape changes: statistics stored under another version are computed again.
STATISTICS_VERSION = 2


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StatisticsFilters(_Model):
    """The subset the statistics describe; null means all."""

    front: str | None = None
    nationality: str | None = None
    injury_type: InjuryType | None = None

    @property
    def is_empty(self) -> bool:
        return self.front is None and self.nationality is None and self.injury_type is None

    def cache_suffix(self) -> str:
        return "|".join(f"{k}={v}" for k, v in self.model_dump(mode="json").items() if v)


class Counts(_Model):
    """Patients per value of each record field (values with no patients are absent)."""

    nationality: dict[str, int]
    front: dict[str, int]
    injury_type: dict[InjuryType, int]
    triage: dict[Triage, int]
    final_status: dict[FinalStatus, int]


class Flow(_Model):
    """One Sankey edge: between facilities (POI, R1…R4) or from the last one to the outcome."""

    source: Role
    target: Role | FinalStatus
    patients: int


class InjuriesOnDay(_Model):
    date: str = Field(description="UTC day, YYYY-MM-DD.")
    patients: int
    triage: dict[Triage, int] = Field(description="The day's patients by triage.")


class InjuriesInHour(_Model):
    hour: str = Field(description="Start of the UTC hour, ISO 8601.")
    patients: int


class InjuriesByHourOfDay(_Model):
    hour_of_day: int = Field(ge=0, le=23, description="UTC hour of day.")
    patients: int


class Injuries(_Model):
    per_day: list[InjuriesOnDay]
    per_hour: list[InjuriesInHour]
    per_hour_of_day: list[InjuriesByHourOfDay] = Field(description="All 24 hours, in order.")


class FacilityHour(_Model):
    hour: str = Field(description="Start of the UTC hour, ISO 8601.")
    arrivals: int
    occupancy: int = Field(description="Patients present at some time during the hour.")


class FacilityLoad(_Model):
    name: str
    present: bool
    capacity_per_hour: float | None = Field(description="Admissions per hour (scenario).")
    admissions: int
    peak_arrivals_per_hour: int
    peak_occupancy: int
    hours_over_capacity: int = Field(description="Hours whose arrivals exceeded the capacity.")
    hourly: list[FacilityHour]


class Delay(_Model):
    """Minutes from injury, at minute resolution; null when no patient got there."""

    patients: int
    mean_min: float | None
    median_min: int | None
    p90_min: int | None


class JobStatistics(_Model):
    version: int = STATISTICS_VERSION
    job_id: str | None = Field(description="null for a scenario preview.")
    status: str = Field(description="The job's status, or `preview`.")
    patients: int = Field(description="Patients described (after the filters).")
    generated: int = Field(description="Patients the job had written when these were computed.")
    filters: StatisticsFilters
    counts: Counts
    flows: list[Flow]
    injuries: Injuries
    facilities: dict[Role, FacilityLoad] = Field(description="R1…R4.")
    time_to_first_treatment: dict[Triage, Delay]
    time_to_first_mtf: dict[Triage, Delay] = Field(description="To the first Role 1–3 arrival.")
