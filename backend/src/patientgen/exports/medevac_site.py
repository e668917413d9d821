"""Synthetic pick-up sites (9-line line 1) and radio details (line 2) for the MEDEVAC legs.

The record holds no coordinates and no signal plan, so both are derived from what it does
hold: the front, the sending facility's code and name, and (at the point of injury) the
patient. Every value comes from a SHA-256 of those strings, so an export is byte-identical
across runs and machines (integer arithmetic only, no floating point).

- Each front has one anchor: a UTM grid zone from a small Europe-like set and a point well
  inside it. A facility sits behind the anchor by its role's depth (R1 ~8 km ... R3 ~40 km)
  plus a few km of its own offset, so every patient leaving a facility has the same grid; a
  point of injury lies within ~8 km of the anchor, different per patient.
- Grids are written as MGRS (`33U VP 12345 67890`: zone and latitude band, 100 km square,
  5-digit easting and northing, 1 m precision), the square's letters computed from the UTM
  easting/northing by the standard lettering (AA scheme).
- Radio: a VHF FM channel of the tactical band (30.000-87.975 MHz, 25 kHz steps), a call sign
  word and a two-digit suffix, per facility of a front; at the point of injury the front's
  forward net and call sign word, the suffix per patient (the casualty's own unit).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# (zone number, latitude band, lowest and highest UTM northing of the band, metres). Anchors
# keep 100 km (V: 200 km) inside the band and 420-580 km easting, so a site at most ~60 km
# from its anchor stays in the same zone and band.
ZONES = (
    (31, "U", 5_318_000, 6_206_000),
    (32, "U", 5_318_000, 6_206_000),
    (33, "U", 5_318_000, 6_206_000),
    (34, "U", 5_318_000, 6_206_000),
    (35, "U", 5_318_000, 6_206_000),
    (33, "T", 4_430_000, 5_316_000),
    (34, "T", 4_430_000, 5_316_000),
    (35, "T", 4_430_000, 5_316_000),
    (34, "V", 6_208_000, 7_098_000),
    (35, "V", 6_208_000, 7_098_000),
)
# How far behind the front's anchor each sending role sits (metres), and the spread of its
# own offset (a facility's) or of the patient's (the point of injury) around that.
DEPTH = {"POI": 0, "R1": 8_000, "R2": 20_000, "R3": 40_000, "R4": 55_000}
POI_SPREAD, FACILITY_SPREAD = 8_000, 5_000
# Rearward directions a front may face, as integer vectors of length ~10 (diagonals 7, 7).
REAR = ((0, -10), (7, -7), (10, 0), (7, 7), (0, 10), (-7, 7), (-10, 0), (-7, -7))

# MGRS 100 km square letters (I and O are never used): columns repeat every three zones,
# rows cycle every 20 letters and start 5 letters on in even zones.
COLUMN_LETTERS = ("ABCDEFGH", "JKLMNPQR", "STUVWXYZ")
ROW_LETTERS = "ABCDEFGHJKLMNPQRSTUV"

# Tactical VHF FM: 30.000-87.975 MHz in 25 kHz steps (2,320 channels).
LOWEST_KHZ, STEP_KHZ, CHANNELS = 30_000, 25, 2_320
CALL_SIGNS = (
    "BADGER", "COBALT", "FALCON", "GRANITE", "HARBOR", "JUNIPER", "KESTREL", "LANCER",
    "MAGPIE", "NOMAD", "ORCHID", "PILGRIM", "QUARRY", "RAVEN", "SABRE", "TALON",
    "UNICORN", "VIPER", "WARDEN", "YEOMAN",
)  # fmt: skip


def _draws(*parts: str) -> list[int]:
    """Eight independent 32-bit numbers from the parts (a stable hash, not `hash()`)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return [int.from_bytes(digest[i : i + 4], "big") for i in range(0, 32, 4)]


def mgrs(zone: int, band: str, easting: int, northing: int) -> str:
    """A UTM position (metres) as an MGRS grid reference at 1 m precision."""
    column = COLUMN_LETTERS[(zone - 1) % 3][easting // 100_000 - 1]
    row = ROW_LETTERS[(northing // 100_000 + (5 if zone % 2 == 0 else 0)) % 20]
    return f"{zone}{band} {column}{row} {easting % 100_000:05d} {northing % 100_000:05d}"


@dataclass(frozen=True)
class Anchor:
    zone: int
    band: str
    easting: int
    northing: int
    rear: tuple[int, int]


def anchor(front: str) -> Anchor:
    pick, east, north, rear = _draws("front", front)[:4]
    zone, band, low, high = ZONES[pick % len(ZONES)]
    margin = 200_000 if band == "V" else 100_000
    return Anchor(
        zone=zone,
        band=band,
        easting=420_000 + east % 160_001,
        northing=low + 100_000 + north % (high - low - 100_000 - margin + 1),
        rear=REAR[rear % len(REAR)],
    )


def grid(front: str, facility: str, name: str, patient_id: str) -> str:
    """The pick-up site: the facility's own (the same for all its patients), or at the point
    of injury one per patient."""
    a = anchor(front)
    if facility == "POI":
        dx, dy = _draws("poi", front, patient_id)[:2]
        spread = POI_SPREAD
    else:
        dx, dy = _draws("facility", front, facility, name)[:2]
        spread = FACILITY_SPREAD
    depth = DEPTH.get(facility, DEPTH["R2"]) // 10
    easting = a.easting + a.rear[0] * depth + dx % (2 * spread + 1) - spread
    northing = a.northing + a.rear[1] * depth + dy % (2 * spread + 1) - spread
    return mgrs(a.zone, a.band, easting, northing)


@dataclass(frozen=True)
class Radio:
    frequency_khz: int
    call_sign: str
    suffix: str

    @property
    def frequency(self) -> str:
        return f"{self.frequency_khz // 1000}.{self.frequency_khz % 1000:03d} MHz"


def radio(front: str, facility: str, name: str, patient_id: str) -> Radio:
    """The sending station: the facility's net and call sign, or at the point of injury the
    front's forward net and call sign with the suffix of the casualty's unit."""
    key = ("poi", front) if facility == "POI" else ("facility", front, facility, name)
    channel, word, suffix = _draws("radio", *key)[:3]
    if facility == "POI":
        suffix = _draws("radio", "poi", front, patient_id)[0]
    return Radio(
        frequency_khz=LOWEST_KHZ + STEP_KHZ * (channel % CHANNELS),
        call_sign=CALL_SIGNS[word % len(CALL_SIGNS)],
        suffix=f"{suffix % 90 + 10:02d}",
    )
