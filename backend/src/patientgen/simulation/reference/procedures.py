"""Treatments (SNOMED CT procedures) and the rules that pick them per role.

Codes were checked against SNOMED International's IPS free set (procedures) and a
national EMS quality-measure value set (tourniquet, pressure, airway). No code here is
invented; when no suitable verified procedure exists, no treatment is recorded.
"""

from __future__ import annotations

from patientgen.simulation.enums import Role

PROCEDURES: dict[str, tuple[str, str]] = {
    "tourniquet": ("20655006", "Application of tourniquet"),
    "pressure": ("447686008", "Application of pressure to wound"),
    "airway": ("426153007", "Insertion of artificial airway"),
    "intubation": ("23674004", "Orotracheal intubation"),
    "iv": ("386340006", "Intravenous therapy"),
    "transfusion": ("116859006", "Transfusion of blood product"),
    "chest_drain": ("264957007", "Insertion of pleural tube drain"),
    "laparotomy": ("86481000", "Laparotomy"),
    "amputation": ("397117006", "Amputation of lower limb"),
    "reduce_open_fracture": ("122471009", "Reduction of open fracture"),
    "orif": ("20701002", "Open reduction of fracture with internal fixation"),
    "orif_femur": ("57470004", "Open reduction of fracture of femur with internal fixation"),
    "xray": ("363680008", "Radiographic imaging procedure"),
    "ct_brain": ("34227000", "CT of brain"),
    "craniotomy": ("25353009", "Craniotomy"),
    "ventilation": ("40617009", "Artificial respiration"),
    "skin_graft": ("304040003", "Grafting to skin"),
    "foreign_body": ("10849003", "Removal of foreign body"),
    "wound_drainage": ("177694006", "Incision and drainage of wound"),
    "dressing": ("18949003", "Change of dressing"),
    "pain": ("278414003", "Pain management"),
    "assessment": ("225886003", "Medical assessment"),
    "lab": ("15220000", "Laboratory test"),
    "abscess_drainage": ("284181007", "Incision and drainage of abscess"),
    "psych": ("10197000", "Psychiatric interview and evaluation"),
    "spinal_decompression": ("10836008", "Decompression of spinal cord"),
    "postop": ("133899007", "Postoperative care"),
    "physio": ("91251008", "Physical therapy procedure"),
    "rehab": ("52052004", "Rehabilitation therapy"),
}

# When each procedure usually comes, in minutes after the start of care at a role (POI
# procedures come with first aid). Planning values after the 10-1-2 rule and damage-control
# surgery practice: resuscitation and airway at once, imaging and damage-control surgery
# within the first hours, definitive surgery and grafting later in the stay; docs/simulation.md.
PROCEDURE_MINUTES: dict[str, tuple[int, int]] = {
    "tourniquet": (0, 0), "pressure": (0, 0), "airway": (0, 0),
    "assessment": (0, 15), "ventilation": (0, 20), "intubation": (3, 20), "iv": (5, 20),
    "transfusion": (5, 30), "chest_drain": (5, 30), "pain": (5, 30), "xray": (10, 45),
    "ct_brain": (10, 40), "lab": (10, 40), "dressing": (10, 45), "laparotomy": (20, 90),
    "craniotomy": (30, 90), "amputation": (30, 120), "psych": (30, 180),
    "reduce_open_fracture": (45, 180), "wound_drainage": (45, 180), "foreign_body": (60, 240),
    "abscess_drainage": (60, 240), "spinal_decompression": (60, 360), "postop": (90, 600),
    "orif": (120, 720), "orif_femur": (120, 720), "skin_graft": (240, 1440),
    "physio": (1440, 2880), "rehab": (1440, 4320),
}  # fmt: skip

_WOUNDS = {"bullet_wound", "open_wound", "amputation", "open_fracture", "facial_laceration"}
_CHEST = {"pneumothorax", "tension_pneumothorax", "haemothorax"}
_HEAD = {"tbi", "tbi_loc", "tbi_no_loc", "concussion"}
_BRAIN_SURGERY = {"tbi", "tbi_loc"}  # a severe brain injury; never a concussion alone
_PENETRATING = {"bullet_wound", "open_wound"}  # what a laparotomy explores; never a burn
_BURNS = {"burn", "burn_2", "burn_3"}
_FRACTURES = {"open_fracture", "femur_fracture"}
_GI = {"gastroenteritis", "diarrhoea", "dehydration"}
_RESP = {"uri", "pneumonia", "bronchitis"}
# severe conditions that need breathing support after surgery, whatever the airway
_VENTILATED = _CHEST | {"haemorrhagic_shock", "multiple_injuries", "pneumonia"}
# conditions that compromise an airway (with a GCS of 8 or less, any severe trauma can)
_AIRWAY = _HEAD | {"facial_laceration", "haemorrhagic_shock", "multiple_injuries"}

# The conditions each procedure treats, by key: a procedure done for a patient treats the first
# of the patient's conditions listed here for it, else the primary condition (the rule of the
# FHIR export's Procedure.reasonReference, docs/exports.md). Procedures not listed (assessment,
# imaging, laboratory, pain management, postoperative care, rehabilitation) treat the primary.
INDICATIONS: dict[str, frozenset[str]] = {
    "tourniquet": frozenset(_WOUNDS),
    "pressure": frozenset(_WOUNDS),
    "airway": frozenset(_AIRWAY),
    "intubation": frozenset(_AIRWAY),
    # fluids and drugs: shock, blood or fluid loss, fractures, chest and severe brain injury
    "iv": frozenset(
        _WOUNDS
        | _BURNS
        | _FRACTURES
        | _CHEST
        | _GI
        | _BRAIN_SURGERY
        | {"haemorrhagic_shock", "multiple_injuries", "vertebral_cord"}
    ),
    "transfusion": frozenset({"haemorrhagic_shock", "amputation", *_CHEST}),
    "chest_drain": frozenset(_CHEST),
    "laparotomy": frozenset({"bullet_wound", "open_wound"}),
    "amputation": frozenset({"amputation"}),
    "reduce_open_fracture": frozenset({"open_fracture"}),
    "orif": frozenset(_FRACTURES),
    "orif_femur": frozenset({"femur_fracture"}),
    "ct_brain": frozenset(_HEAD),
    "craniotomy": frozenset({"tbi", "tbi_loc"}),
    "ventilation": frozenset(_AIRWAY | _VENTILATED),
    "skin_graft": frozenset({"burn_3"}),
    "foreign_body": frozenset({"bullet_wound", "open_wound"}),
    "wound_drainage": frozenset(_WOUNDS),
    "dressing": frozenset(_WOUNDS | _BURNS),
    "abscess_drainage": frozenset({"cellulitis"}),
    "psych": frozenset({"ptsd"}),
    "spinal_decompression": frozenset({"vertebral_cord"}),
    "physio": frozenset(_FRACTURES | {"ankle_sprain", "low_back_pain"}),
}


def treatments_for(
    role: Role, cond: str, second: str | None, band: int, site: str, airway: bool = False
) -> list[str]:
    """Procedure keys done at ``role`` for a patient; order is the order they happen.

    ``site`` is the primary condition's body site. Surgery is only for the region injured: CT
    of brain only with a brain injury or concussion (always on the head, care.body_site),
    craniotomy only with a severe traumatic brain injury, laparotomy only for a penetrating
    abdominal wound (not an abdominal burn or contusion); a patient who has only disease gets
    no trauma procedure (artificial respiration only for severe pneumonia). Airway management
    (an artificial airway at the POI, intubation at Role 1) only when ``airway``: a GCS of 8 or
    less or a severe airway injury; ventilation at Role 3 for those and for severe chest
    injuries, shock and pneumonia."""
    conds = {cond} | ({second} if second else set())
    return [
        p
        for p in _candidates(role, conds, cond, band, site, airway)
        # every procedure treats one of the patient's conditions (INDICATIONS); airway
        # management is indicated by the airway itself, checked where it is chosen
        if p in _BY_AIRWAY or p not in INDICATIONS or conds & INDICATIONS[p]
    ]


_BY_AIRWAY = frozenset({"airway", "intubation"})


def _candidates(
    role: Role, conds: set[str], cond: str, band: int, site: str, airway: bool
) -> list[str]:

    limb = site.endswith("limb")
    out: list[str] = []
    if role is Role.POI:
        if conds & _WOUNDS:
            out.append("tourniquet" if limb and band < 2 else "pressure")
        if airway:
            out.append("airway")
        return out
    if role is Role.R1:
        if conds & _GI or conds & _RESP or "cellulitis" in conds or "ptsd" in conds:
            out.append("assessment")
        if band < 2 or conds & _GI:
            out.append("iv")
        if airway:
            out.append("intubation")
        if conds & (_WOUNDS | _BURNS):
            out.append("dressing")
        if conds & (_WOUNDS | _FRACTURES | _CHEST | {"ankle_sprain", "low_back_pain"}):
            out.append("pain")
        if "ptsd" in conds:
            out.append("psych")
        return out
    if role is Role.R2:
        if conds & (_FRACTURES | _CHEST | {"bullet_wound", "ankle_sprain", "vertebral_cord"}):
            out.append("xray")
        if band == 0 and conds & ({"haemorrhagic_shock", "amputation"} | _CHEST):
            out.append("transfusion")
        if conds & _CHEST:
            out.append("chest_drain")
        if site == "abdomen" and cond in _PENETRATING and band < 2:
            out.append("laparotomy")
        if "amputation" in conds and site.endswith("lower limb"):
            out.append("amputation")
        if "open_fracture" in conds:
            out.append("reduce_open_fracture")
        if conds & {"open_wound", "bullet_wound"} and band < 2:
            out.append("foreign_body")
        if conds & _WOUNDS and band < 2:
            out.append("wound_drainage")
        if conds & (_GI | _RESP | {"cellulitis"}):
            out.extend(["lab", "iv"])
        if "cellulitis" in conds:
            out.append("abscess_drainage")
        if "ptsd" in conds:
            out.append("psych")
        return out
    if role is Role.R3:
        if conds & _HEAD:
            out.append("ct_brain")
            if band == 0 and conds & _BRAIN_SURGERY:
                out.append("craniotomy")
        if "femur_fracture" in conds:
            out.append("orif_femur")
        elif conds & _FRACTURES:
            out.append("orif")
        if "vertebral_cord" in conds:
            out.append("spinal_decompression")
        if "burn_3" in conds:
            out.append("skin_graft")
        if airway or (band == 0 and conds & _VENTILATED):
            out.append("ventilation")
        if conds & (_GI | _RESP | {"cellulitis"}):
            out.extend(["xray", "lab"] if conds & _RESP else ["lab"])
        if "ptsd" in conds:
            out.append("psych")
        if band < 2 and out:
            out.append("postop" if {"craniotomy", "orif", "orif_femur"} & set(out) else "pain")
        return out or ["assessment"]
    # Role 4: definitive care and rehabilitation at home.
    return ["physio"] if conds & (_FRACTURES | {"ankle_sprain", "low_back_pain"}) else ["rehab"]


if set(PROCEDURE_MINUTES) != set(PROCEDURES):
    raise RuntimeError("every procedure needs its usual time (PROCEDURE_MINUTES)")
