"""Where and when a report was written is not where and when its event happened.

Wire datelines, the seat of a monitor and the city a statement was made in are toponyms, but a
claim never takes its place from them; a date that only says when something was said gives way
to the event's own date in the text.
"""

from __future__ import annotations

from datetime import date

import pytest

from harmledger.extract import extract_claims
from harmledger.places import find_places, locate_claims
from harmledger.places.locate import sentence_spans
from harmledger.places.reporting import dateline_span
from harmledger.records import WHERE_PREC_ADM1, WHERE_PREC_COUNTRY, WHERE_PREC_NEAR, Claim, Document, Span


def _doc(text: str, published: date | None = None) -> Document:
    return Document(id="t", original=text.encode(), text=text, origin="test", published=published, genre="news")


def _locate(text: str, figure: str, published: date | None = None) -> Claim:
    """The claim whose figure is the first occurrence of ``figure``, placed and dated."""
    start = text.index(figure)
    sentence = next(s for s in sentence_spans(text) if s.start <= start < s.end)
    claim = Claim(
        id="c",
        document_id="t",
        kind="casualty",
        outcome="killed",
        count=None,
        victims="civilians",
        span=Span(start, start + len(figure)),
        sentence=sentence,
        quote=figure,
    )
    doc = _doc(text, published)
    return locate_claims(doc, [claim], find_places(doc))[0]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("BEIRUT, Dec 22 (Reuters) - Shelling hit a market.", "BEIRUT, Dec 22 (Reuters) - "),
        ("Strike on market\nKABUL, Afghanistan (AP) — A bomb went off.", "KABUL, Afghanistan (AP) — "),
        ("MOGADISHU, Somalia, Jan. 3 (Reuters) - Gunmen attacked.", "MOGADISHU, Somalia, Jan. 3 (Reuters) - "),
        ("Aden, March 3 (AFP) - Fighting resumed.", "Aden, March 3 (AFP) - "),
        ("POPAYÁN, Colombia (AP) - A bomb went off.", "POPAYÁN, Colombia (AP) - "),
        ("WASHINGTON — The Pentagon said.", "WASHINGTON — "),
        # South Asian papers end the dateline with a colon
        ("Bomber kills 44 at rally\n\nKHAR: At least 44 people were killed.", "KHAR: "),
        ("Pakistan: a bomb in the north\nPESHAWAR: A bomb went off.", "PESHAWAR: "),
    ],
)
def test_datelines_are_recognised(text: str, dateline: str) -> None:
    span = dateline_span(text)
    assert span is not None and span.slice(text) == dateline


@pytest.mark.parametrize(
    "text",
    [
        "Manbij - a town on the Euphrates - was shelled.",
        "Five people were killed in Mosul - officials said.",
        "Residents of the Old Market Street District - angry and tired - protested.",
    ],
)
def test_a_sentence_that_starts_with_a_name_and_a_dash_has_no_dateline(text: str) -> None:
    assert dateline_span(text) is None


@pytest.mark.parametrize(
    ("text", "figure", "country", "place"),
    [
        (
            "BEIRUT, March 28 (Reuters) - Government shelling of the town of Douma killed 22 "
            "civilians on Tuesday, a monitoring group said.",
            "22",
            "SY",
            "Douma",
        ),
        (
            "GENEVA (AP) — An air strike on a fish market in Hodeidah killed 14 civilians, the UN "
            "human rights office said in Geneva on Friday.",
            "14",
            "YE",
            "Hodeidah",
        ),
        (
            "Government aircraft bombed Ariha in Idlib province on Monday, killing 9 civilians, according to the "
            "Britain-based monitor.",
            "9",
            "SY",
            "Ariha",
        ),
        (
            "Speaking to reporters in Amman, the envoy said 31 people died when a shell hit a school in Daraa.",
            "31",
            "SY",
            "Daraa",
        ),
        # a spokesman speaks from the state's capital
        (
            "Bandits killed 9 people in a village in Zamfara state, a police spokesman in Gusau told reporters.",
            "9",
            "NG",
            "Zamfara",
        ),
        # the twin city only describes the city the market is in
        (
            "Between 12 and 15 people were killed on Friday when shells landed in a market in the north of "
            "Omdurman, Khartoum's twin city, medics said.",
            "Between 12 and 15",
            "SD",
            "Omdurman",
        ),
        # the state's prosecutors spoke; the shooting was in a town of the state
        (
            "Two more of those wounded in the shooting at a party in Salvatierra died, bringing the number of dead "
            "to 12, Guanajuato prosecutors said on Monday.",
            "12",
            "MX",
            "Salvatierra",
        ),
    ],
)
def test_an_event_is_placed_where_it_happened_not_where_it_was_reported(
    text: str, figure: str, country: str, place: str
) -> None:
    claim = _locate(text, figure)
    assert claim.place is not None and claim.place.country == country, claim.place
    assert claim.place.text == place


def test_a_country_the_dateline_names_stands_beside_a_place_the_gazetteer_lacks() -> None:
    text = "PORT-AU-PRINCE, Haiti - The death toll from Thursday's gang assault on Solino has risen to 20, police said."
    claim = _locate(text, "20")
    assert claim.place is not None and (claim.place.country, claim.place.precision) == ("HT", 6), claim.place


def test_a_datelines_town_gives_its_country_beside_a_place_the_gazetteer_lacks() -> None:
    # the district is unknown here ("Hodan" is no Houdan, France), and nothing points to another country
    text = "MOGADISHU - Two children died when a mortar round hit their home in Hodan district on Friday."
    claim = _locate(text, "Two")
    assert claim.place is not None and (claim.place.country, claim.place.precision) == ("SO", WHERE_PREC_COUNTRY)
    assert "the gazetteer places none of the text's own names ('Hodan')" in (claim.place.reason or ""), claim.place


def test_a_name_with_french_particles_is_one_place() -> None:
    text = "Five people were shot dead on Friday in the Solino neighbourhood of Port-au-Prince, police said."
    claim = _locate(text, "Five")
    assert claim.place is not None and (claim.place.name, claim.place.country) == ("Port-au-Prince", "HT"), claim.place


def test_a_name_inside_a_groups_name_is_no_place_of_another_country_beside_the_dateline() -> None:
    # "Gul" inside the group's name reads as Uganda's Gulu: it spoke against the dateline's country
    text = (
        "BANNU: Seven policemen were killed at a checkpoint on Saturday, police said. The Hafiz Gul Bahadur group "
        "claimed responsibility."
    )
    claim = _locate(text, "Seven")
    assert claim.place is not None and claim.place.country == "PK", claim.place


@pytest.mark.parametrize(
    "text",
    [
        # a regional bureau's city is no guess at the event's country
        "BANGKOK (Reuters) - Junta aircraft bombed a village, killing 11 people on Sunday, a resistance group said.",
        "NAIROBI, Kenya (AP) - Militants killed 11 people in an attack on Sunday, a regional official said.",
        # nor is Geneva, where UN offices speak of events elsewhere
        "GENEVA (AP) - An air strike on a market in Qaryat Zubayr killed 11 civilians, the UN said.",
    ],
)
def test_a_dateline_that_need_not_be_the_events_country_places_nothing(text: str) -> None:
    claim = _locate(text, "11")
    assert claim.place is None or claim.place.country not in ("TH", "KE", "CH"), claim.place


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Gunmen killed 6 villagers in Kaya on Sunday. Nine wounded were taken to hospital in Ouagadougou.", "Nine"),
        # (a guard: the claim's own sentence names Kaya)
        ("Gunmen killed 6 villagers in Kaya on Sunday. Residents fled toward the capital Ouagadougou.", "6"),
        ("A mortar hit a school in Kaya. The 4 injured were rushed to Ouagadougou for surgery.", "4"),
        ("A bomb went off in Kaya on Monday. The toll rose to 4 after a girl died in hospital in Ouagadougou.", "4"),
        ("A bomb hit a market in Kaya on Sunday. 2 more victims died at the Yalgado Hospital in Ouagadougou.", "2"),
        ("Gunmen attacked Kaya on Sunday. The attack killed 6 villagers and thousands fled, many to Ouagadougou.", "6"),
    ],
)
def test_where_the_wounded_were_taken_or_people_fled_is_not_the_events_place(text: str, figure: str) -> None:
    claim = _locate(text, figure)
    assert claim.place is not None and claim.place.text == "Kaya", claim.place


def test_the_place_in_the_name_of_an_event_the_text_refers_to_is_not_the_claims() -> None:
    text = (
        "Seven militants were killed in an army raid in Butig, Lanao del Sur, on Saturday. Among them was "
        "a commander the army linked to the Cotabato City market bombing. No soldiers were hurt, the army said."
    )
    claim = _locate(text, "No")
    assert claim.place is not None and claim.place.text == "Butig", claim.place


def test_the_place_of_an_earlier_event_a_report_sets_beside_its_own_is_not_the_claims() -> None:
    text = "Gunmen killed 12 people on Monday in the village, days after the Makurdi massacre, residents said."
    claim = _locate(text, "12")
    assert claim.place is None or claim.place.text != "Makurdi", claim.place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Armed youth from Bor raided cattle camps near Yirol on Saturday, killing 17 people.", "Yirol"),
        # the raiders' town is no place for a raid on a county the gazetteer lacks
        ("Armed youth from Bor raided cattle camps in Twic East County on Saturday, killing 17 people.", None),
        ("Gunmen from neighbouring Bor attacked the market in Yirol, killing 17 traders.", "Yirol"),
    ],
)
def test_where_the_attackers_came_from_is_not_the_events_place(text: str, place: str | None) -> None:
    claim = _locate(text, "17")
    assert (claim.place.text if claim.place else None) == place, claim.place


@pytest.mark.parametrize(
    ("text", "figure", "place"),
    [
        (
            "Gunmen ambushed the car of Musa Bello on the road to Owerri, Imo State, on Friday. Bello, a Kano "
            "State politician, was shot dead with his two aides.",
            "two",
            "Owerri",
        ),
        ("A Lagos businessman and his driver were killed by kidnappers in Lokoja on Monday.", "driver", "Lokoja"),
    ],
)
def test_where_a_person_is_from_is_not_where_they_were_killed(text: str, figure: str, place: str) -> None:
    claim = _locate(text, figure)
    assert claim.place is not None and claim.place.text == place, claim.place


@pytest.mark.parametrize(("surface", "name"), [("KODOKWA", "Kodokwa"), ("Kodokwa", "Kodokwa"), ("KOD", "KOD")])
def test_a_datelines_capitals_are_no_part_of_a_name_the_gazetteer_lacks(surface: str, name: str) -> None:
    from harmledger.places.finder import Mention
    from harmledger.places.gazetteer import get_gazetteer
    from harmledger.places.geoparse import area_fallback

    [area] = [e for e in get_gazetteer().find("Upper Nile")[0] if e.feature == "ADM1"]
    ref = area_fallback(Mention(0, len(surface), surface, (), "", False), area)
    assert (ref.text, ref.name, ref.admin1) == (surface, name, "Upper Nile")


@pytest.mark.parametrize(
    "text",
    [
        "Los combates estallaron el jueves en El Tarra. Murieron 6 campesinos y 500 familias fueron desplazadas "
        "hacia Cúcuta.",
        # every town of the list is where they went
        "Los combates estallaron el jueves en El Tarra. Murieron 6 campesinos y 500 familias fueron desplazadas "
        "hacia Ocaña, Cúcuta y Tibú.",
    ],
)
def test_where_people_were_displaced_to_is_not_the_events_place_in_spanish(text: str) -> None:
    claim = _locate(text, "6")
    assert claim.place is not None and claim.place.text == "El Tarra", claim.place


@pytest.mark.parametrize(
    "text",
    [
        "Angry protesters attacked the homes of legislators in Imphal, and one man was shot dead on Sunday when "
        "security forces opened fire on the crowd in Jiribam town.",
        "Protesters attacked the homes of legislators in Imphal; one man was shot dead on Sunday when security "
        "forces opened fire on the crowd outside the police station in Jiribam.",
    ],
)
def test_a_place_of_the_sentences_other_clause_is_not_the_claims(text: str) -> None:
    claim = _locate(text, "one")
    assert claim.place is not None and claim.place.text == "Jiribam", claim.place


def test_a_place_named_before_the_claim_stays_when_its_own_clause_names_none() -> None:
    text = "Security forces killed one man in Imphal, and dozens were hurt as the crowd fled to the market of Jiribam."
    claim = _locate(text, "one")
    assert claim.place is not None and claim.place.text == "Imphal", claim.place


@pytest.mark.parametrize(
    ("text", "figure", "place"),
    [
        # "near" a town is that town's neighbourhood, not another town 30 km off
        (
            "A car bomb exploded outside a hotel in Mogadishu last night, killing six people. Separately, the army "
            "said its forces killed 15 fighters near Afgoye in Lower Shabelle region.",
            "15",
            "Afgoye",
        ),
        # a sentence about neither violence nor a claim names no place of the event
        (
            "Shells wounded 11 civilians in the east of Taiz on Wednesday. No deaths were reported. "
            "Residents must use a winding mountain road to reach the port city of Aden.",
            "No deaths",
            "Taiz",
        ),
    ],
)
def test_a_town_is_refined_only_by_what_its_area_or_bearing_points_at(text: str, figure: str, place: str) -> None:
    claim = _locate(text, figure)
    assert claim.place is not None and claim.place.text == place, claim.place


def test_a_local_name_read_as_a_namesake_abroad_by_another_of_its_names_is_no_events_place() -> None:
    # "Boni" is one of Bonn's other names in the gazetteer; the report's own places are Malian
    text = "A bus hit a landmine near Boni in central Mali on Monday, killing 11 passengers."
    claim = _locate(text, "11")
    assert claim.place is not None and claim.place.country == "ML", claim.place


def test_a_division_the_gazetteer_has_only_a_town_of_abroad_is_no_events_place() -> None:
    # Kani is a township of Sagaing; the gazetteer's Kani is a city in Japan
    text = (
        "Jets bombed a village in Sagaing Region on Monday. On Thursday, the air force bombed a monastery "
        "in Kani Township, killing 25 people."
    )
    claim = _locate(text, "25")
    assert claim.place is not None and claim.place.country == "MM", claim.place


def test_a_district_read_outside_the_province_the_text_puts_it_in_is_no_events_place() -> None:
    # the gazetteer's only "Khogyani" is a village in Ghazni; the text says Nangarhar
    text = (
        "JALALABAD, Afghanistan - Two children were killed on Wednesday when an old mortar shell detonated in "
        "Khogyani district of eastern Nangarhar province, police said."
    )
    claim = _locate(text, "Two")
    assert claim.place is not None and claim.place.admin1 == "Nangarhar", claim.place


def test_an_armed_groups_name_is_no_town_abroad() -> None:
    # Fano is an Amhara militia; the gazetteer's Fano is a town in Italy
    text = (
        "BAHIR DAR, Ethiopia - A drone strike on a minibus near Debre Markos in Ethiopia's Amhara region killed "
        "11 civilians on Sunday, residents said. Residents blamed the Ethiopian National Defence Force (ENDF). "
        "Last week, the army said it had killed 150 Fano fighters in operations in East Gojjam zone."
    )
    claim = _locate(text, "150")
    assert claim.place is not None and claim.place.country == "ET", claim.place


def test_a_datelines_country_keeps_a_town_named_by_another_of_its_names() -> None:
    # "Hodeidah" is one of Al Hudaydah's other names; the dateline says it is Yemen's, beside
    # the Israel the last sentence names
    text = (
        "HODEIDAH, Yemen - Israeli warplanes struck the port in Hodeidah early on Thursday, killing 9 people. "
        "The Israeli military said it hit the port after missile attacks on Israel."
    )
    claim = _locate(text, "9")
    assert claim.place is not None and claim.place.country == "YE", claim.place


def test_a_place_named_by_another_of_its_names_among_its_own_countrys_places_stays() -> None:
    # guard: "Idleb" is Idlib's other name, and "Russian" is no place of the report
    text = "Russian airstrikes hit an industrial area of Idleb city, killing 19 people."
    claim = _locate(text, "19")
    assert claim.place is not None and claim.place.country == "SY", claim.place


def test_each_figure_of_a_sentence_takes_the_place_named_after_it() -> None:
    text = "Missiles killed six people in the eastern city of Kharkiv and two in the southern port of Odesa."
    assert [_locate(text, figure).place.text for figure in ("six", "two")] == ["Kharkiv", "Odesa"]  # type: ignore[union-attr]


def test_a_headquarters_under_attack_is_the_events_place() -> None:
    # "headquarters in X" seats a body only as its own ("its headquarters in Geneva"); a police
    # headquarters that gunmen fired on is where the event happened.
    text = "Gunmen fired on a police headquarters in Herat, Afghanistan. Three officers were killed."
    claim = _locate(text, "Three")
    assert claim.place is not None and claim.place.text == "Herat", claim.place


@pytest.mark.parametrize("verb", ["denied", "has denied", "said"])
def test_a_capital_speaking_for_its_government_is_not_where_the_event_happened(verb: str) -> None:
    text = f"Residents said 9 people were killed when jets bombed the market. Moscow {verb} its jets were involved."
    claim = _locate(text, "9")
    assert claim.place is None or claim.place.country != "RU", claim.place
    assert any(p.text == "Moscow" and p.country == "RU" for p in find_places(_doc(text)))  # still a toponym


def test_the_seat_of_a_monitor_is_never_an_events_place() -> None:
    text = "At least 7 fighters were killed, the Britain-based monitor said."
    claim = _locate(text, "7")
    assert claim.place is None or claim.place.country != "GB", claim.place


def test_a_report_that_names_only_its_dateline_gets_the_datelines_country_at_country_precision() -> None:
    claim = _locate("KABUL (Reuters) - A roadside bomb killed 5 civilians on Tuesday.", "5")
    assert claim.place is not None
    assert (claim.place.country, claim.place.precision) == ("AF", WHERE_PREC_COUNTRY)


def test_a_short_dateline_in_capitals_is_a_place_not_an_acronym() -> None:
    # NER reads the town as a person's name, and four capitals look like an acronym
    claim = _locate(
        "Bomber kills 44 at rally\n\nKHAR: At least 44 people were killed when a bomber blew himself up "
        "in Khar on Sunday.",
        "44 people",
    )
    assert claim.place is not None and claim.place.name == "Khar" and claim.place.country == "PK", claim.place


def test_the_datelines_toponym_is_still_a_place_mention() -> None:
    places = find_places(_doc("BEIRUT (Reuters) - Shelling of Douma killed 4 people."))
    assert [p.text for p in places if p.resolved] == ["BEIRUT", "Douma"]


WED = date(2018, 3, 28)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "figure", "published", "day"),
    [
        # The event's own date beats the day it was said.
        (
            "Investigators said on Wednesday that 31 civilians died in the March 17 coalition air strike on a school.",
            "31",
            WED,
            date(2018, 3, 17),
        ),
        ("Officials on Tuesday said 12 people were killed in the August 9 bombing.", "12", WED, date(2017, 8, 9)),
        (
            "The ministry said in a statement on Monday that 6 soldiers were killed last Thursday.",
            "6",
            WED,
            date(2018, 3, 22),
        ),
        (
            "On the night of 9 August, shells killed 4 children, the group told reporters on Friday.",
            "4",
            date(2018, 9, 2),
            date(2018, 8, 9),
        ),
        # A dateline's date is when the report was written.
        ("BEIRUT, March 28 (Reuters) - Shelling killed 22 civilians on Tuesday.", "22", WED, date(2018, 3, 27)),
        # a date of what happened later dates that, not the attack
        (
            "Gunmen attacked a fuel depot on 3 May 2021. They injured 2 guards, who were later flown to the "
            "capital on 9 May 2021.",
            "2 guards",
            date(2021, 5, 20),
            date(2021, 5, 3),
        ),
        # the day a toll rose to a figure is not the day of the attack it counts
        (
            "The toll from Monday's bombing of the bus station rose to 23 on Wednesday as two more died.",
            "23",
            WED,
            date(2018, 3, 26),
        ),
        # a weekday that introduces a calendar date gives way to it
        ("Gunmen killed 6 people in a village on Saturday, March 17, police said.", "6", WED, date(2018, 3, 17)),
        # "Thursday last week" is the Thursday of the week before publication's (a Saturday here)
        ("Shelling killed 4 people on Thursday last week.", "4", date(2018, 3, 31), date(2018, 3, 22)),
        # whom residents spoke to ends their sentence; the next one opens on its own day
        (
            "Jets struck the village again, residents told RFA. On Tuesday, a bomb killed 11 pupils at a school. "
            "On Thursday, a drone hit the market.",
            "11",
            WED,
            date(2018, 3, 27),
        ),
        # With no event date anywhere, the day it was said is better than nothing.
        ("Police said on Monday that 3 people were killed.", "3", WED, date(2018, 3, 26)),
    ],
)
def test_the_events_date_in_the_text_wins(text: str, figure: str, published: date, day: date) -> None:
    claim = _locate(text, figure, published)
    assert claim.date is not None and claim.date.start == day, claim.date


def test_a_month_day_after_publication_belongs_to_the_year_before() -> None:
    claim = _locate("Relatives said 8 people died in the December 30 raid.", "8", date(2019, 1, 4))
    assert claim.date is not None and claim.date.start == date(2018, 12, 30)


def test_an_event_date_in_an_earlier_sentence_beats_the_day_it_was_said() -> None:
    text = "An air strike hit the market on March 17. Officials said on Wednesday that 31 people were killed."
    claim = _locate(text, "31", WED)
    assert claim.date is not None and claim.date.start == date(2018, 3, 17)


def test_an_event_date_in_the_next_sentence_beats_the_day_it_was_said() -> None:
    # a wire lead dates only the statement; the sentence after it dates the shelling
    text = (
        "Shelling killed at least 40 people in a displacement camp, a doctors' group said on Wednesday. "
        "The group said the shells hit the camp on Monday afternoon."
    )
    claim = _locate(text, "at least 40", WED)
    assert claim.date is not None and claim.date.start == date(2018, 3, 26)


def test_a_running_toll_that_names_no_place_is_the_countrys_not_the_strikes_town() -> None:
    text = (
        "Shelling hit the market of Ariha in Idlib province on Monday, killing 9 civilians. "
        "More than 400 civilians have been killed in the war this year, the monitor said."
    )
    doc = _doc(text, None)
    claims = {c.count.text: c for c in locate_claims(doc, extract_claims(doc), find_places(doc)) if c.count}
    strike, toll = claims["9"], claims["More than 400"]
    assert strike.place is not None and strike.place.text == "Ariha"
    assert toll.scope == "cumulative"
    assert toll.place is not None
    assert (toll.place.country, toll.place.precision) == ("SY", WHERE_PREC_COUNTRY)


def test_a_title_that_dates_the_event_dates_the_claims_nothing_nearer_dates() -> None:
    text = (
        "Riverside district: air strike on a family home, 1 June 2016\n\n"
        "Five members of one family were killed when an air strike destroyed their house, a relative said."
    )
    doc = _doc(text, date(2016, 6, 20))
    [claim] = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert claim.date is not None and claim.date.start == date(2016, 6, 1)
    assert "title" in (claim.date.reason or "")


@pytest.mark.parametrize(
    ("text", "figure", "country"),
    [
        # Bor is also a town in Russia
        ("JUBA, South Sudan, June 15 (AFP) - Cattle raiders killed 17 people near Bor on Thursday.", "17", "SS"),
        # guards: a dateline's town alone is only where the writer sat, and a country the text
        # names beats the dateline's
        ("WASHINGTON (AP) - A gunman killed 5 people in Paris on Friday.", "5", "FR"),
        ("KABUL, Afghanistan (AP) - A bomb killed 4 people in Mardan, Pakistan, on Friday.", "4", "PK"),
    ],
)
def test_a_country_named_in_the_dateline_decides_a_namesake_when_the_text_names_none(
    text: str, figure: str, country: str
) -> None:
    claim = _locate(text, figure)
    assert claim.place is not None and claim.place.country == country, claim.place


@pytest.mark.parametrize(
    ("text", "figure", "place"),
    [
        # Pokrovsk is also a town in Sakha; a Russian drone is who struck, not where
        ("Russian shelling killed 3 people in Pokrovsk on Monday, the governor said.", "3", "Pokrovsk"),
        (
            "A Russian drone hit a car in Kherson on Monday, killing 2 men. Russian attacks across Kherson Oblast "
            "wounded nine others.",
            "2",
            "Kherson",
        ),
        ("A Russian drone attack on Zaporizhzhia overnight killed 4 people.", "4", "Zaporizhzhia"),
    ],
)
def test_a_nationality_before_a_weapon_names_the_attacker_not_the_events_country(
    text: str, figure: str, place: str
) -> None:
    claim = _locate(text, figure)
    assert claim.place is not None and (claim.place.text, claim.place.country) == (place, "UA"), claim.place


def test_a_country_before_a_weapon_is_the_attacker_not_the_events_place() -> None:
    text = "The health ministry said the toll was rising. On 17 April, US strikes on the Ras Isa fuel port killed at least 74 people."
    claim = _locate(text, "at least 74")
    assert claim.place is None or claim.place.country != "US", claim.place


@pytest.mark.parametrize(
    ("text", "figure", "country"),
    [
        # "Eid" is also a village in Norway
        ("Shelling killed 10 people in Maarat al-Numan during Eid prayers on Tuesday.", "10", "SY"),
        # the article written in lower case belongs to the name, whatever NER makes of it
        ("Clashes in al-Mayadin killed 6 fighters on Saturday night.", "6", "SY"),
    ],
)
def test_a_holiday_is_no_place_and_a_lowercase_article_is_part_of_the_name(
    text: str, figure: str, country: str
) -> None:
    claim = _locate(text, figure)
    assert claim.place is not None and claim.place.country == country, claim.place


@pytest.mark.parametrize(
    ("text", "figure", "city"),
    [
        ("Clashes between rival militias killed 12 people in the Libyan capital on Friday.", "12", "Tripoli"),
        ("A car bomb killed 5 people in the Somali capital on Sunday.", "5", "Mogadishu"),
    ],
)
def test_a_countrys_capital_named_by_its_nationality_is_the_city_not_the_country(
    text: str, figure: str, city: str
) -> None:
    claim = _locate(text, figure)
    assert claim.place is not None and claim.place.name == city, claim.place


def test_a_sentence_naming_a_place_the_gazetteer_lacks_takes_only_the_province_of_another_storys_town() -> None:
    # "Myinmu" is missing from the gazetteer; Shwebo, 60 km away, is the day before's strike
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse_document

    text = (
        "On Tuesday, a fighter jet bombed a village in Shwebo Township, killing eight villagers. "
        "On Wednesday, a drone dropped explosives on a market in Myinmu, killing 3 vendors."
    )
    found = analyse_document(make_document(text.encode(), origin="t.txt", published=WED))
    places = {c.count.text: c.place for c in found.claims if c.count is not None}
    assert places["eight"] is not None and places["eight"].name == "Shwebo", places
    assert places["3"] is not None and places["3"].name != "Shwebo", places
    assert (places["3"].country, places["3"].precision) == ("MM", WHERE_PREC_ADM1), places


def test_a_place_between_two_towns_is_near_them_not_at_either() -> None:
    text = "Gunmen killed 9 villagers on the road between Ouallam and Banibangou on Sunday."
    claim = _locate(text, "9")
    assert claim.place is not None and claim.place.country == "NE", claim.place
    assert claim.place.precision == WHERE_PREC_NEAR, claim.place


def test_a_french_report_places_its_toll_in_the_town_it_names() -> None:
    # English NER read "des élus locaux de la commune de Saint-Marc" as an organisation, and the
    # hospital's name as a town in France
    from harmledger.documents.make import make_document

    text = (
        "Le bilan de l'attaque du gang contre Pont-Sondé jeudi s'est alourdi à 115 morts, selon des élus locaux "
        "de la commune de Saint-Marc. Au moins 16 blessés ont été transportés à l'hôpital Saint-Nicolas."
    )
    doc = make_document(text, "report.txt", published=date(2024, 10, 5))
    claims = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert {
        (c.count.text, c.place.name if c.place else None, c.place.country if c.place else None) for c in claims
    } == {
        ("115", "Saint-Marc", "HT"),
        ("Au moins 16", "Saint-Marc", "HT"),
    }


def test_several_nationalities_of_the_dead_place_nothing() -> None:
    claim = _locate("Two Filipino sailors and a Vietnamese crew member were killed when the ship was hit.", "Two")
    assert claim.place is None, claim.place


def test_foreigners_named_as_such_are_not_placed_in_their_country() -> None:
    # the dead were away from home: their nationality says nothing of where the bomb went off
    claim = _locate("Three Japanese nationals were killed when a bomb hit their minibus near the dam.", "Three")
    assert claim.place is None, claim.place
    # … where a people named by its nationality still points to its country
    claim = _locate("Seven Afghan soldiers were killed when a bomb hit their vehicle near the dam.", "Seven")
    assert claim.place is not None and claim.place.country == "AF", claim.place


def test_a_hyphenated_name_the_gazetteer_lacks_is_not_its_first_part() -> None:
    # "Pont" alone is another name of Pont-Sainte-Maxence, France
    assert _locate("Gangs attacked the town of Pont-Sonde on Thursday, killing 70 people.", "70").place is None
    claim = _locate("Gang members killed at least 70 people in Pont-Sonde, Haiti, on Thursday.", "at least 70")
    assert claim.place is not None and (claim.place.text, claim.place.country) == ("Pont-Sonde", "HT"), claim.place


def test_a_governorate_in_brackets_after_a_village_does_not_replace_it() -> None:
    # a roundup names each place's governorate in brackets: the village is where it happened
    text = "- On 5 February, settlers attacked the village of Sinjil (Ramallah), and a woman was injured."
    claim = _locate(text, "woman")
    assert claim.place is not None and claim.place.text == "Sinjil", claim.place


def test_another_event_set_days_apart_takes_no_day_from_the_reports_own_event() -> None:
    from harmledger.extract.identity import attach_identity

    text = (
        "Two soldiers were killed at a checkpoint near Jenin on 7 February 2025, the army said. "
        "The attack came days after the drone strike in Tammun that killed four men."
    )
    doc = _doc(text, date(2025, 2, 8))
    [other] = [c for c in attach_identity(doc, extract_claims(doc)) if c.quote.startswith("The attack")]
    [located] = locate_claims(doc, [other], find_places(doc))
    assert located.date is None


def test_the_day_captives_were_freed_does_not_date_their_abduction() -> None:
    text = (
        "Gunmen attacked guests at a hotel in Ado Ekiti, Nigeria. Several people were wounded. At least two "
        "guests were taken hostage and were released on June 9, 2021."
    )
    doc = _doc(text, date(2021, 6, 8))
    [taken] = [c for c in extract_claims(doc) if c.outcome == "detained"]
    [located] = locate_claims(doc, [taken], find_places(doc))
    assert located.date is None or str(located.date.start) != "2021-06-09", located.date
