"""An incident's explanation is held as templates and the values they name, and read as its lines.

Every reader (the ledger's JSON, the API, the exports, ``harmledger show``) sees strings; how the
lines are held is the incident's own business.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from harmledger.incidents import Correction, Decisions, correct_incident, reconcile
from harmledger.records import Explanation, Incident, Template, to_jsonable
from harmledger.store.codec import incident_from_json, incident_to_json
from tests.test_incidents_builder import claim, doc

FIGURE = Template("{} low {}: lowest minimum, source {} (claims {})")
CLAIM = Template("claim {}: {} — “{:.140}” (document {:.12}, source {}){}")


def test_each_line_is_written_when_read_as_its_template_says():
    quote = "x" * 150
    lines = Explanation(
        [
            "incident: 1 claim(s)",
            FIGURE("killed", 9, "outlet34", "8698c73c4914daee"),
            CLAIM("8698c73c4914daee", "killed 9", quote, "0123456789abcdef", "afp", ""),
        ]
    )
    assert list(lines) == [
        "incident: 1 claim(s)",
        "killed low 9: lowest minimum, source outlet34 (claims 8698c73c4914daee)",
        f"claim 8698c73c4914daee: killed 9 — “{quote[:140]}” (document 0123456789ab, source afp)",
    ]
    assert len(lines) == 3
    assert lines[1].startswith("killed low 9")
    assert lines[-1].endswith("source afp)")
    assert lines[:2] == (
        "incident: 1 claim(s)",
        "killed low 9: lowest minimum, source outlet34 (claims 8698c73c4914daee)",
    )
    assert "incident: 1 claim(s)" in lines
    assert lines and not Explanation()


def test_an_explanation_equals_the_tuple_of_its_lines_however_it_is_held():
    held = Explanation([FIGURE("killed", 9, "afp", "c1"), "weak: a single independent source"])
    written = ("killed low 9: lowest minimum, source afp (claims c1)", "weak: a single independent source")
    assert held == written
    assert held == Explanation(written)
    assert hash(held) == hash(written) == hash(Explanation(written))
    assert held != written[:1]


def test_a_template_refuses_the_wrong_number_of_values():
    with pytest.raises(ValueError, match="takes 4 values, not 3"):
        FIGURE("killed", 9, "afp")


def test_an_incident_given_its_lines_written_out_holds_them_as_an_explanation():
    incident = Incident(id="i", kind="incident", claim_ids=("c",), explanation=("56 is the floor the writer gives",))
    assert isinstance(incident.explanation, Explanation)
    assert incident.explanation == ("56 is the floor the writer gives",)


def reconciled() -> Incident:
    docs = {"a": doc("a", outlet="AFP"), "b": doc("b", outlet="Reuters")}
    claims = [
        claim("a", low=12, place="manbij", day=date(2016, 7, 19), event="airstrike", victims="civilians"),
        claim("b", low=14, place="manbij", day=date(2016, 7, 19), event="airstrike", victims="civilians"),
    ]
    incidents = [i for i in reconcile(claims, docs) if i.kind == "incident"]
    assert len(incidents) == 1
    return incidents[0]


def test_a_reconciled_incidents_lines_survive_the_ledgers_json_as_plain_strings():
    incident = reconciled()
    lines = list(incident.explanation)
    assert any(line.startswith("linked ") for line in lines)
    assert any(line.startswith("killed low 12: lowest minimum") for line in lines)
    data = json.loads(json.dumps(incident_to_json(incident)))
    assert data["explanation"] == lines
    back = incident_from_json(data)
    assert back == incident
    assert list(back.explanation) == lines
    assert to_jsonable(incident.explanation) == lines


def test_an_analysts_lines_come_after_the_machines():
    incident = reconciled()
    fix = Correction(values={"perpetrator": "Unknown armed group"}, by={"perpetrator": "ana"})
    corrected = correct_incident(incident, fix)
    assert corrected.explanation == (*incident.explanation, "perpetrator set to Unknown armed group by ana")


def test_an_analysts_grade_is_said_after_the_machines_lines():
    claims = [claim("a", low=12, place="manbij", event="airstrike")]
    docs = {"a": doc("a")}
    [machine] = reconcile(claims, docs)
    [graded] = reconcile(claims, docs, decisions=Decisions(grades={machine.id: "confirmed"}))
    assert graded.grade == "confirmed"
    assert graded.explanation == (*machine.explanation, "grade set to confirmed by an analyst")
