"""The built-in presets. Each is built as JSON-able data and validated as a Scenario."""

from __future__ import annotations

from collections.abc import Callable

from patientgen.simulation.presets.defaults import TRANSIT, TRIAGE_WEIGHTS, J, chain

DEFAULT_PRESET = "large_scale_conventional"


def _base(**over: object) -> J:
    data: J = {
        "start": "2030-06-01T00:00:00Z",
        "intensity": 1.0,
        "special_events": [],
        "environment": [],
        "chain": chain(),
        "transit_minutes": TRANSIT,
        "triage_weights": TRIAGE_WEIGHTS,
    }
    data.update(over)
    return data


def large_scale_conventional() -> J:
    # Major combat: battle share 36.6% of hospitalised casualties (Zouris et al. 2008).
    return _base(
        name="Large-scale conventional",
        description="Corps-level defensive and counter-offensive operations on two fronts "
        "with a rear area; escalating tempo, one mass-casualty event and a major offensive.",
        duration_days=30,
        patients=20_000,
        fronts=[
            {"name": "North", "share": 0.45, "nationality_mix": {
                "POL": 0.30, "DEU": 0.20, "USA": 0.20, "LTU": 0.08, "LVA": 0.06,
                "EST": 0.06, "NLD": 0.05, "NOR": 0.05}},
            {"name": "South", "share": 0.35, "nationality_mix": {
                "ROU": 0.30, "USA": 0.20, "FRA": 0.20, "ITA": 0.10, "BGR": 0.10,
                "HUN": 0.05, "TUR": 0.05}},
            {"name": "Rear area", "share": 0.20, "nationality_mix": {
                "GBR": 0.25, "CAN": 0.15, "ESP": 0.15, "BEL": 0.10, "CZE": 0.10,
                "SVK": 0.10, "DNK": 0.10, "PRT": 0.05}},
        ],
        injury_mix={"disease": 0.38, "non_battle_injury": 0.25, "battle_injury": 0.37},
        warfare={"conventional": 0.5, "artillery": 0.25, "drone": 0.15, "urban": 0.10},
        tempo="escalating",
        special_events=[
            {"kind": "mass_casualty", "day": 10, "hour": 6, "share": 0.01, "front": "North"},
            {"kind": "major_offensive", "day": 20, "hour": 4, "share": 0.05},
        ],
    )  # fmt: skip


def peacekeeping() -> J:
    # Low-intensity: UK 2015-21, 1,434 casualties: 3 battle, 669 NBI, 762 disease.
    return _base(
        name="Peacekeeping",
        description="Six-month stability operation in a hot, dusty theatre; mostly disease "
        "and non-battle injury, an occasional ambush.",
        duration_days=180,
        patients=2_000,
        fronts=[{"name": "Mission area", "share": 1.0, "nationality_mix": {
            "ITA": 0.25, "ESP": 0.2, "FRA": 0.15, "POL": 0.1, "SVN": 0.1, "HRV": 0.1,
            "ALB": 0.05, "MNE": 0.05}}],
        injury_mix={"disease": 0.52, "non_battle_injury": 0.45, "battle_injury": 0.03},
        warfare={"peacekeeping": 0.7, "guerrilla": 0.3},
        intensity=0.6,
        tempo="sustained",
        special_events=[{"kind": "ambush", "day": 40, "hour": 9, "share": 0.005}],
        environment=["extreme_heat", "dust"],
        chain=chain(capacity=(20, 10, 8, 5)),
    )  # fmt: skip


def cbrn() -> J:
    return _base(
        name="CBRN",
        description="Two-week high-intensity fight with repeated chemical strikes; "
        "mass casualties and a surge of burns.",
        duration_days=14,
        patients=5_000,
        fronts=[{"name": "Main effort", "share": 1.0, "nationality_mix": {
            "USA": 0.35, "GBR": 0.25, "DEU": 0.2, "NLD": 0.1, "BEL": 0.1}}],
        injury_mix={"disease": 0.2, "non_battle_injury": 0.2, "battle_injury": 0.6},
        warfare={"cbrn": 0.5, "artillery": 0.3, "conventional": 0.2},
        intensity=1.3,
        tempo="surge",
        special_events=[
            {"kind": "mass_casualty", "day": 3, "hour": 5, "share": 0.04},
            {"kind": "mass_casualty", "day": 8, "hour": 4, "share": 0.04},
        ],
        chain=chain(capacity=(60, 25, 18, 10)),
    )  # fmt: skip


def urban() -> J:
    return _base(
        name="Urban",
        description="Three weeks of fighting for a city in waves; night raids, rubble, "
        "snipers and drones.",
        duration_days=21,
        patients=8_000,
        fronts=[
            {"name": "City centre", "share": 0.6, "nationality_mix": {
                "USA": 0.4, "GBR": 0.3, "CAN": 0.3}},
            {"name": "Outskirts", "share": 0.4, "nationality_mix": {
                "FRA": 0.5, "BEL": 0.25, "LUX": 0.05, "PRT": 0.2}},
        ],
        injury_mix={"disease": 0.25, "non_battle_injury": 0.25, "battle_injury": 0.5},
        warfare={"urban": 0.6, "drone": 0.2, "guerrilla": 0.2},
        intensity=1.2,
        tempo="intermittent",
        special_events=[{"kind": "ambush", "day": 5, "hour": 22, "share": 0.01,
                         "front": "City centre"}],
        environment=["urban_rubble", "night"],
    )  # fmt: skip


def amphibious() -> J:
    return _base(
        name="Amphibious",
        description="Ten-day amphibious landing in heavy weather; burns and blunt trauma "
        "aboard ship, high early tempo that declines once ashore.",
        duration_days=10,
        patients=4_000,
        fronts=[
            {"name": "Beachhead", "share": 0.7, "nationality_mix": {
                "USA": 0.4, "GBR": 0.2, "NLD": 0.15, "ESP": 0.15, "ITA": 0.1}},
            {"name": "Fleet", "share": 0.3, "nationality_mix": {
                "USA": 0.5, "GBR": 0.2, "FRA": 0.2, "NOR": 0.1}},
        ],
        injury_mix={"disease": 0.15, "non_battle_injury": 0.3, "battle_injury": 0.55},
        warfare={"naval": 0.5, "conventional": 0.3, "artillery": 0.2},
        intensity=1.1,
        tempo="declining",
        special_events=[{"kind": "major_offensive", "day": 1, "hour": 4, "share": 0.1,
                         "front": "Beachhead"}],
        environment=["storm", "rain"],
        chain=chain(capacity=(50, 20, 15, 8)),
    )  # fmt: skip


def training() -> J:
    return _base(
        name="Training",
        description="Two-month winter mountain exercise; no battle casualties and no "
        "deployed Role 2: Role 1 sends straight to a garrison Role 3.",
        duration_days=60,
        patients=1_000,
        fronts=[{"name": "Exercise area", "share": 1.0, "nationality_mix": {
            "NOR": 0.4, "FIN": 0.2, "SWE": 0.2, "DNK": 0.1, "ISL": 0.05, "EST": 0.05}}],
        injury_mix={"disease": 0.45, "non_battle_injury": 0.55, "battle_injury": 0.0},
        warfare={"conventional": 1.0},
        intensity=0.25,
        tempo="sustained",
        environment=["extreme_cold", "mountain"],
        chain=chain(r2=False, capacity=(20, 10, 8, 5)),
    )  # fmt: skip


PRESETS: dict[str, tuple[str, Callable[[], J]]] = {
    "large_scale_conventional": ("Large-scale conventional", large_scale_conventional),
    "peacekeeping": ("Peacekeeping", peacekeeping),
    "cbrn": ("CBRN", cbrn),
    "urban": ("Urban", urban),
    "amphibious": ("Amphibious", amphibious),
    "training": ("Training", training),
}
