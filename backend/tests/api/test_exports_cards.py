"""Cards, MIST and 9-line exports over HTTP: a filtered selection holds exactly the filtered
patients (by the key-carrying GET and by a download ticket alike), bad card options are a 422
naming the field, and one patient's handovers."""

from __future__ import annotations

import io

import orjson
import pypdf
import pytest

from patientgen.exports import medevac
from patientgen.simulation.selection import Selection

PATIENTS, SEED = 150, 4242
PROBLEM = "application/problem+json"


def _field(response) -> list[str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    return [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"format": "cards-pdf", "paper": "a3"}, "query.paper"),
        ({"format": "cards-pdf", "per_page": "3"}, "query.per_page"),
        ({"format": "cards-pdf", "cards": "front,back"}, "query.cards"),
        ({"format": "csv", "paper": "a4"}, "query.paper"),
        ({"format": "cards-pdf", "day": "2030-13-01"}, "query.day"),
        ({"format": "medevac", "facility": "R9"}, "query.facility"),
        ({"format": "cards-pdf", "index": "-1"}, "query.index"),
    ],
)
async def test_bad_options_name_the_field(client, owner, job, params, field):
    response = await client.get(f"/jobs/{job['id']}/export", params=params, headers=owner)
    assert field in _field(response)


async def test_a_filtered_selection_holds_exactly_the_filtered_patients(
    client, owner, job, records
):
    nation = max({r["nationality"] for r in records}, key=[r["nationality"] for r in records].count)
    day = records[0]["injury_time"][:10]
    params = {"nationality": nation, "triage": "T3", "day": day, "facility": "R1"}
    # the database's selection is the in-memory one (the CLI's --where)
    expected = list(Selection.parse(f"{k}={v}" for k, v in params.items()).of(records))
    assert expected
    url = f"/jobs/{job['id']}/export"
    listed = await client.get(f"/jobs/{job['id']}/patients", params=params, headers=owner)
    assert [p["index"] for p in listed.json()["items"]] == [r["index"] for r in expected]

    legs = await client.get(url, params={**params, "format": "medevac"}, headers=owner)
    assert legs.status_code == 200, legs.text
    got = [orjson.loads(line) for line in legs.content.splitlines()]
    assert got == [leg for r in expected for leg in medevac.legs(r)]

    cards = await client.get(
        url, params={**params, "format": "cards-pdf", "per_page": 1, "cards": "tccc"},
        headers=owner,
    )  # fmt: skip
    assert cards.status_code == 200, cards.text
    assert cards.headers["content-type"] == "application/pdf"
    pages = pypdf.PdfReader(io.BytesIO(cards.content)).pages
    assert len(pages) == len(expected)
    for page, record in zip(pages, expected, strict=True):
        text = page.extract_text()
        assert f"Patient {record['index']}" in text
        assert job["id"] in text


async def test_one_patients_cards_by_index(client, owner, job, records, live_server):
    """The patient page's cards: `index` selects exactly that patient, by the key-carrying
    GET, the patients list and a download ticket alike."""
    record = next(r for r in records[len(records) // 2 :] if medevac.legs(r))
    url = f"/jobs/{job['id']}/export"
    params = {"format": "cards-pdf", "index": record["index"], "per_page": 1}
    cards = await client.get(url, params=params, headers=owner)
    assert cards.status_code == 200, cards.text
    pages = pypdf.PdfReader(io.BytesIO(cards.content)).pages
    texts = [page.extract_text() for page in pages]
    assert len(texts) == 3  # role-player, instructor and TCCC card, one a page
    assert all(f"Patient {record['index']}" in text for text in texts)
    listed = await client.get(
        f"/jobs/{job['id']}/patients", params={"index": record["index"]}, headers=owner
    )
    assert [p["index"] for p in listed.json()["items"]] == [record["index"]]
    beyond = await client.get(
        f"/jobs/{job['id']}/patients", params={"index": PATIENTS}, headers=owner
    )
    assert beyond.json()["items"] == []

    body = {"format": "medevac", "filters": {"index": record["index"]}}
    minted = await client.post(f"/jobs/{job['id']}/downloads", json=body, headers=owner)
    assert minted.status_code == 201, minted.text
    legs = await client.get(live_server.base_url + minted.json()["url"])
    assert [orjson.loads(line) for line in legs.content.splitlines()] == medevac.legs(record)


async def test_cards_of_a_whole_job_link_to_the_web_app(client, owner, job, records):
    response = await client.get(
        f"/jobs/{job['id']}/export",
        params={"format": "cards-pdf", "front": records[0]["front"], "paper": "letter"},
        headers=owner,
    )
    assert response.status_code == 200
    assert 'filename="patientgen-' in response.headers["content-disposition"]
    assert response.headers["content-disposition"].endswith('.cards.pdf"')
    assert response.content.startswith(b"%PDF-")


async def test_one_patients_handovers(client, owner, job, records):
    record = next(r for r in records if len(medevac.legs(r)) >= 2)
    url = f"/jobs/{job['id']}/patients/{record['index']}/handovers"
    response = await client.get(url, headers=owner)
    assert response.status_code == 200
    assert response.json() == medevac.legs(record)
    missing = await client.get(f"/jobs/{job['id']}/patients/{PATIENTS}/handovers", headers=owner)
    assert missing.status_code == 404


async def test_a_ticket_carries_the_filters_and_the_card_options(
    client, owner, job, records, live_server
):
    """A browser's download (ticket, no key in the URL) selects and prints as the key-carrying
    GET does: the same patients, the same pages."""
    front = records[0]["front"]
    filters = {"front": front, "triage": "T2", "facility": "R1"}
    expected = [
        r
        for r in records
        if r["front"] == front
        and r["triage"] == "T2"
        and any(e["facility"] == "R1" for e in r["timeline"])
    ]
    assert expected
    url = f"/jobs/{job['id']}/downloads"
    body = {
        "format": "cards-pdf",
        "filters": filters,
        "card_options": {"paper": "letter", "per_page": 1, "cards": ["tccc", "tccc"]},
    }
    minted = await client.post(url, json=body, headers=owner)
    assert minted.status_code == 201, minted.text
    cards = await client.get(live_server.base_url + minted.json()["url"])
    assert cards.status_code == 200, cards.text
    assert cards.content.startswith(b"%PDF-")
    pages = pypdf.PdfReader(io.BytesIO(cards.content)).pages
    assert len(pages) == len(expected)  # one TCCC card a page, the duplicate kind once
    for page, record in zip(pages, expected, strict=True):
        assert f"Patient {record['index']}" in page.extract_text()
    assert {round(float(p.mediabox.width)) for p in pages} == {612}  # US Letter

    minted = await client.post(url, json={"format": "medevac", "filters": filters}, headers=owner)
    legs = await client.get(live_server.base_url + minted.json()["url"])
    direct = await client.get(
        f"/jobs/{job['id']}/export", params={**filters, "format": "medevac"}, headers=owner
    )
    assert legs.content == direct.content
    assert [orjson.loads(line) for line in legs.content.splitlines()] == [
        leg for r in expected for leg in medevac.legs(r)
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"format": "csv", "card_options": {"paper": "a4"}}, "body.card_options"),
        ({"format": "cards-pdf", "card_options": {"per_page": 3}}, "body.card_options.per_page"),
        ({"format": "cards-pdf", "card_options": {"cards": []}}, "body.card_options.cards"),
        ({"format": "cards-pdf", "filters": {"nationality": "de"}}, "body.filters.nationality"),
        ({"format": "cards-pdf", "filters": {"ward": "A"}}, "body.filters.ward"),
    ],
)
async def test_bad_ticket_options_name_the_field(client, owner, job, body, field):
    response = await client.post(f"/jobs/{job['id']}/downloads", json=body, headers=owner)
    assert field in _field(response)
