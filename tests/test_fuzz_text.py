"""Property tests of the text stages on arbitrary and news-shaped text: no crash, no hang, sane output.

Covered: the number/qualifier parser (``parse_count``), the date resolver (``resolve_date``,
``find_dates``), the gazetteer matcher (``find_places``, ``geocode_query``) and
``extract_claims``. Inputs are either any Unicode text or "news soup": random sequences of the
words these stages key on (figures of every size, qualifiers, harm words, places, dates,
sources), which reaches far deeper into the rules than random characters do.
"""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from harmledger.documents.normalise import normalise
from harmledger.extract import extract_claims, parse_count
from harmledger.extract.counts import MAX_FIGURE
from harmledger.places import find_dates, find_places, geocode_query, resolve_date
from harmledger.records import Count, Document, sha256_hex

# Examples per test: the whole fuzz set (this file and test_fuzz_readers.py) runs in well under a minute.
MANY = settings(max_examples=200, deadline=None)
SOME = settings(max_examples=100, deadline=None)
FEW = settings(max_examples=25, deadline=None)

FIGURES = [
    "56",
    "1,300",
    "12.500",
    "1.6",
    "0",
    "1e999",
    "10,000,000,000",
    "9" * 30,
    "²³",
    "٣",
    "1_000",
    "3/4",
    "10:30",
    "31st",
    "1990s",
    "#3",
    "$20",
    "-5",
    "1.5e3",
    "007",
]
WORDS = [
    "at",
    "least",
    "more",
    "than",
    "over",
    "up",
    "to",
    "as",
    "many",
    "nearly",
    "about",
    "some",
    "between",
    "and",
    "from",
    "or",
    "-",
    "–",
    "a",
    "an",
    "dozen",
    "dozens",
    "of",
    "scores",
    "hundreds",
    "thousands",
    "million",
    "two",
    "forty",
    "hundred",
    "fifty",
    "killed",
    "dead",
    "died",
    "wounded",
    "injured",
    "casualties",
    "missing",
    "detained",
    "displaced",
    "civilians",
    "children",
    "women",
    "people",
    "soldiers",
    "fighters",
    "including",
    "were",
    "was",
    "not",
    "no",
    "one",
    "nobody",
    "in",
    "near",
    "northeast",
    "Aleppo",
    "Manbij",
    "Gaza",
    "Mosul",
    "Kabul",
    "Syria",
    "Iraq",
    "Yemen",
    "on",
    "Tuesday",
    "May",
    "31",
    "February",
    "2016",
    "last",
    "week",
    "since",
    "March",
    "said",
    "according",
    "Amnesty",
    "International",
    "the",
    "ministry",
    "airstrike",
    "shelling",
    "bomb",
    "coalition",
    "ISIS",
    "denied",
    "admitted",
    "toll",
    "rose",
    "reported",
    "(",
    ")",
    ",",
    ".",
    "\n",
    '"',
    "“",
    "”",
]
NUMBERS = st.sampled_from(FIGURES) | st.integers(min_value=0, max_value=10**12).map(str)
# A figure with words around it the way reports put them ("at least 56 civilians were killed").
CLAUSES = st.builds(
    "{} {} {} {}".format,
    st.sampled_from(["", "at least", "more than", "up to", "about", "between 3 and", "killing", "the toll rose to"]),
    NUMBERS,
    st.sampled_from(["", "civilians", "people, including 4 children,", "soldiers", "dead", "others"]),
    st.sampled_from(["were killed", "killed", "dead", "wounded", "died", "were injured", "missing", "."]),
)
TOKEN = st.sampled_from(WORDS) | NUMBERS | CLAUSES


@st.composite
def news_soup(draw: st.DrawFn, max_words: int = 120) -> str:
    """Text made of the words the stages look for, joined by spaces (sometimes none)."""
    tokens = draw(st.lists(TOKEN | TOKEN | st.text(max_size=8), max_size=max_words))
    joiners = draw(
        st.lists(st.sampled_from([" ", " ", " ", "", "\n", ". "]), min_size=len(tokens), max_size=len(tokens))
    )
    return "".join(t + j for t, j in zip(tokens, joiners, strict=True))


TEXTS = st.text(max_size=400) | news_soup()
PUBLISHED = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def document(text: str, published: date | None = None) -> Document:
    """A document of ``text`` made the way the readers make one (normalised text, id from the bytes)."""
    raw = text.encode("utf-8", errors="surrogatepass")
    return Document(
        id=sha256_hex(raw), original=raw, text=normalise(text).text, origin="fuzz", published=published, genre="news"
    )


def check_count(count: Count) -> None:
    values = [v for v in (count.low, count.best, count.high) if v is not None]
    assert values, count
    assert all(isinstance(v, int) and 0 <= v <= MAX_FIGURE + 1 for v in values), count
    if count.low is not None and count.high is not None:
        assert count.low <= count.high, count


# -- the number/qualifier parser ---------------------------------------------------------------


@MANY
@given(text=TEXTS)
def test_parse_count_returns_a_bounded_count_read_from_the_text_or_none(text: str) -> None:
    count = parse_count(text)
    if count is not None:
        check_count(count)
        assert count.text and count.text in text


@SOME
@given(
    qualifier=st.sampled_from(["at least", "more than", "up to", "about", "nearly", "between", ""]),
    figure=st.sampled_from(FIGURES) | st.integers(min_value=0).map(str),
    joiner=st.sampled_from(["and", "to", "-", "or"]),
    second=st.sampled_from(FIGURES) | st.integers(min_value=0).map(str),
)
def test_qualified_figures_and_ranges_of_any_size_parse_or_are_refused(
    qualifier: str, figure: str, joiner: str, second: str
) -> None:
    count = parse_count(f"{qualifier} {figure} {joiner} {second} people were killed")
    if count is not None:
        check_count(count)


# -- the date resolver -------------------------------------------------------------------------

DATE_WORDS = [
    "on",
    "Tuesday",
    "last",
    "week",
    "month",
    "year",
    "since",
    "May",
    "31",
    "29",
    "February",
    "2016",
    "0",
    "99999",
    "12/31/99999",
    "yesterday",
    "earlier",
    "this",
    "in",
    "early",
    "late",
    "mid-",
    "2000s",
    "between",
    "and",
    "1 January",
    "the",
    "night",
    "of",
    "ago",
    "two",
    "days",
    "weeks",
    ",",
]


@MANY
@given(
    text=st.text(max_size=200) | st.lists(st.sampled_from(DATE_WORDS), max_size=12).map(" ".join), published=PUBLISHED
)
def test_resolve_date_gives_an_ordered_range_or_a_reason(text: str, published: date | None) -> None:
    ref = resolve_date(text, published)
    if ref.start is None:
        assert ref.reason
    else:
        assert ref.end is None or ref.start <= ref.end
        assert ref.precision in ("day", "week", "month", "year")


@SOME
@given(text=TEXTS, published=PUBLISHED)
def test_find_dates_spans_point_at_their_text(text: str, published: date | None) -> None:
    doc = document(text, published)
    for ref in find_dates(doc):
        assert ref.span is not None and 0 <= ref.span.start < ref.span.end <= len(doc.text)
        assert ref.span.slice(doc.text) == ref.text


# -- the gazetteer matcher ---------------------------------------------------------------------

PLACE_WORDS = [
    "Aleppo",
    "Manbij",
    "Al-Fatih",
    "Jableh District",
    "Syria",
    "northeast of",
    "near",
    "outskirts of",
    "province",
    "district",
    "governorate",
    "village",
    "Gaza",
    "Northern Ireland",
    "Eastern Ghouta",
    "Idlib",
    "Saint",
    "St.",
    "al-",
    "el",
    ",",
    ";",
    "(",
    ")",
    "the",
]


@settings(max_examples=50, deadline=None)
@given(
    text=st.text(max_size=120) | st.lists(st.sampled_from(PLACE_WORDS), max_size=8).map(" ".join),
    country=st.none() | st.sampled_from(["SY", "sy", "IQ", "", "ZZ", "Syria", "\x00"]),
)
def test_geocode_query_ranks_real_coordinates_or_answers_nothing(text: str, country: str | None) -> None:
    candidates = geocode_query(text, country, limit=5)
    assert len(candidates) <= 5
    for c in candidates:
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180
        assert 1 <= c.precision <= 7


@FEW
@given(text=TEXTS)
def test_find_places_spans_lie_in_the_text_and_coordinates_are_real(text: str) -> None:
    doc = document(text)
    for place in find_places(doc):
        assert place.span is not None and 0 <= place.span.start < place.span.end <= len(doc.text)
        if place.resolved:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180  # type: ignore[operator]


# -- claims from any text ----------------------------------------------------------------------


@SOME
@given(text=TEXTS, published=PUBLISHED)
@example(text="Shells hit ² towns, killing 3 people.", published=None)  # a digit int() cannot read
def test_extract_claims_on_any_text_gives_claims_inside_the_text(text: str, published: date | None) -> None:
    doc = document(text, published)
    claims = extract_claims(doc)
    for claim in claims:
        assert claim.document_id == doc.id
        assert 0 <= claim.sentence.start <= claim.span.start < claim.span.end <= claim.sentence.end <= len(doc.text)
        if claim.count is not None:
            check_count(claim.count)
    assert [c.span.start for c in claims] == sorted(c.span.start for c in claims)
