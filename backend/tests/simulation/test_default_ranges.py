"""The default preset lands in every range at the end of shared/domain.md (24,000 patients)."""

from __future__ import annotations

import numpy as np
import pytest
from simsupport import Sample

from patientgen.simulation.enums import EventKind
from patientgen.simulation.flow import DOW, EVACUATED, KIA, RTD

BATTLE = 2


def _battle(s: Sample) -> np.ndarray:
    return s.injury_type == BATTLE


def test_sample_is_large_enough(default_sample: Sample) -> None:
    assert default_sample.n >= 20_000


def test_battle_kia_dow_and_survival(default_sample: Sample) -> None:
    s = default_sample
    b = _battle(s)
    kia = (s.status[b] == KIA).mean()
    reached_mtf = b & (s.status != KIA)
    dow = (s.status[reached_mtf] == DOW).mean()
    alive = np.isin(s.status[b], [RTD, EVACUATED]).mean()
    assert 0.08 <= kia <= 0.18, kia
    assert 0.02 <= dow <= 0.07, dow
    assert 0.75 <= alive <= 0.90, alive


def test_battle_survivors_rtd_in_theatre(default_sample: Sample) -> None:
    s = default_sample
    surv = _battle(s) & np.isin(s.status, [RTD, EVACUATED])
    rtd = (s.status[surv] == RTD).mean()
    assert 0.30 <= rtd <= 0.55, rtd


def test_dnbi_outcomes(default_sample: Sample) -> None:
    s = default_sample
    d = s.injury_type != BATTLE
    deaths = np.isin(s.status[d], [KIA, DOW]).mean()
    rtd = (s.status[d] == RTD).mean()
    assert deaths < 0.01, deaths
    assert 0.70 <= rtd <= 0.95, rtd


def test_all_patients_rtd_at_least_half(default_sample: Sample) -> None:
    assert (default_sample.status == RTD).mean() >= 0.50


def test_battle_mechanism(default_sample: Sample) -> None:
    m = default_sample.mechanism[_battle(default_sample)]
    explosive, gunshot = (m == 0).mean(), (m == 1).mean()
    assert 0.55 <= explosive <= 0.85, explosive
    assert 0.12 <= gunshot <= 0.35, gunshot


def test_body_regions(default_sample: Sample) -> None:
    r = default_sample.region[_battle(default_sample)]
    extremities = np.isin(r, [0, 1]).mean()
    head_face_neck = np.isin(r, [2, 3, 4, 5, 6]).mean()
    torso = np.isin(r, [7, 8]).mean()
    assert 0.40 <= extremities <= 0.65, extremities
    assert 0.20 <= head_face_neck <= 0.40, head_face_neck
    assert 0.08 <= torso <= 0.22, torso


def test_battle_triage_outside_mass_casualty(default_sample: Sample) -> None:
    s = default_sample
    mascal = [
        i for i, e in enumerate(s.scenario.special_events) if e.kind == EventKind.MASS_CASUALTY
    ]
    sel = _battle(s) & ~np.isin(s.event, mascal)
    shares = np.bincount(s.triage[sel], minlength=4) / sel.sum()
    assert 0.15 <= shares[0] <= 0.35, shares
    assert 0.15 <= shares[1] <= 0.35, shares
    assert 0.35 <= shares[2] <= 0.65, shares
    assert shares[3] < 0.03, shares


def test_t1_time_to_first_mtf_and_surgery(default_sample: Sample) -> None:
    s = default_sample
    t1_alive = (s.triage == 0) & np.isin(s.status, [RTD, EVACUATED])
    first_mtf = np.fmin.reduce(s.arrive[:, 1:], axis=1)
    median = np.median(s.minutes_since_injury(first_mtf)[t1_alive])
    assert 30 <= median <= 100, median
    calm = t1_alive & ~s.overloaded
    assert calm.sum() > 0.5 * t1_alive.sum()  # the default is not a capacity crisis
    surgical = np.fmin(s.arrive[:, 2], s.arrive[:, 3])
    within_2h = (s.minutes_since_injury(surgical)[calm] <= 120).mean()
    assert within_2h >= 0.80, within_2h


def test_kia_timing(default_sample: Sample) -> None:
    s = default_sample
    kia = s.status == KIA
    within_10 = (s.minutes_since_injury(s.end)[kia] <= 10).mean()
    assert within_10 >= 0.60, within_10


@pytest.mark.parametrize("figure", ["dnbi_share"])
def test_dnbi_battle_split_matches_major_combat(default_sample: Sample, figure: str) -> None:
    # Zouris et al. 2008: battle 36.6% of hospitalised casualties in major combat.
    battle = (default_sample.injury_type == BATTLE).mean()
    assert 0.30 <= battle <= 0.45, (figure, battle)
