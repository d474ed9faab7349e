"""End-to-end geoparsing: toponyms found in text, resolved, with precision and bearing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from harmledger.places import find_places, locate_claims
from harmledger.places.geo import haversine_km
from harmledger.places.locate import sentence_spans
from harmledger.records import (
    WHERE_PREC_ADM1,
    WHERE_PREC_COUNTRY,
    WHERE_PREC_EXACT,
    WHERE_PREC_NEAR,
    Claim,
    Document,
    Span,
)

SEED = Path(__file__).parent.parent / "samples" / "000_211a3c4709587a4d.txt"


def _doc(text: str, published: date | None = None) -> Document:
    return Document(id="t", original=text.encode(), text=text, origin="test", published=published, genre="news")


@pytest.fixture(scope="module")
def seed_places():
    return find_places(_doc(SEED.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("mention", "lat", "lon"),
    [
        ("Manbij", 36.52815, 37.95495),
        ("Aleppo", 36.20124, 37.16117),
        ("Damascus", 33.5102, 36.29128),
        ("Ghouta", 33.52, 36.40),
        ("Kobane", 36.89095, 38.35347),
        ("Mosul", 36.335, 43.11889),
        ("Fallujah", 33.34913, 43.78599),
    ],
)
def test_seed_places_resolve(seed_places, mention: str, lat: float, lon: float) -> None:
    found = [p for p in seed_places if p.text == mention]
    assert found, f"{mention} not found"
    for p in found:
        assert p.resolved and haversine_km(p.lat, p.lon, lat, lon) < 10, p


def test_every_mention_has_its_span(seed_places) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert seed_places
    for p in seed_places:
        assert p.span is not None and p.span.slice(text) == p.text


@pytest.mark.parametrize(
    ("text", "mention", "precision", "bearing"),
    [
        ("The strike killed 56 civilians northeast of Aleppo on Tuesday.", "Aleppo", WHERE_PREC_NEAR, "NE"),
        ("Shelling hit villages 20 km south-west of Idlib.", "Idlib", WHERE_PREC_NEAR, "SW"),
        ("Fighting continued outside Damascus overnight.", "Damascus", WHERE_PREC_NEAR, None),
        ("The strike happened near the ISIS controlled town of Manbij.", "Manbij", WHERE_PREC_NEAR, None),
        ("A car bomb exploded in Mosul on Monday.", "Mosul", WHERE_PREC_EXACT, None),
        ("Clashes were reported across Syria.", "Syria", WHERE_PREC_COUNTRY, None),
        ("Airstrikes hit Paktya province on Sunday.", "Paktya", WHERE_PREC_ADM1, None),
        ("Troops advanced in northern Syria.", "Syria", WHERE_PREC_COUNTRY, "N"),
    ],
)
def test_precision_and_bearing(text: str, mention: str, precision: int, bearing: str | None) -> None:
    places = [p for p in find_places(_doc(text)) if p.text.startswith(mention)]
    assert places, f"{mention} not found in {text!r}"
    assert (places[0].precision, places[0].bearing) == (precision, bearing)


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("She cooked the stew with Aleppo pepper and cumin.", "Aleppo"),
        ("The West Nile virus spread quickly among birds.", "West Nile"),
        ("Hajrit S. Sajjan spoke to reporters. Sajjan said more troops would go.", "Sajjan"),
        ("AI said the investigation must be independent.", "AI"),
        # an agency in capitals is not a town that has its name as an alternate spelling
        ("The state news agency SANA alleged that jets killed 19 people in the village.", "SANA"),
        ("The TOLO channel said four guards died at the gate.", "TOLO"),
    ],
)
def test_non_place_uses_are_ignored(text: str, not_a_place: str) -> None:
    assert not any(p.text == not_a_place for p in find_places(_doc(text)))


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("The Syrian opposition said 4 of its fighters were killed.", "Syrian", "SY"),
        ("Officials at Damascus University said 3 students were killed.", "Damascus", "SY"),
        ("A Sheriff's deputy of the Platte County Sheriff's Office said 2 people were killed.", "Platte County", "US"),
        ("Two Sri Lankans were among 5 people killed, the embassy said.", "Sri Lankans", "LK"),
    ],
)
def test_nationality_words_and_names_inside_organisations_are_toponyms_but_place_no_event(
    text: str, mention: str, country: str
) -> None:
    places = find_places(_doc(text))
    found = [p for p in places if p.text == mention]
    assert found and found[0].country == country, places
    quote = next(w for w in text.split() if w.isdigit())
    claim = locate_claims(_doc(text), [_seed_claim(text, quote)], places)[0]
    assert claim.place is None or claim.place.precision == WHERE_PREC_COUNTRY, claim.place


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Georgia's governor met officials in Atlanta and Savannah, Georgia.", "Georgia", "US"),
        ("Tbilisi said Georgia would join talks with Armenia and Azerbaijan.", "Georgia", "GE"),
        ("Police in Paris, France, arrested three men.", "Paris", "FR"),
        ("Residents of Paris, Texas, reported flooding near Dallas.", "Paris", "US"),
    ],
)
def test_context_chooses_between_namesakes(text: str, mention: str, country: str) -> None:
    places = [p for p in find_places(_doc(text)) if p.text == mention]
    assert places and places[-1].country == country


def test_a_type_noun_then_of_marks_a_place_ner_missed() -> None:
    places = find_places(_doc("Government forces shelled the town of Kafr Zita, killing a woman."))
    assert [(p.text, p.country) for p in places] == [("Kafr Zita", "SY")]


def test_a_place_named_as_part_of_another_must_lie_beside_it() -> None:
    # GeoNames knows "Al Jadida" only as Morocco's El Jadida, 3,900 km from Mosul.
    places = find_places(_doc("In Mosul's Al Jadida district, an airstrike killed 105 civilians."))
    by_text = {p.text: p for p in places}
    assert by_text["Mosul"].country == "IQ"
    assert not by_text["Al Jadida"].resolved and by_text["Al Jadida"].reason


def test_a_transliteration_match_abroad_is_not_trusted() -> None:
    text = "Coalition aircraft struck the village of Al-Shaafa, east of Raqqa, killing 11 civilians."
    by_text = {p.text: p for p in find_places(_doc(text))}
    assert by_text["Raqqa"].country == "SY"
    assert "Al-Shaafa" in by_text and by_text["Al-Shaafa"].country in (None, "SY")


def test_a_country_that_owns_something_is_not_where_it_happened() -> None:
    from harmledger.extract import extract_claims

    text = (
        "A Coalition airstrike hit a building in Mosul on 17 March 2017. "
        "A US military investigation later concluded that 105 civilians were killed."
    )
    doc = _doc(text)
    [claim] = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert claim.place is not None and claim.place.name == "Mosul"


def test_a_named_operation_is_not_a_place() -> None:
    places = find_places(_doc("Turkey launched Operation Peace Spring against Ras al-Ain (Serekaniye) in Syria."))
    assert {p.text for p in places} >= {"Ras al-Ain", "Serekaniye"}
    assert not {"Peace", "Spring", "Peace Spring"} & {p.text for p in places}
    assert {p.country for p in places if p.text in ("Ras al-Ain", "Serekaniye")} == {"SY"}


def test_a_small_namesake_abroad_is_not_taken_in_a_report_about_elsewhere() -> None:
    text = (
        "A Coalition airstrike hit a building in Raqqa, Syria, killing six civilians as the SDF "
        "advanced on the Old City. Residents of Raqqa and Tabqa fled east."
    )
    by_text = {p.text: p for p in find_places(_doc(text))}
    assert by_text["Raqqa"].country == "SY"
    assert "Old City" not in by_text or not by_text["Old City"].resolved


def test_unknown_place_is_kept_unresolved() -> None:
    places = find_places(_doc("Shelling was reported in Qzxwvabad on Monday."))
    unresolved = [p for p in places if not p.resolved]
    assert any(p.text == "Qzxwvabad" and p.reason for p in unresolved)


def test_an_unknown_village_the_text_puts_in_a_province_is_placed_there_with_its_name() -> None:
    places = find_places(_doc("Shelling was reported in Qzxwvabad, a village in Idlib province."))
    [village] = [p for p in places if p.text == "Qzxwvabad"]
    assert village.placed_by_area and (village.name, village.country, village.admin1) == ("Qzxwvabad", "SY", "Idlib")
    assert village.precision == WHERE_PREC_ADM1


def _seed_claim(text: str, quote: str) -> Claim:
    start = text.index(quote)
    sentence = next(s for s in sentence_spans(text) if s.start <= start < s.end)
    return Claim(
        id=str(start),
        document_id="seed",
        kind="casualty",
        outcome="killed",
        count=None,
        victims="civilians",
        span=Span(start, start + len(quote)),
        sentence=sentence,
        quote=quote,
    )


@pytest.mark.parametrize(
    ("quote", "place", "max_km"),
    [
        ("killed at least 56 civilians on Tuesday, northeast of Aleppo", "Manbij", 100),
        ("The civilian death toll of the airstrikes in the region is now over 125", "Manbij", 100),
        ("Al-Jazeera reported as many as 200 casualties", "Manbij", 100),
        ("They were able to confirm 60 civilian casualties", "Manbij", 100),
        ("about a hundred since the Coalition’s operation in Manbij", "Manbij", 25),
    ],
)
def test_seed_claims_get_their_place(quote: str, place: str, max_km: float) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = _doc(text, published=date(2016, 7, 20))
    claim = _seed_claim(text, quote)
    [located] = locate_claims(doc, [claim], find_places(doc))
    assert located.place is not None and located.place.name == place
    assert located.place.reason


def test_seed_claim_date_is_the_tuesday_before_publication() -> None:
    text = SEED.read_text(encoding="utf-8")
    claim = _seed_claim(text, "killed at least 56 civilians on Tuesday")
    doc = _doc(text, published=date(2016, 7, 20))
    [located] = locate_claims(doc, [claim], find_places(doc))
    assert located.date is not None and located.date.start == date(2016, 7, 19)
    assert located.date.precision == "day"


def test_a_claim_without_a_date_takes_the_event_day_named_just_before_it() -> None:
    from harmledger.extract import extract_claims

    text = (
        "On 14 October 2019, a car bomb exploded near a checkpoint in Mogadishu. "
        "At least 12 people were killed.\n\nA week later, 3 more died in hospital."
    )
    doc = _doc(text, published=date(2019, 10, 30))
    first, second = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert first.date is not None and first.date.start == date(2019, 10, 14)
    assert "earlier sentence" in (first.date.reason or "")
    assert second.date is None or second.date.start != date(2019, 10, 14)  # another paragraph


def test_a_wire_reports_later_paragraphs_take_the_day_its_lead_names() -> None:
    # One sentence per paragraph, as wire copy runs; the third moves on in time.
    from harmledger.extract import extract_claims

    text = (
        "Shelling on a market in Douma killed 14 people on Saturday, medics said.\n\n"
        "Another 9 people were killed in nearby Harasta.\n\n"
        "The next day, 2 more died of their wounds."
    )
    doc = _doc(text, published=date(2018, 2, 26))  # a Monday
    located = locate_claims(doc, extract_claims(doc), find_places(doc))
    days = {c.count.point: c.date.start if c.date else None for c in located if c.count}  # type: ignore[union-attr]
    assert days[14] == days[9] == date(2018, 2, 24)
    assert days[2] != date(2018, 2, 24)
    [nine] = [c for c in located if c.count and c.count.point == 9]
    assert "a paragraph before" in (nine.date.reason or "")  # type: ignore[union-attr]


def test_a_place_the_text_says_saw_no_violence_does_not_place_a_nearby_figure() -> None:
    from harmledger.extract import extract_claims

    text = (
        "Police fired on marchers in Omdurman on Thursday, killing at least 12 people, medics said.\n\n"
        "Marches also took place in Atbara and in Port Sudan, where no violence was reported.\n\n"
        "The medics said 40 people were wounded."
    )
    doc = _doc(text, published=date(2019, 1, 19))
    located = locate_claims(doc, extract_claims(doc), find_places(doc))
    places = {c.count.point: c.place.name if c.place else None for c in located if c.count}  # type: ignore[union-attr]
    assert places[12] == "Omdurman"
    assert places[40] == "Omdurman"


def test_seed_claim_date_without_publication_stays_unresolved() -> None:
    text = SEED.read_text(encoding="utf-8")
    claim = _seed_claim(text, "killed at least 56 civilians on Tuesday")
    doc = _doc(text)
    [located] = locate_claims(doc, [claim], find_places(doc))
    assert located.date is not None and not located.date.resolved
    assert "publication" in (located.date.reason or "")


@pytest.mark.parametrize(
    ("text", "mention", "country", "feature"),
    [
        ("Hogs were culled at a farm in Pandi, Bulacan in Central Luzon.", "Bulacan", "PH", None),
        ("Hogs were culled at a farm in Pandi, Bulacan in Central Luzon.", "Central Luzon", "PH", "ADM1"),
        ("Cases rose in the eastern province of Anhui, China said.", "Anhui", "CN", "ADM1"),
        ("Refugees in Kenya's overcrowded Dadaab camps near Garissa need help.", "Dadaab", "KE", None),
        ("Police in Ontario and Quebec, Canada, said the flu had spread.", "Ontario", "CA", "ADM1"),
    ],
)
def test_divisions_and_small_towns_in_context(text: str, mention: str, country: str, feature: str | None) -> None:
    found = [p for p in find_places(_doc(text)) if p.text == mention]
    assert found and found[0].country == country
    if feature:
        assert found[0].feature == feature


@pytest.mark.parametrize(
    ("text", "language", "mention"),
    [
        ("Dans la région de Mopti, des hommes armés ont tué six civils mardi.", "fr", "Mopti"),
        ("En el departamento de Antioquia, disidentes mataron a siete soldados.", "es", "Antioquia"),
    ],
)
def test_a_division_named_in_french_or_spanish_is_the_division_not_its_seat(
    text: str, language: str, mention: str
) -> None:
    doc = Document(id="t", original=text.encode(), text=text, origin="test", genre="news", language=language)
    [found] = [p for p in find_places(doc) if p.text == mention]
    assert found.feature == "ADM1"


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("15 Afghan Taliban killed in 24 hours: MoI", "AF"),
        ("Syrian army shelling kills 7 civilians", "SY"),
        ("Iraqi troops killed 12 militants near the border", "IQ"),
        # a speaker's nationality, with no place of another country named
        ("Afghan officials said 12 civilians were killed in the blast.", "AF"),
    ],
)
def test_a_claim_with_no_place_gets_the_country_its_nationality_word_names(sentence: str, country: str) -> None:
    from datetime import date

    from harmledger.extract import extract_claims
    from harmledger.places import find_places, locate_claims
    from harmledger.records import WHERE_PREC_COUNTRY, Document, sha256_hex

    doc = Document(
        id=sha256_hex(sentence),
        original=sentence.encode(),
        text=sentence,
        origin="t",
        published=date(2016, 12, 30),
        genre="news",
    )
    [claim] = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert (claim.place.country, claim.place.precision) == (country, WHERE_PREC_COUNTRY)
    assert "nationality" in claim.place.reason


def test_a_speakers_nationality_is_no_place_when_the_text_names_another_countrys() -> None:
    # "Barsalogho" is not in the gazetteer; the French government spoke of it, a UN source in
    # Ouagadougou too: France is where neither figure happened
    from datetime import date

    from harmledger.extract import extract_claims
    from harmledger.places import find_places, locate_claims
    from harmledger.records import Document, sha256_hex

    text = (
        "Militants attacked villagers digging a trench outside Barsalogho on Saturday. A French government "
        "assessment put the number of dead at about 600. A UN source in Ouagadougou said the UN's own estimate "
        "ranged from 200 to 400 dead."
    )
    doc = Document(
        id=sha256_hex(text), original=text.encode(), text=text, origin="t", genre="news", published=date(2024, 8, 30)
    )
    claims = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert len(claims) == 2 and all(c.place is None or c.place.country != "FR" for c in claims)


def test_a_named_place_wins_over_a_nationality_word() -> None:
    from harmledger.extract import extract_claims
    from harmledger.places import find_places, locate_claims
    from harmledger.records import Document, sha256_hex

    text = "Gunmen killed 4 people in Mosul, Iraqi police said."
    doc = Document(id=sha256_hex(text), original=text.encode(), text=text, origin="t", genre="news")
    [claim] = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert claim.place.name == "Mosul" and claim.place.precision == 1


def test_a_figure_without_a_place_takes_the_place_of_the_nearby_sentence_about_violence() -> None:
    # The sentence just before the figure only mentions talks; the one before it names the strike.
    from harmledger.extract import extract_claims

    text = (
        "Rockets hit Kramatorsk overnight. Separately, Ukrainian and Russian envoys held talks in "
        "Geneva on Monday. Ten people were killed, medics said."
    )
    doc = _doc(text, published=date(2023, 5, 2))
    [ten] = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert ten.place is not None and ten.place.name == "Kramatorsk"
    # With no sentence about violence nearby, the nearest place still stands.
    calm = "Ukrainian and Russian envoys held talks in Geneva on Monday. Ten people were killed, medics said."
    doc = _doc(calm, published=date(2023, 5, 2))
    [ten] = locate_claims(doc, extract_claims(doc), find_places(doc))
    assert ten.place is not None and ten.place.name == "Geneva"


# A big city's other name before a noun is a word of something else; its own name is still a place.
@pytest.mark.parametrize(
    ("text", "not_a_place", "kept"),
    [
        ("Youths threw Molotov cocktails at a police post in Nablus, West Bank, late on Friday.", "Molotov", "Nablus"),
        ("Hamas fighters fired rockets from Khan Younis into southern Israel on Monday.", "Hamas", "Khan Younis"),
    ],
)
def test_a_big_citys_other_name_before_a_noun_is_no_place(text: str, not_a_place: str, kept: str) -> None:
    found = {p.text: p for p in find_places(_doc(text))}
    assert not_a_place not in found
    assert kept in found


def test_an_acronym_spelled_out_before_its_brackets_is_no_town_but_an_areas_is_the_area() -> None:
    service = (
        "Gunmen killed two officers of the Nigeria Immigration Service (NIS) in Owerri, Imo State, Nigeria. "
        "The NIS officers were on patrol."
    )
    found = [p for p in find_places(_doc(service))]
    assert not any(p.text == "NIS" for p in found)  # nor where it recurs without its brackets
    assert next(p for p in found if p.text == "Owerri").country == "NG"
    congo = "Rebels attacked Beni in the east of the Democratic Republic of the Congo (DRC) on Sunday."
    found = {p.text: p for p in find_places(_doc(congo))}
    assert found["DRC"].country == "CD"


# Persian compounds join their parts with a hyphen and "e"/"i": the whole is the name.
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("A bomb exploded in Pul-e-Khumri, Baghlan province, Afghanistan, killing four.", "Pul-e-Khumri", "AF"),
        ("A roadside bomb hit a minivan in Pul-e-Matak, Parwan, Afghanistan.", "Pul-e-Matak", "AF"),
        ("A bomb exploded in Dasht-e-Barchi, Kabul, Afghanistan, killing four.", "Dasht-e-Barchi", "AF"),
    ],
)
def test_a_persian_compound_is_one_name_never_its_head_alone(text: str, name: str, country: str) -> None:
    found = {p.text: p for p in find_places(_doc(text))}
    assert found[name].country == country
    assert not any(t != name and name.startswith(t) for t in found)  # not "Pul" (Poole) nor "Dasht"


@pytest.mark.parametrize(
    ("text", "quote", "inside", "place"),
    [
        # Jihadist groups take the names of the lands they claim; the raid was in Damasak.
        (
            "Fighters of the Islamic State West Africa Province killed 4 soldiers in Damasak, Borno, Nigeria.",
            "4",
            "West Africa",
            "Damasak",
        ),
        # A road named after the towns at its ends runs between them: the ambush was in Damboa.
        (
            "Gunmen stopped a bus on the Maiduguri-Damboa road in Damboa, Borno, Nigeria, and killed 5 passengers.",
            "5",
            "Maiduguri",
            "Damboa",
        ),
        # … and so does a pipeline
        (
            "Saboteurs bombed the Kirkuk-Ceyhan oil pipeline near Baiji, Salahuddin, Iraq, killing 2 guards.",
            "2",
            "Kirkuk",
            "Baiji",
        ),
    ],
)
def test_a_place_inside_a_group_s_or_a_road_s_name_does_not_place_the_event(
    text: str, quote: str, inside: str, place: str
) -> None:
    places = find_places(_doc(text))
    named = [p for p in places if p.text == inside]
    assert named and "inside the name" in (named[0].reason or ""), places
    claim = locate_claims(_doc(text), [_seed_claim(text, quote)], places)[0]
    assert claim.place is not None and claim.place.text == place, claim.place


@pytest.mark.parametrize(
    ("text", "quote", "name", "area", "not_places"),
    [
        # Mir Ali is missing from the gazetteer; "Mir" (Belarus) and "Ali" (India) are not it.
        (
            "A suicide bomber struck a convoy in the Mir Ali area of North Waziristan, killing 5 soldiers.",
            "5",
            "Mir Ali",
            "North Waziristan",
            ("Mir", "Ali"),
        ),
        # Shirin Tagab district is in Faryab; Tagab district is in Kapisa, 400 km away.
        (
            "Gunmen killed 3 policemen in Shirin Tagab district, Faryab province, Afghanistan.",
            "3",
            "Shirin Tagab",
            "Faryab",
            ("Shirin", "Tagab"),
        ),
        # Bab al-Tabbaneh is a quarter of Tripoli (Lebanon); "Bab" alone is Al Bab in Syria.
        (
            "Mortar fire killed 4 people in the Bab al-Tabbaneh district of Tripoli, Lebanon, on Friday.",
            "4",
            "Bab al-Tabbaneh",
            "Tripoli",
            ("Bab",),
        ),
    ],
)
def test_a_typed_name_the_gazetteer_lacks_is_one_place_at_its_area_not_its_words(
    text: str, quote: str, name: str, area: str, not_places: tuple[str, ...]
) -> None:
    places = find_places(_doc(text))
    assert any(p.text == name for p in places) and not any(p.text in not_places for p in places), places
    claim = locate_claims(_doc(text), [_seed_claim(text, quote)], places)[0]
    assert claim.place is not None and area in f"{claim.place.name} {claim.place.reason}", claim.place


def test_a_place_before_its_institutions_name_keeps_its_place() -> None:
    # A guard: "Police" is a town in Poland, yet "Carthage Police Chief" is no typed name to merge.
    places = find_places(
        _doc("Carthage Police Chief Chris McKenzie said the shooting in Carthage, Missouri, was over.")
    )
    assert any(p.text == "Carthage" and p.country == "US" for p in places), places


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        # a name with an age is a person, however big its namesake
        ("Among the dead were sisters Sofia, 8, and Anna, 5, officials in Dnipro said.", {"Sofia", "Anna"}),
        ("Their children Ahmad (12) and Sara (9) were killed in Sarmin, Syria.", {"Ahmad", "Sara"}),
        # "the X family" is a family's name
        ("The Hassan family lost four relatives in the Beledweyne bombing, Somalia.", {"Hassan"}),
        # a name whose relative is spoken of is a person ("Hassan" is also a city in India)
        ("The strike on Rafah killed Hoda's sister and Hassan's uncle, relatives said.", {"Hoda", "Hassan"}),
        # a relative's name after the kin word, though NER reads it as a town (Maymana, Afghanistan)
        ("In Rafah, Hisham found his wife asleep beside their daughter, Maymana, under the rubble.", {"Maymana"}),
    ],
)
def test_a_person_or_a_family_is_no_place(text: str, not_places: set[str]) -> None:
    found = {p.text for p in find_places(_doc(text))}
    assert not found & not_places, found
    assert found  # the real places are still there


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        # a roundabout in Gaza City named after Kuwait, and an outlet named after a town in Jordan
        (
            "A drone strike hit people near the Kuwait roundabout in the Zeitoun quarter of Gaza City. "
            "Safa news reported four dead.",
            "Kuwait",
            False,
        ),
        ("Safa news reported that a strike near Rafah, in the southern Gaza Strip, killed four.", "Safa", False),
        # where the document's places are, the name says where the facility is
        (
            "A bomb went off outside a Kabul mosque on Friday, killing three worshippers, Afghan police said.",
            "Kabul",
            True,
        ),
    ],
)
def test_a_place_before_a_facilitys_noun_is_decided_by_the_documents_places(text: str, name: str, kept: bool) -> None:
    found = {p.text for p in find_places(_doc(text)) if p.resolved}
    assert (name in found) is kept, found


def test_a_word_of_a_persons_full_name_is_that_person_where_it_recurs() -> None:
    # "Hassan" is also a city in India: inside the full name it is marked as such, and alone
    # later in the text it is the same man, no place at all.
    text = (
        "An airstrike in Khan Younis killed Hassan Omar al-Nouri and two cousins. Neighbours said "
        "Hassan and his cousins had sheltered in the house since October."
    )
    hassans = [p for p in find_places(_doc(text)) if p.text == "Hassan"]
    assert [p.span.start for p in hassans if p.span] == [text.index("Hassan")], hassans
    assert "inside the name" in hassans[0].reason


@pytest.mark.parametrize(
    ("text", "quote", "place"),
    [
        (
            "Gunmen opened fire on Gubio, Borno, Nigeria. At least eight farmers were killed in the raid.",
            "eight",
            "Gubio",
        ),
        ("Militants attacked Rann, Borno, Nigeria, on Sunday night. Six soldiers died in the fighting.", "Six", "Rann"),
    ],
)
def test_a_chain_of_places_read_as_one_organisation_still_places_the_event(text: str, quote: str, place: str) -> None:
    # the entity recogniser can take "Rann, Borno" for one name: each link of the chain is a
    # whole place of its own, not a place inside some name
    places = find_places(_doc(text))
    assert not any("inside the name" in (p.reason or "") for p in places), places
    claim = locate_claims(_doc(text), [_seed_claim(text, quote)], places)[0]
    assert claim.place is not None and claim.place.text == place, claim.place


@pytest.mark.parametrize(
    ("entity", "label", "place", "a_link"),
    [
        ("Imo and Anambra, Nigeria", "ORG", "Anambra", True),
        ("Tesfaye Bekele in Dembi Dolo", "WORK_OF_ART", "Dembi Dolo", True),  # a person, then where
        ("Islamic State in Iraq", "ORG", "Iraq", False),  # an organisation's own name
        ("the Air Force School in Beersheba, Southern", "ORG", "Beersheba", False),
        ("Sitio Bohe Bekew, Basilan", "ORG", "Sitio", False),  # a word of a longer link
    ],
)
def test_a_place_that_is_a_whole_link_of_an_entity_is_no_place_inside_a_name(
    entity: str, label: str, place: str, a_link: bool
) -> None:
    from harmledger.places.finder import _link_of_a_chain

    start = entity.index(place)
    assert _link_of_a_chain(entity, 0, len(entity), start, start + len(place), label) is a_link


def test_a_monthly_toll_broken_down_by_provinces_lies_in_their_country() -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    text = (
        "A monitoring group counted 52 civilians killed in violence in May 2025, including 15 in Nineveh province "
        "and eight in Kirkuk, it said in its monthly report."
    )
    [aggregate] = [i for i in analyse([make_document(text, "a.txt", published=date(2025, 6, 2))]).incidents]
    assert aggregate.kind == "aggregate" and aggregate.deaths.best == 52
    assert aggregate.place is not None and aggregate.place.precision == WHERE_PREC_COUNTRY
    assert aggregate.place.country == "IQ"


@pytest.mark.parametrize(
    "text, country",
    [
        ("Since January, armed groups have killed more than 300 civilians in North and South Kivu, the UN said.", "CD"),
        ("At least 450 civilians have been killed across North, South and West Kordofan since May, the UN said.", "SD"),
    ],
)
def test_a_running_toll_over_provinces_sharing_one_name_lies_in_their_country(text: str, country: str) -> None:
    from harmledger.documents.make import make_document
    from harmledger.pipeline import analyse

    [aggregate] = [i for i in analyse([make_document(text, "a.txt", published=date(2025, 6, 2))]).incidents]
    assert aggregate.kind == "aggregate"
    assert aggregate.place is not None and aggregate.place.precision == WHERE_PREC_COUNTRY, aggregate.place
    assert aggregate.place.country == country
