"""Scenario preview benchmark (issue 11): not a test, a measurement.

    cd backend && .venv/bin/python bench/preview.py [--patients 20000] [--repeat 5]

Times `POST /api/v1/scenarios/preview` through the real app (ASGI, embedded database, nothing
stored) for each preset, and, as the baseline, the same patients generated and written as a job
(`POST /jobs` until `completed`) on the same app. Prints the median of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time

import httpx

from patientgen.app import create_app
from patientgen.services.keys import issue_key
from patientgen.settings import Settings
from patientgen.simulation import get_preset, list_presets


async def _until_completed(client: httpx.AsyncClient, job_id: str, key: dict) -> None:
    for _ in range(100_000):
        job = (await client.get(f"/api/v1/jobs/{job_id}", headers=key)).json()
        if job["status"] == "completed":
            return
        await asyncio.sleep(0.01)


async def main(patients: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as data:
        app = create_app(Settings(data_dir=data, _env_file=None))
        async with app.router.lifespan_context(app):
            state = app.state.patientgen
            async with state.sessions() as session, session.begin():
                issued = await issue_key(session, name="bench", is_admin=True)
            key = {"X-API-Key": issued.plaintext}
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                print(f"{'preset':<28} {'preview ms':>11} {'job ms':>9} {'ratio':>7}")
                for preset in [p["id"] for p in list_presets()]:
                    scenario = get_preset(preset).model_dump(mode="json")
                    body = {"scenario": scenario, "patients": patients, "seed": 1}
                    previews, jobs = [], []
                    for run in range(repeat):
                        started = time.perf_counter()
                        answer = await client.post(
                            "/api/v1/scenarios/preview", json=body, headers=key
                        )
                        answer.raise_for_status()
                        previews.append(time.perf_counter() - started)
                        started = time.perf_counter()
                        job = (
                            await client.post(
                                "/api/v1/jobs", json=body | {"seed": run}, headers=key
                            )
                        ).json()
                        await _until_completed(client, job["id"], key)
                        jobs.append(time.perf_counter() - started)
                    p, j = statistics.median(previews), statistics.median(jobs)
                    print(f"{preset:<28} {p * 1000:>11,.0f} {j * 1000:>9,.0f} {p / j:>7.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.patients, args.repeat))
