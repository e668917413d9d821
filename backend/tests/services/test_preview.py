"""POST /scenarios/preview: a draft's statistics from patients generated in memory, equal to
those of a stored job of the same scenario, count and seed, and nothing written."""

from __future__ import annotations

from sqlalchemy import text

from tests.support.jobs import scenario_json

PATIENTS, SEED = 4_000, 99


async def _rows(pg_engine) -> tuple[int, int, int]:
    async with pg_engine.connect() as connection:
        counts = [
            (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()  # noqa: S608
            for table in ("jobs", "patients", "scenarios")
        ]
    return tuple(counts)


async def test_a_preview_equals_the_job_it_previews(client, owner, job, pg_engine):
    stored = (await client.get(f"/jobs/{job['id']}/statistics", headers=owner)).json()
    before = await _rows(pg_engine)
    body = {"scenario": scenario_json(), "patients": PATIENTS, "seed": SEED}
    response = await client.post("/scenarios/preview", json=body, headers=owner)
    assert response.status_code == 200, response.text
    preview = response.json()
    assert await _rows(pg_engine) == before, "a preview writes nothing"
    assert preview["job_id"] is None
    assert preview["status"] == "preview"
    unlike = ("job_id", "status")
    assert {k: v for k, v in preview.items() if k not in unlike} == {
        k: v for k, v in stored.items() if k not in unlike
    }


async def test_the_draft_changes_the_preview(client, owner):
    base = {"scenario": scenario_json(), "patients": 3_000, "seed": 1}
    first = (await client.post("/scenarios/preview", json=base, headers=owner)).json()
    again = (await client.post("/scenarios/preview", json=base, headers=owner)).json()
    assert first == again
    quieter = scenario_json()
    quieter["injury_mix"] = {"disease": 0.8, "non_battle_injury": 0.2, "battle_injury": 0.0}
    quieter["special_events"] = []  # events bring battle casualties of their own
    changed = (
        await client.post("/scenarios/preview", json=base | {"scenario": quieter}, headers=owner)
    ).json()
    assert "BATTLE_INJURY" not in changed["counts"]["injury_type"]
    assert first["counts"]["injury_type"]["BATTLE_INJURY"] > 500


async def test_previews_are_bounded_and_validated(client, owner):
    too_many = {"scenario": scenario_json(), "patients": 20_001}
    response = await client.post("/scenarios/preview", json=too_many, headers=owner)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.patients"
    broken = scenario_json()
    broken["fronts"][0]["share"] = 0.9
    response = await client.post("/scenarios/preview", json={"scenario": broken}, headers=owner)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("body.scenario.fronts")
    assert (
        await client.post("/scenarios/preview", json={"scenario": scenario_json()})
    ).status_code == 401
