"""Every scenario setting moves the output (fixed seeds; chi-square or tolerance bands)."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats
from simsupport import Sample, edit, make_sample, variant

from patientgen.simulation import Scenario
from patientgen.simulation.enums import WARFARE_TYPES, WarfareType
from patientgen.simulation.flow import DOW, KIA, RTD
from patientgen.simulation.reference.conditions import COND_INDEX
from patientgen.simulation.reference.nations import NATION_INDEX

N = 12_000
P_OK = 1e-3  # a correct generator fails this by chance once in a thousand runs


def fits(observed: np.ndarray, expected_shares: np.ndarray) -> bool:
    keep = expected_shares > 0
    assert observed[~keep].sum() == 0, "a zero-share category was sampled"
    exp = expected_shares[keep] / expected_shares[keep].sum() * observed[keep].sum()
    return stats.chisquare(observed[keep], exp).pvalue > P_OK


def quiet(base: Scenario, **changes: Any) -> Scenario:
    """No events, no environment: the plain effect of one setting."""
    return variant(base, **{"special_events": [], "environment": [], **changes})


def test_injury_mix(default: Scenario) -> None:
    for mix in ([0.6, 0.3, 0.1], [0.1, 0.2, 0.7]):
        s = quiet(default, injury_mix=dict(zip(
            ["disease", "non_battle_injury", "battle_injury"], mix, strict=True)))  # fmt: skip
        sample = make_sample(s, N)
        assert fits(np.bincount(sample.injury_type, minlength=3), np.array(mix))


def test_front_shares(default: Scenario) -> None:
    def shares(data: dict) -> None:
        for f, share in zip(data["fronts"], (0.1, 0.2, 0.7), strict=True):
            f["share"] = share

    s = edit(quiet(default), shares)
    sample = make_sample(s, N)
    assert fits(np.bincount(sample.front, minlength=3), np.array([0.1, 0.2, 0.7]))


def test_nationality_mix_per_front(default: Scenario) -> None:
    s = quiet(default)
    sample = make_sample(s, N)
    for f, front in enumerate(s.fronts):
        expected = np.zeros(len(NATION_INDEX))
        for code, share in front.nationality_mix.items():
            expected[NATION_INDEX[code]] = share
        observed = np.bincount(sample.nation[sample.front == f], minlength=len(NATION_INDEX))
        assert fits(observed, expected), front.name


def test_triage_weights_by_injury_type(default: Scenario) -> None:
    weights = {"T1": 0.1, "T2": 0.1, "T3": 0.2, "T4": 0.6}

    def set_triage(data: dict) -> None:
        data["triage_weights"]["disease"] = weights

    s = edit(quiet(default, warfare={"conventional": 1.0}), set_triage)
    sample = make_sample(s, N)
    disease = sample.injury_type == 0
    assert fits(np.bincount(sample.triage[disease], minlength=4), np.array(list(weights.values())))
    # battle rows are untouched (conventional severity 1.0, intensity 1.0)
    battle = sample.injury_type == 2
    assert fits(np.bincount(sample.triage[battle], minlength=4), np.array([0.26, 0.26, 0.48, 0]))


def test_per_role_outcome_rates(default: Scenario) -> None:
    def r1_rtd(p: float) -> Scenario:
        def mutate(data: dict) -> None:
            data["chain"]["R1"]["outcomes"]["disease"]["T3"] = {
                "die": 0.0, "rtd": p, "evacuate": 1.0 - p}  # fmt: skip

        return edit(quiet(default), mutate)

    for p in (0.1, 0.9):
        sample = make_sample(r1_rtd(p), N)
        at_r1 = (sample.injury_type == 0) & (sample.triage == 2) & ~np.isnan(sample.arrive[:, 1])
        rtd_at_r1 = ((sample.status == RTD) & (sample.final_role == 1))[at_r1].mean()
        assert abs(rtd_at_r1 - p) < 0.03, (p, rtd_at_r1)


def test_kia_probability_at_poi(default: Scenario) -> None:
    def poi_die(p: float) -> Scenario:
        def mutate(data: dict) -> None:
            data["chain"]["POI"]["outcomes"]["battle_injury"]["T1"] = {
                "die": p, "rtd": 0.0, "evacuate": 1.0 - p}  # fmt: skip

        return edit(quiet(default), mutate)

    for p in (0.2, 0.7):
        sample = make_sample(poi_die(p), N)
        t1 = (sample.injury_type == 2) & (sample.triage == 0)
        assert abs((sample.status[t1] == KIA).mean() - p) < 0.04


def _per_day(sample: Sample) -> np.ndarray:
    days = ((sample.t0 - sample.t0.min() // 86400 * 86400) // 86400).astype(int)
    start_day = (sample.scenario.start.timestamp() - sample.t0.min() // 86400 * 86400) // 86400
    return np.bincount(days - int(start_day), minlength=sample.scenario.duration_days)


def test_tempo_shapes_patients_per_day(default: Scenario) -> None:
    got = {t: _per_day(make_sample(quiet(default, tempo=t), N)) for t in
           ("sustained", "escalating", "declining", "surge", "intermittent")}  # fmt: skip
    third = default.duration_days // 3

    def ratio(x: np.ndarray) -> float:
        return x[-third:].sum() / x[:third].sum()

    assert 0.85 < ratio(got["sustained"]) < 1.15
    assert 1.7 < ratio(got["escalating"]) < 2.3  # (1+2*5/6)/(1+2/6) = 2.0
    assert 1 / 2.3 < ratio(got["declining"]) < 1 / 1.7
    surge = got["surge"]
    assert surge[third:-third].sum() > 2 * (surge[:third].sum() + surge[-third:].sum()) / 2
    inter = got["intermittent"]
    busy = inter[[d for d in range(len(inter)) if (d // 2) % 2 == 0]].mean()
    quiet_days = inter[[d for d in range(len(inter)) if (d // 2) % 2 == 1]].mean()
    assert busy > 4 * quiet_days
    # sustained is flat: no day far from the mean
    flat = got["sustained"]
    assert stats.chisquare(flat).pvalue > P_OK


def test_special_events_cluster_in_time(default: Scenario) -> None:
    event = {"kind": "mass_casualty", "day": 5, "hour": 12, "share": 0.1}
    with_event = make_sample(quiet(default, special_events=[event]), N)
    without = make_sample(quiet(default), N)
    start = default.start.timestamp() + 4 * 86400 + 12 * 3600

    def in_window(s: Sample) -> float:
        return ((s.t0 >= start) & (s.t0 < start + 3600)).mean()

    assert 0.09 < in_window(with_event) < 0.12
    assert in_window(without) < 0.005
    members = with_event.event == 0
    assert abs(members.mean() - 0.1) < 0.01
    assert (with_event.injury_type[members] == 2).all()
    # mass casualty brings T4 (expectant); outside events T4 does not occur
    assert (with_event.triage[members] == 3).mean() > 0.1
    assert (with_event.triage[~members] == 3).mean() == 0


def test_event_front_and_ambush_mechanism(default: Scenario) -> None:
    ambush = {"kind": "ambush", "day": 3, "hour": 2, "share": 0.2, "front": "South"}
    s = make_sample(quiet(default, special_events=[ambush]), N)
    members = s.event == 0
    assert (s.front[members] == 1).all()
    gunshot_in = (s.mechanism[members] == 1).mean()
    gunshot_out = (s.mechanism[(s.injury_type == 2) & ~members] == 1).mean()
    assert gunshot_in > gunshot_out + 0.25


def test_environment_effects(default: Scenario) -> None:
    base = make_sample(quiet(default), N)
    heat = make_sample(quiet(default, environment=["extreme_heat"]), N)
    dehyd = COND_INDEX["dehydration"]
    assert (heat.injury_type == 0).mean() > (base.injury_type == 0).mean() + 0.05
    assert (heat.cond[heat.injury_type == 0] == dehyd).mean() > 3 * (
        base.cond[base.injury_type == 0] == dehyd
    ).mean()

    storm = make_sample(quiet(default, environment=["storm", "fog"]), N)

    def median_first_mtf(s: Sample) -> float:
        first = np.fmin.reduce(s.arrive[:, 1:], axis=1)
        return float(np.nanmedian(s.minutes_since_injury(first)))

    assert median_first_mtf(storm) > 1.5 * median_first_mtf(base)
    kia = lambda s: (s.status[s.injury_type == 2] == KIA).mean()  # noqa: E731
    assert kia(storm) > kia(base) + 0.02

    night = make_sample(quiet(default, environment=["night"]), N)
    hour = lambda s: ((s.t0 % 86400) // 3600)[s.injury_type == 2]  # noqa: E731
    at_night = lambda h: np.isin(h, [22, 23, 0, 1, 2, 3]).mean()  # noqa: E731
    assert at_night(hour(night)) > at_night(hour(base)) + 0.05

    cold = make_sample(quiet(default, environment=["extreme_cold", "mountain"]), N)
    resp = [COND_INDEX[k] for k in ("uri", "pneumonia", "bronchitis")]
    share = lambda s: np.isin(s.cond[s.injury_type == 0], resp).mean()  # noqa: E731
    assert share(cold) > share(base) + 0.05
    sprain = COND_INDEX["ankle_sprain"]
    nbi = lambda s: (s.cond[s.injury_type == 1] == sprain).mean()  # noqa: E731
    assert nbi(cold) > nbi(base) + 0.05


def _hours(s: Sample) -> np.ndarray:
    return np.bincount(((s.t0 % 86400) // 3600).astype(int)[s.injury_type == 2], minlength=24)


def test_warfare_hourly_pattern_and_profile(default: Scenario) -> None:
    one = lambda w: make_sample(  # noqa: E731
        quiet(default, warfare={w: 1.0}, injury_mix={
            "disease": 0.0, "non_battle_injury": 0.0, "battle_injury": 1.0}), N)  # fmt: skip
    cbrn, peace, naval, art = one("cbrn"), one("peacekeeping"), one("naval"), one("artillery")
    h_cbrn, h_peace = _hours(cbrn), _hours(peace)
    assert np.argmax(h_cbrn) in (3, 4, 5)
    assert 8 <= np.argmax(h_peace) <= 14
    _, p, _, _ = stats.chi2_contingency(np.vstack([h_cbrn, h_peace]))
    assert p < 1e-10
    burn = lambda s: (s.mechanism == 2).mean()  # noqa: E731
    assert burn(naval) > 0.25 > burn(art)
    assert (art.mechanism == 0).mean() > 0.85
    assert (peace.mechanism == 1).mean() > 0.35
    # severity: artillery (1.15) makes more T1 than peacekeeping (0.8)
    assert (art.triage == 0).mean() > (peace.triage == 0).mean() + 0.05
    assert set(np.unique(art.warfare)) == {WARFARE_TYPES.index(WarfareType.ARTILLERY)}


def test_intensity(default: Scenario) -> None:
    low = make_sample(quiet(default, intensity=0.5), N)
    high = make_sample(quiet(default, intensity=2.0), N)
    t1 = lambda s: (s.triage[s.injury_type == 2] == 0).mean()  # noqa: E731
    kia = lambda s: (s.status[s.injury_type == 2] == KIA).mean()  # noqa: E731
    assert t1(high) > t1(low) + 0.15
    assert kia(high) > kia(low) + 0.05


def test_chain_without_r3_nobody_reaches_r3(default: Scenario) -> None:
    def drop(role: str) -> Scenario:
        return edit(quiet(default), lambda d: d["chain"][role].update(present=False))

    no_r3 = make_sample(drop("R3"), N)
    assert np.isnan(no_r3.arrive[:, 3]).all()
    assert not (no_r3.final_role == 3).any()
    assert not np.isnan(no_r3.arrive[:, 4]).all()  # R2 evacuates straight to R4
    no_r2 = make_sample(drop("R2"), N)
    assert np.isnan(no_r2.arrive[:, 2]).all()
    no_r4 = make_sample(drop("R4"), N)
    assert np.isnan(no_r4.arrive[:, 4]).all()
    evacuated = no_r4.status == 3
    assert evacuated.any()
    assert (no_r4.final_role[evacuated] == 3).all()


def test_bypass(default: Scenario) -> None:
    def bypass_r1(p: float) -> Scenario:
        return edit(quiet(default), lambda d: d["chain"]["R1"]["bypass"].update(T1=p))

    never = make_sample(bypass_r1(0.0), N)
    always = make_sample(bypass_r1(1.0), N)
    t1 = lambda s: (s.triage == 0) & (s.status != KIA)  # noqa: E731
    assert (~np.isnan(never.arrive[t1(never), 1])).all()
    assert np.isnan(always.arrive[t1(always), 1]).all()


def test_transit_and_treatment_times(default: Scenario) -> None:
    def fixed(data: dict) -> None:
        data["transit_minutes"]["R1"]["T3"] = {"min": 200, "max": 210}
        data["chain"]["R1"]["treatment_minutes"]["T3"] = {"min": 300, "max": 301}

    s = make_sample(edit(quiet(default), fixed), N)
    sel = (s.triage == 2) & ~np.isnan(s.arrive[:, 1]) & (s.wait[:, 1] == 0)
    poi_to_r1 = s.arrive[sel, 1] - (s.t0[sel])
    # POI time (15-60 min) + transit (200-210 min)
    assert poi_to_r1.min() >= (15 + 200) * 60 - 1
    assert poi_to_r1.max() <= (60 + 210) * 60 + 1
    rtd_at_r1 = sel & (s.status == RTD) & (s.final_role == 1)
    stay = s.end[rtd_at_r1] - s.arrive[rtd_at_r1, 1]
    assert stay.min() >= 300 * 60 - 1
    assert stay.max() <= 301 * 60 + 1


def test_capacity_queues_and_costs_lives(default: Scenario) -> None:
    def capacity(c: float) -> Scenario:
        return edit(quiet(default), lambda d: d["chain"]["R2"].update(capacity_per_hour=c))

    ample = make_sample(capacity(1000.0), N)
    scarce = make_sample(capacity(3.0), N)
    assert (ample.wait == 0).all()
    assert scarce.overloaded.mean() > 0.2
    assert np.nanmax(scarce.wait[:, 2]) > 3600
    dow = lambda s: (s.status == DOW).mean()  # noqa: E731
    assert dow(scarce) > dow(ample) + 0.005


def test_job_size_drives_load(default: Scenario) -> None:
    s = quiet(default)
    small = make_sample(s, 2_048)
    big = make_sample(s, 200_000 // 2048 * 2048)  # same blocks as a longer job would make
    assert small.overloaded.mean() < big.overloaded.mean()
