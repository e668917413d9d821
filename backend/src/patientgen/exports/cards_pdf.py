"""Casualty cards as one print-ready PDF (`format=cards-pdf`): per patient a role-player card,
an instructor card and a TCCC-style card (any of them), 1, 2 or 4 to an A4 or US Letter page,
with cut marks; each carries the job, the patient's index and a QR code of its page in the web
app (docs/exports.md, "Casualty cards").

Typst lays the cards out (cards.typ, fonts embedded in Typst itself, so every national name
prints the same everywhere); the records are typeset in batches of `BATCH` patients as they
stream, and each batch's pages go out at once through `pdf_stream.PdfStreamWriter`.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable, Iterator
from enum import StrEnum
from functools import cache
from importlib import resources
from itertools import islice
from typing import Any, Literal

import orjson
import segno
import typst
from pydantic import BaseModel, ConfigDict, Field

from patientgen.exports import body_diagram, casualty, medevac
from patientgen.exports.archive import coalesce
from patientgen.exports.casualty import Record
from patientgen.exports.pdf_stream import PdfStreamWriter

MEDIA_TYPE = "application/pdf"
BATCH = 16  # patients per Typst run: ~50 cards; a Typst run's memory grows with its batch
DEFAULT_WEB_BASE_URL = "http://localhost:8000"


class CardKind(StrEnum):
    ROLE_PLAYER = "role-player"
    INSTRUCTOR = "instructor"
    TCCC = "tccc"


Paper = Literal["a4", "letter"]
PerPage = Literal[1, 2, 4]


class CardOptions(BaseModel):
    """How the cards are printed, and where their QR codes point."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    paper: Paper = "a4"
    per_page: PerPage = 4
    cards: tuple[CardKind, ...] = Field(default=tuple(CardKind), min_length=1)
    web_base_url: str = DEFAULT_WEB_BASE_URL
    job_id: str | None = Field(
        None, description="The job the records belong to; None offline (no page to link to)."
    )

    def patient_url(self, record: Record) -> str:
        """The patient's page in the web app (frontend/src/config/paths.ts `patient`), or, with
        no job (offline generation), the patient's id as a URN."""
        if self.job_id is None:
            return f"urn:uuid:{record['id']}"
        return f"{self.web_base_url.rstrip('/')}/jobs/{self.job_id}/patients/{record['index']}"


def parse_kinds(text: str) -> tuple[CardKind, ...]:
    """`role-player,tccc` -> the kinds in that order; ValueError names an unknown one."""
    kinds = []
    for part in text.split(","):
        name = part.strip()
        try:
            kind = CardKind(name)
        except ValueError:
            known = ", ".join(k.value for k in CardKind)
            raise ValueError(f"unknown card {name!r}; cards are {known}") from None
        if kind not in kinds:
            kinds.append(kind)
    return tuple(kinds)


@cache
def _template() -> bytes:
    return resources.files("patientgen.exports").joinpath("cards.typ").read_bytes()


_local = threading.local()


def _compiler() -> typst.Compiler:
    # A compiler keeps its fonts loaded between runs; one per thread (exports run in threads).
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        compiler = _local.compiler = typst.Compiler(ignore_system_fonts=True)
    return compiler


def qr_svg(url: str) -> str:
    # A fixed mask pattern: choosing the best of the eight costs ten times the encoding, and any
    # mask decodes (the score only avoids patterns that confuse some scanners).
    out = io.BytesIO()
    segno.make(url, error="m", mask=0).save(out, kind="svg", border=2, xmldecl=False, unit="mm")
    return out.getvalue().decode()


def roster_number(record: Record) -> str:
    """A battle roster number in the usual form: initials and the last four of the number."""
    d = record["demographics"]
    digits = "".join(ch for ch in d["service_number"] if ch.isalnum())
    return f"{d['given_name'][:1]}{d['family_name'][:1]}{digits[-4:]}".upper()


def _vitals_rows(record: Record) -> list[list[str]]:
    rows = []
    for s in casualty.vital_sets(record)[:6]:
        v = s.values
        bp = f"{v['sbp']}/{v['dbp']}" if "sbp" in v and "dbp" in v else "–"
        rows.append(
            [
                s.time[11:16],
                s.facility,
                str(v.get("hr", "–")),
                bp,
                str(v.get("rr", "–")),
                str(v.get("spo2", "–")),
                casualty.avpu(int(v["gcs"])) if "gcs" in v else "–",
                str(v.get("temp", "–")),
            ]
        )
    return rows


# DD Form 1380's treatment groups, by procedure key.
_TREATMENT_GROUPS = {
    "C": {"tourniquet", "pressure", "dressing"},
    "A": {"airway", "intubation"},
    "B": {"chest_drain", "ventilation"},
    "Circ": {"iv", "transfusion"},
    "Meds": {"pain"},
}


def _treatments(record: Record) -> dict[str, str]:
    groups: dict[str, list[str]] = {name: [] for name in (*_TREATMENT_GROUPS, "Other")}
    for t in record["treatments"]:
        key = casualty.PROCEDURE_KEY.get(t["code"], "")
        group = next((g for g, keys in _TREATMENT_GROUPS.items() if key in keys), "Other")
        entry = f"{t['display']} {t['facility']} {t['time'][11:16]}Z"
        if entry not in groups[group]:
            groups[group].append(entry)
    return {name: "; ".join(items[:4]) or "–" for name, items in groups.items()}


def card_fields(record: Record, options: CardOptions) -> dict[str, Any]:
    """Every field the three cards of a patient print (cards.typ reads them by name)."""
    d = record["demographics"]
    vitals = casualty.vital_sets(record)
    first = vitals[0] if vitals else None
    timely, late = casualty.expected_outcome(record)
    end = record["timeline"][-1]
    legs = medevac.legs(record)
    precedence = legs[0]["nine_line"]["precedence"] if legs else None
    return {
        "job": options.job_id or "offline",
        "index": record["index"],
        "qr": qr_svg(options.patient_url(record)),
        "triage": record["triage"],
        "given_name": d["given_name"],
        "family_name": d["family_name"],
        "rank": d["rank"],
        "rank_title": d["rank_title"],
        "nationality": record["nationality"],
        "unit": d["unit"],
        "service_number": d["service_number"],
        "sex": d["sex"],
        "age": casualty.age(record),
        "blood_type": d["blood_type"],
        "front": record["front"],
        "injury_type": record["injury_type"].replace("_", " ").lower(),
        "mechanism": casualty.mechanism(record),
        # role player
        "position": casualty.position(record, first),
        "behaviour": casualty.behaviour(record, first),
        "injuries": [casualty.injury_text(c) for c in record["conditions"]],
        "abcde": casualty.abcde(record, first),
        "presentation": f"{first.text()} ({first.facility})" if first else "not measured",
        "untreated": casualty.untreated(record),
        # instructor
        "diagnosis": [
            f"{c['display']} SCTID {c['code']}, {c['severity']}"
            + (f", {c['body_site']}" if c.get("body_site") else "")
            for c in record["conditions"]
        ],
        "expected_care": casualty.expected_care(record),
        "outcome_timely": timely,
        "outcome_late": late,
        "journey": casualty.journey(record)[:12],
        "final": f"{record['final_status']} at {record['final_facility']} "
        f"({casualty.hhmm(end['time'])})",
        # TCCC style
        "roster": roster_number(record),
        "evacuation": f"{precedence['code']} {precedence['label']}" if precedence else "none",
        "injured_at": casualty.hhmm(record["injury_time"]),
        "body_marks": body_diagram.marks(record["conditions"]),
        "tourniquets": [
            f"{t['facility']} {casualty.hhmm(t['time'])}"
            for t in record["treatments"]
            if casualty.PROCEDURE_KEY.get(t["code"]) == "tourniquet"
        ],
        "vitals": _vitals_rows(record),
        "treat": _treatments(record),
        "mist": legs[0]["mist_text"].split("\n") if legs else ["no evacuation"],
    }


def _batch_pdf(records: list[Record], options: CardOptions) -> bytes:
    cards: list[dict[str, Any]] = []
    for record in records:
        fields = card_fields(record, options)
        cards.extend({"kind": kind.value, **fields} for kind in options.cards)
    data = {
        "title": f"PatientGen casualty cards, job {options.job_id or 'offline'}",
        "paper": options.paper,
        "per_page": options.per_page,
        "cards": cards,
    }
    pdf = _compiler().compile(
        input=_template(), format="pdf", sys_inputs={"data": orjson.dumps(data).decode()}
    )
    assert isinstance(pdf, bytes)
    return pdf


def encode(records: Iterable[Record], options: CardOptions | None = None) -> Iterator[bytes]:
    """The cards of `records` (index order) as one PDF, streamed batch by batch."""
    options = options or CardOptions()
    return coalesce(_pieces(iter(records), options))


def _pieces(records: Iterator[Record], options: CardOptions) -> Iterator[bytes]:
    writer = PdfStreamWriter(identity=options.model_dump_json().encode())
    yield writer.start()
    typeset = False
    while batch := list(islice(records, BATCH)):
        yield from writer.add(_batch_pdf(batch, options))
        typeset = True
    if not typeset:  # an empty selection: a page saying so (a PDF needs one page)
        yield from writer.add(_batch_pdf([], options))
    yield from writer.finish()
