"""Casualty cards (exports/cards_pdf.py): the PDF opens, every card's fields are in its text
for patients of every script the name pools use, the QR code on the rendered page decodes to
the patient's page, the page options hold, and the output is one streamed, repeatable PDF."""

from __future__ import annotations

import io
import itertools

import pypdf
import pypdfium2
import pytest
import zxingcpp

from patientgen.exports import cards_pdf, casualty
from patientgen.exports.cards_pdf import CardKind, CardOptions
from patientgen.exports.formats import ExportFormat, export_stream
from patientgen.simulation.reference.names import name_pools
from patientgen.simulation.reference.nations import NATION_CODES
from tests.support.jobs import offline_records, scenario_json

JOB = "0b7e3c52-2f0e-4a7e-9d55-3c1f2a9b8e01"
BASE = "https://exercise.example/patientgen"
# Nations whose name pools need more than ASCII: Greek, Cyrillic (Bulgarian, Macedonian),
# Latin Extended (Romanian, Polish, Czech, Turkish, Icelandic, Lithuanian …).
SCRIPTS = ("GRC", "BGR", "MKD", "ROU", "POL", "CZE", "TUR", "ISL", "LTU", "HUN")


def _non_ascii_name(nation: str, pool: str) -> str:
    pools = name_pools()
    k = NATION_CODES.index(nation) * 2
    names, offset, size = (
        (pools.given, pools.given_offset, pools.given_size)
        if pool == "given"
        else (pools.family, pools.family_offset, pools.family_size)
    )
    chosen = names[int(offset[k]) : int(offset[k]) + int(size[k])]
    return next((n for n in chosen if not n.isascii()), chosen[0])


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """Generated patients, renamed after the pools of nations with non-ASCII names."""
    out = offline_records(scenario_json(), 60, 2024)
    for record, nation in zip(out, itertools.cycle(SCRIPTS), strict=False):
        record["nationality"] = nation
        record["demographics"]["given_name"] = _non_ascii_name(nation, "given")
        record["demographics"]["family_name"] = _non_ascii_name(nation, "family")
    return out


def _pdf(records, **options) -> bytes:
    opts = CardOptions(job_id=JOB, web_base_url=BASE, **options)
    return b"".join(cards_pdf.encode(records, opts))


def _text(page) -> str:
    return " ".join(page.extract_text().split())


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_every_script_in_the_name_pools_is_covered():
    scripts = set()
    for name in name_pools().given + name_pools().family:
        for ch in name:
            o = ord(ch)
            scripts.add(
                "greek" if 0x370 <= o < 0x400 else "cyrillic" if 0x400 <= o < 0x530 else
                "latin-ext" if 0x100 <= o < 0x250 else "latin" if o < 0x100 else hex(o)
            )  # fmt: skip
    assert scripts <= {"latin", "latin-ext", "greek", "cyrillic"}, "a script the cards lack"
    sample = {_non_ascii_name(n, p) for n in SCRIPTS for p in ("given", "family")}
    assert any(0x370 <= ord(c) < 0x400 for name in sample for c in name), "Greek sampled"
    assert any(0x400 <= ord(c) < 0x530 for name in sample for c in name), "Cyrillic sampled"
    assert any(0x100 <= ord(c) < 0x250 for name in sample for c in name), "Latin Ext sampled"


def test_the_pdf_holds_every_cards_fields(records):
    sample = records[:24]
    reader = pypdf.PdfReader(io.BytesIO(_pdf(sample, per_page=1)))
    kinds = list(CardKind)
    assert len(reader.pages) == len(sample) * len(kinds)
    for page_no, page in enumerate(reader.pages):
        record, kind = sample[page_no // 3], kinds[page_no % 3]
        text = _text(page)
        d = record["demographics"]
        for value in (d["given_name"], d["family_name"], d["service_number"], record["triage"]):
            assert value in text, (page_no, value)
        assert JOB in text
        assert f"Patient {record['index']}" in text
        f = cards_pdf.card_fields(record, CardOptions(job_id=JOB))
        if kind is CardKind.ROLE_PLAYER:
            expected = [f["position"], f["behaviour"], *f["injuries"], *f["untreated"]]
            expected += [f"{k} {v}" for k, v in f["abcde"].items()]
            assert "ROLE PLAYER" in text
        elif kind is CardKind.INSTRUCTOR:
            expected = [*f["diagnosis"], *f["expected_care"], f["outcome_timely"], f["final"]]
            expected += [c["code"] for c in record["conditions"]]
            expected += f["journey"]
            assert "INSTRUCTOR" in text
        else:
            expected = [f["roster"], f["evacuation"], f["mechanism"], *f["injuries"]]
            expected += [row[2] for row in f["vitals"]]  # pulse per measurement
            assert "TCCC" in text
            # the body diagram: a cross per marked site
            assert text.count("×") == len(f["body_marks"]), (page_no, f["body_marks"])
        for value in expected:
            assert _squash(str(value)) in text, (page_no, kind, value)


def test_the_qr_code_on_the_rendered_page_opens_the_patients_page(records):
    sample = records[:3]
    document = pypdfium2.PdfDocument(_pdf(sample, per_page=2, cards=(CardKind.ROLE_PLAYER,)))
    found = set()
    for page in document:
        image = page.render(scale=300 / 72).to_pil()  # 300 dpi, as printed
        found |= {code.text for code in zxingcpp.read_barcodes(image)}
    expected = {f"{BASE}/jobs/{JOB}/patients/{r['index']}" for r in sample}
    assert found == expected


@pytest.mark.parametrize(
    ("paper", "points"), [("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))]
)
@pytest.mark.parametrize("per_page", [1, 2, 4])
def test_paper_and_cards_per_page(records, paper, points, per_page):
    sample = records[:5]
    reader = pypdf.PdfReader(io.BytesIO(_pdf(sample, paper=paper, per_page=per_page)))
    cards = len(sample) * 3
    assert len(reader.pages) == -(-cards // per_page)
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (
        round(points[0], 1),
        round(points[1], 1),
    )
    titles = sum(_text(p).count("CARD") + _text(p).count("TCCC STYLE") for p in reader.pages)
    assert titles == cards


def test_cut_marks_are_drawn_in_the_margins(records):
    reader = pypdf.PdfReader(io.BytesIO(_pdf(records[:1], per_page=4)))
    content = reader.pages[0].get_contents()
    assert content is not None
    data = content.get_data()
    # 3 vertical and 3 horizontal cut lines of the 2x2 grid, a mark at each end: 12 strokes
    assert data.count(b" S") + data.count(b"\nS") >= 12


def test_only_the_chosen_cards_in_their_order(records):
    pdf = _pdf(records[:2], per_page=1, cards=(CardKind.TCCC, CardKind.ROLE_PLAYER))
    pages = [_text(p) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 4
    assert ["TCCC" in p for p in pages] == [True, False, True, False]


def test_many_batches_make_one_pdf_that_is_repeatable(records):
    many = records * 2  # more than one Typst batch
    assert len(many) > cards_pdf.BATCH
    first, second = _pdf(many, cards=(CardKind.TCCC,)), _pdf(many, cards=(CardKind.TCCC,))
    assert first == second, "byte-identical"
    reader = pypdf.PdfReader(io.BytesIO(first), strict=True)
    assert len(reader.pages) == -(-len(many) // 4)
    assert f"Patient {many[-1]['index']}" in _text(reader.pages[-1])


def test_it_streams_batch_by_batch(records):
    seen = []

    def counted():
        for record in records * 3:
            seen.append(record)
            yield record

    chunks = cards_pdf.encode(counted(), CardOptions(job_id=JOB))
    next(chunks)
    assert len(seen) <= 2 * cards_pdf.BATCH + 1, "the first bytes come after a batch or two"


def test_offline_cards_carry_the_patients_id(records):
    url = CardOptions().patient_url(records[0])
    assert url == f"urn:uuid:{records[0]['id']}"


def test_parse_kinds_names_an_unknown_card():
    assert cards_pdf.parse_kinds("tccc, role-player,tccc") == (CardKind.TCCC, CardKind.ROLE_PLAYER)
    with pytest.raises(ValueError, match="unknown card 'front'"):
        cards_pdf.parse_kinds("front")


def test_through_the_export_registry(records):
    stream = export_stream(
        ExportFormat.CARDS_PDF,
        lambda: iter(records[:2]),
        archive="gzip",
        basename="job",
        options=CardOptions(job_id=JOB),
    )
    assert stream.filename == "job.cards.pdf.gz"
    import gzip

    assert gzip.decompress(b"".join(stream.chunks)).startswith(b"%PDF-")


def test_roster_number_and_age(records):
    record = records[0]
    d = record["demographics"]
    roster = cards_pdf.roster_number(record)
    assert roster[:2] == (d["given_name"][0] + d["family_name"][0]).upper()
    assert 17 <= casualty.age(record) <= 65


def test_an_empty_selection_is_one_page_that_says_so():
    """No records (a filter nobody matches) still make a PDF a viewer opens: one page, no cards."""
    pdf = pypdf.PdfReader(io.BytesIO(b"".join(cards_pdf.encode([], CardOptions(job_id=JOB)))))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "No casualties match this selection." in text
    assert JOB in text
