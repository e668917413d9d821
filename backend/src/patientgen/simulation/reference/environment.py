"""Environmental conditions and their stated effects.

evac_delay multiplies POI extraction and every transit time (and raises the chance of
dying before an MTF, see flow.py); disease / nbi multiply the weight of those injury
types in the injury mix before it is renormalised; boosts multiply the weight of single
conditions within DNBI; temp_shift moves measured body temperature.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from patientgen.simulation.enums import Environment


@dataclass(frozen=True, slots=True)
class EnvironmentEffect:
    condition: Environment
    description: str
    evac_delay: float = 1.0
    disease: float = 1.0
    nbi: float = 1.0
    boosts: dict[str, float] = field(default_factory=dict)
    night_ops: bool = False
    temp_shift: float = 0.0


EFFECTS: dict[Environment, EnvironmentEffect] = {
    e.condition: e
    for e in (
        EnvironmentEffect(
            Environment.RAIN, "Wet ground and skin: slower ground evacuation, more "
            "respiratory and skin infection, slips.",
            1.15, 1.10, 1.15, {"uri": 1.3, "cellulitis": 1.5, "ankle_sprain": 1.2},
        ),
        EnvironmentEffect(
            Environment.FOG, "Rotary-wing evacuation restricted.", 1.35, 1.0, 1.10,
        ),
        EnvironmentEffect(
            Environment.STORM, "Aircraft grounded, debris injuries.", 1.6, 1.05, 1.25,
            {"contusion": 1.3, "open_wound": 1.2},
        ),
        EnvironmentEffect(
            Environment.EXTREME_HEAT, "Heat illness (coded as dehydration), diarrhoeal "
            "disease; reduced helicopter lift.",
            1.1, 1.5, 1.0, {"dehydration": 6.0, "gastroenteritis": 1.4, "diarrhoea": 1.4},
            temp_shift=0.4,
        ),
        EnvironmentEffect(
            Environment.EXTREME_COLD, "Respiratory infection, falls on ice, hypothermia "
            "in the seriously injured; slower evacuation.",
            1.25, 1.3, 1.2, {"uri": 1.8, "pneumonia": 1.8, "bronchitis": 1.8,
                             "ankle_sprain": 1.3},
            temp_shift=-0.8,
        ),
        EnvironmentEffect(
            Environment.DUST, "Brown-out landings delay air evacuation; airway irritation.",
            1.3, 1.15, 1.0, {"uri": 1.6, "bronchitis": 1.8},
        ),
        EnvironmentEffect(
            Environment.NIGHT, "Night operations: more casualties at night, slower "
            "evacuation, falls and vehicle accidents.",
            1.3, 1.0, 1.2, {"ankle_sprain": 1.2, "contusion": 1.2}, night_ops=True,
        ),
        EnvironmentEffect(
            Environment.MOUNTAIN, "Long carries and hoist extractions; sprains, back pain "
            "and fractures.",
            1.5, 1.1, 1.3, {"ankle_sprain": 1.6, "low_back_pain": 1.3, "femur_fracture": 1.3,
                            "open_fracture": 1.2},
        ),
        EnvironmentEffect(
            Environment.URBAN_RUBBLE, "Extraction from rubble; crush, lacerations and "
            "fractures.",
            1.3, 1.05, 1.25, {"contusion": 1.5, "open_wound": 1.3, "open_fracture": 1.2},
        ),
    )
}  # fmt: skip
