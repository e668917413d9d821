"""XML export: well-formed, valid against the shipped XSD, round-trips the records."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest
from lxml import etree

from patientgen.exports import xml
from tests.support.samples import PRESETS, all_generated_records, generated_records, sample_records

NS = {"p": xml.NAMESPACE}


def _encode(records: list[dict]) -> bytes:
    return b"".join(xml.encode(records))


def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(xml.SCHEMA_PATH)))


def _tag(name: str) -> str:
    return f"{{{xml.NAMESPACE}}}{name}"


def _check(records: list[dict], data: bytes) -> None:
    root = etree.fromstring(data)
    assert root.tag == _tag("patients")
    patients = root.findall("p:patient", NS)
    assert len(patients) == len(records)
    for record, el in zip(records, patients, strict=True):
        assert el.get("index") == str(record["index"])
        assert el.get("id") == record["id"]
        for key in ("nationality", "front", "injury_type", "triage", "injury_time"):
            assert el.findtext(f"p:{key}", namespaces=NS) == record[key]
        assert el.findtext("p:final_status", namespaces=NS) == record["final_status"]
        assert el.findtext("p:final_facility", namespaces=NS) == record["final_facility"]
        demo = el.find("p:demographics", NS)
        for key, value in record["demographics"].items():
            assert demo.findtext(f"p:{key}", namespaces=NS) == value
        for field, item in (
            ("conditions", "condition"),
            ("treatments", "treatment"),
            ("vitals", "vital"),
            ("timeline", "event"),
        ):
            items = el.findall(f"p:{field}/p:{item}", NS)
            assert len(items) == len(record[field])
            for source, node in zip(record[field], items, strict=True):
                expected = {
                    k: ("true" if v is True else str(v)) for k, v in source.items() if v is not None
                }
                assert dict(node.attrib) == expected


def test_xml_is_well_formed_valid_and_round_trips() -> None:
    records = sample_records()
    data = _encode(records)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    ET.fromstring(data)  # noqa: S314 - the standard library parses it as well
    _check(records, data)
    _schema().assertValid(etree.fromstring(data))


def test_xml_escapes_awkward_text() -> None:
    records = sample_records()
    records[0]["demographics"]["unit"] = "A&B <unit> \"quoted\" 'single'\ttab"
    records[1]["front"] = "bell\x07 and \r return"
    records[3]["treatments"][0]["display"] = 'x"<&>\n'
    root = etree.fromstring(_encode(records))
    patients = root.findall("p:patient", NS)
    assert patients[3].findtext("p:front", namespaces=NS) == 'Front "A", <North> & Sea'
    assert patients[4].findtext("p:front", namespaces=NS) == "Rear\narea"
    unit = patients[0].findtext("p:demographics/p:unit", namespaces=NS)
    assert unit == "A&B <unit> \"quoted\" 'single'\ttab"
    assert patients[1].findtext("p:front", namespaces=NS) == "bell\ufffd and \r return"
    treatment = patients[3].find("p:treatments/p:treatment", NS)
    assert treatment.get("display") == 'x"<&>\n'
    assert patients[3].findtext("p:demographics/p:given_name", namespaces=NS) == "Zoë"


def test_empty_export_is_an_empty_document() -> None:
    root = etree.fromstring(_encode([]))
    assert root.tag == _tag("patients")
    assert len(root) == 0
    _schema().assertValid(root)


def test_fields_outside_the_contract_are_kept_in_name_order() -> None:
    records = sample_records()[:1]
    records[0]["zeta"] = 1.5
    records[0]["alpha"] = "a"
    records[0]["timeline"][0]["extra"] = {"nested": True}
    root = etree.fromstring(_encode(records))
    patient = root.find("p:patient", NS)
    tags = [etree.QName(child).localname for child in patient]
    assert tags[-2:] == ["alpha", "zeta"]
    assert patient.findtext("p:zeta", namespaces=NS) == "1.5"
    assert patient.find("p:timeline/p:event", NS).get("extra") == '{"nested":true}'
    _schema().assertValid(root)


def test_output_does_not_depend_on_dict_order() -> None:
    records = sample_records()
    shuffled = [
        {
            **{k: r[k] for k in reversed(list(r))},
            "demographics": dict(reversed(list(r["demographics"].items()))),
            "timeline": [dict(reversed(list(e.items()))) for e in r["timeline"]],
        }
        for r in records
    ]
    assert _encode(shuffled) == _encode(records)


@pytest.mark.parametrize("preset", PRESETS)
def test_xml_of_generated_records(preset: str) -> None:
    records = generated_records(preset)
    data = _encode(records)
    _check(records, data)
    _schema().assertValid(etree.fromstring(data))


def test_the_unescaped_path_writes_the_value_by_value_bytes() -> None:
    # Records whose values need no escaping are written from per-shape templates; the bytes
    # must be those of the value-by-value writer, and any value that needs escaping or
    # cleaning must send its whole record down that writer.
    records = [*all_generated_records(), *sample_records()]
    plain = [r for r in records if xml._plain_element(r) is not None]
    assert len(plain) > 0.9 * len(records)
    for record in plain:
        assert xml._plain_element(record) == xml._element(record)
    awkward = sample_records()[0]
    for text in ("a&b", "x<y", 'say "hi"', "tab\there", "bell\x07"):
        awkward["demographics"]["unit"] = text
        assert xml._plain_element(awkward) is None
    awkward["demographics"]["unit"] = "Ελληνικά Кирилиця Čeština"
    assert xml._plain_element(awkward) == xml._element(awkward)


def _odd_lists(record: dict) -> list[dict]:
    """Copies of the record with lists the per-shape templates must not get wrong."""
    mixed = copy.deepcopy(record)
    mixed["vitals"] = [mixed["vitals"][0], 5, "text"]
    one_key = copy.deepcopy(record)
    one_key["deadlines"] = [{"care": "a"}, {"care": "b"}]
    null = copy.deepcopy(record)
    null["vitals"][0]["value"] = None
    scalars = copy.deepcopy(record)
    scalars["tags"] = [1, 2.5, True, None]
    reordered = copy.deepcopy(record)
    reordered["vitals"] = [dict(reversed(list(v.items()))) for v in reordered["vitals"]]
    return [mixed, one_key, null, scalars, reordered]


@pytest.mark.parametrize("case", range(5))
def test_the_unescaped_path_handles_odd_lists(case: int) -> None:
    record = _odd_lists(sample_records()[0])[case]
    plain = xml._plain_element(record)
    assert plain is not None
    assert plain == xml._element(record)
