"""Spec for identity cues: what names one event beyond its place and day (sentences our own)."""

from __future__ import annotations

import pytest

from harmledger.extract.identity import identity_cues
from tests.conftest import SEED_FILE

CUES = [
    ("A strike hit the home of the Haddad family in the Rimal neighbourhood.", {"family:haddad", "area:rimal"}),
    ("Members of the al-Masri family were among the dead.", {"family:masri"}),
    ("Nine people from the Abu Hamad family were killed.", {"family:abu hamad"}),
    ("His family said he had left the house an hour before.", set()),
    ("The whole family was wiped out.", set()),
    ("Rami Saleh (41) and his wife Huda Saleh, 35, were killed.", {"name:rami saleh", "name:huda saleh"}),
    ("The dead man was identified as Omar Khaled Nasser.", {"name:omar khaled nasser"}),
    ("Shells struck the Al-Nour Hospital compound.", {"site:nour hospital"}),
    ("Gunmen stormed the Central Market in the town.", {"site:central market"}),
    # Where the wounded were taken is not the event's site.
    ("The wounded were taken to the Al-Nour Hospital.", set()),
    ("Doctors at Nasser Hospital counted twelve bodies.", set()),
    ("A drone hit a car near the Kuwait roundabout on Salah al-Din Street.", {"area:kuwait", "area:salah al din"}),
    ("The raid on Jabalia camp killed five.", {"area:jabalia"}),
    ("Gunmen attacked Kadawa village in Zamfara state.", {"village:kadawa"}),
    ("Gunmen stormed the village of Tungan Dutse at dawn.", {"village:tungan dutse", "time:morning"}),
    ("Gunmen raided the Kufai and Ramin Dawa communities.", {"village:kufai", "village:ramin dawa"}),
    # a site for displaced people is named like a village
    ("Militiamen attacked a camp for displaced people at Lala overnight.", {"village:lala", "time:night"}),
    ("Gunmen hit the Plaine Savo displacement site.", {"village:plaine savo"}),
    ("A bomb went off in the Dasht-e-Barchi neighbourhood.", {"area:dasht e barchi"}),
    # who runs a school is not its name (two reports' "UN school" and "al-Sardi school" clashed)
    ("An air strike hit a UN school in Gaza's Nuseirat camp.", {"area:nuseirat"}),
    ("Jets struck the UNRWA school in Nuseirat.", set()),
    # … but an acronym of its own is a hotel's name, and a siege or an assault targets it
    ("Forces ended the siege at the SYL Hotel on Friday.", {"site:syl hotel"}),
    ("The assault on the Dayah Hotel lasted six hours.", {"site:dayah hotel"}),
    ("The strike came before dawn.", {"time:night"}),
    ("The toll from Thursday night's assault on the district rose to 20.", {"time:night"}),
    ("The blast went off in the afternoon.", {"time:afternoon"}),
    ("Shelling resumed at dawn.", {"time:morning"}),
    ("A drone struck a crowd in the evening.", {"time:evening"}),
    ("Shells fell on the neighbourhood of Shujaiya.", {"area:shujaiya"}),
]


@pytest.mark.parametrize(("text", "expected"), CUES)
def test_identity_cues(text: str, expected: set[str]) -> None:
    assert set(identity_cues(text)) == expected


def test_a_cue_pattern_is_skipped_only_where_it_could_not_match() -> None:
    # Guard for the scan's shortcut: each cue pattern is tried only where the lowered text holds
    # what it needs, so every match (over the examples above and the seed article) holds it too.
    from harmledger.extract.identity import _NEEDS

    texts = [text for text, _ in CUES] + [text.upper() for text, _ in CUES] + [SEED_FILE.read_text(encoding="utf-8")]
    matched = set()
    for pattern, needs in _NEEDS.items():
        for text in texts:
            for m in pattern.finditer(text):
                matched.add(pattern)
                assert needs.search(m.group(0).lower()), (pattern.pattern[:40], m.group(0))
    assert matched == set(_NEEDS)  # every pattern was tried on a text it matches


def _village_cues(text: str) -> list[tuple[str, set[str]]]:
    from harmledger.extract import extract_claims
    from harmledger.extract.identity import attach_identity
    from harmledger.records import Document

    doc = Document(id="d", original=text.encode(), text=text, origin="test", genre="news")
    return [
        (c.quote[:24], {cue for cue in c.identity if cue.startswith("village:")})
        for c in attach_identity(doc, extract_claims(doc))
        if c.count is not None
    ]


def test_a_village_is_the_cue_of_its_own_sentence_and_the_next_not_of_one_naming_its_own_place() -> None:
    text = (
        "Gunmen stormed the village of Tungan Dutse on Sunday. Four farmers were killed. In Kaduna, two traders died."
    )
    cues = dict(_village_cues(text))
    assert cues["Four farmers were killed"] == {"village:tungan dutse"}
    assert cues["In Kaduna, two traders d"] == set(), cues


def test_a_village_named_after_a_lead_is_the_leads_until_the_text_turns_to_another_place() -> None:
    text = (
        "An air strike killed at least 31 people on Friday, residents said. Two jets bombed Let Yet Kone "
        "village as people gathered. In Depayin, a strike on a monastery killed six novices."
    )
    cues = dict(_village_cues(text))
    assert cues["An air strike killed at "] == {"village:yet kone"}, cues
    assert cues["In Depayin, a strike on "] == set(), cues


def test_a_sentence_opening_on_a_new_place_starts_a_story_and_one_on_the_storys_place_does_not() -> None:
    from harmledger.extract import extract_claims
    from harmledger.extract.identity import attach_identity
    from harmledger.records import STORY_CUE_PREFIX, Document

    text = (
        "Air strikes killed seven people in Kafr Nabl on Thursday. In Kafr Nabl, rescuers pulled three more "
        "bodies from the rubble. In Hama countryside, shelling wounded five people."
    )
    doc = Document(id="d", original=text.encode(), text=text, origin="test", genre="news")
    stories = [c.cue(STORY_CUE_PREFIX) for c in attach_identity(doc, extract_claims(doc)) if c.count is not None]
    assert stories[0] == stories[1] == "" and stories[2] != "", stories
    # … nor one that tells the attack before in one of its places ("the attackers")
    text = "Gunmen attacked two villages, killing 16 people. In Mushu village, the attackers shot dead 11 people."
    doc = Document(id="d", original=text.encode(), text=text, origin="test", genre="news")
    stories = [c.cue(STORY_CUE_PREFIX) for c in attach_identity(doc, extract_claims(doc)) if c.count is not None]
    assert stories == ["", ""], stories


def test_another_events_figure_takes_no_cue_from_the_reports_own_event_around_it() -> None:
    from harmledger.extract import extract_claims
    from harmledger.extract.identity import attach_identity
    from harmledger.records import OTHER_EVENT_CUE, Document

    text = (
        "At least five people were killed on Wednesday evening when a bomb exploded at a tea shop near the "
        "Ex-Control Afgoye junction, police said. The blast came a day after an air strike in the north "
        "killed a dozen fighters."
    )
    doc = Document(id="d", original=text.encode(), text=text, origin="test", genre="news")
    own, other = [c.identity for c in attach_identity(doc, extract_claims(doc)) if c.count is not None]
    assert "area:ex control afgoye" in own and "time:evening" in own
    assert other == (OTHER_EVENT_CUE,)
