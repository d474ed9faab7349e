"""The gazetteer: seed places, curated aliases, analyst overrides, imports of GeoNames/CSV files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from harmledger.errors import GazetteerError, UnreadableInput
from harmledger.places import Gazetteer, get_gazetteer, import_places
from harmledger.places.build import SCHEMA, write
from harmledger.places.geo import haversine_km


def _best(gaz: Gazetteer, name: str):
    found, _ = gaz.find(name)
    assert found, f"{name!r} not found"
    return max(found, key=lambda e: (e.feature == "PCLI", e.population))


# GeoNames coordinates of each seed place (geonames.org), and the tolerance in km.
@pytest.mark.parametrize(
    ("name", "country", "lat", "lon", "km"),
    [
        ("Manbij", "SY", 36.52815, 37.95495, 3),
        ("Menbij", "SY", 36.52815, 37.95495, 3),
        ("Minbij", "SY", 36.52815, 37.95495, 3),
        ("Aleppo", "SY", 36.20124, 37.16117, 3),
        ("Damascus", "SY", 33.5102, 36.29128, 3),
        ("Kobane", "SY", 36.89095, 38.35347, 3),
        ("Kobani", "SY", 36.89095, 38.35347, 3),
        ("Ayn al-Arab", "SY", 36.89095, 38.35347, 3),
        ("Raqqa", "SY", 35.95283, 39.00788, 3),
        ("ar-Raqqah", "SY", 35.95283, 39.00788, 3),
        ("Dayr az-Zawr", "SY", 35.33588, 40.14084, 3),
        ("Deir ez-Zor", "SY", 35.33588, 40.14084, 3),
        ("Mosul", "IQ", 36.335, 43.11889, 3),
        ("Al-Mawsil", "IQ", 36.335, 43.11889, 3),
        ("Fallujah", "IQ", 33.34913, 43.78599, 3),
        ("Falluja", "IQ", 33.34913, 43.78599, 3),
        ("Ghouta", "SY", 33.52, 36.40, 10),
        ("Eastern Ghouta", "SY", 33.52, 36.40, 10),
        ("Tokhar", "SY", 36.62, 37.93, 10),
    ],
)
def test_seed_places_resolve_to_geonames_points(name: str, country: str, lat: float, lon: float, km: float) -> None:
    entry = _best(get_gazetteer(), name)
    assert entry.country == country
    assert haversine_km(entry.lat, entry.lon, lat, lon) <= km


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Syria", "PCLI", "SY"),
        ("U.S.", "PCLI", "US"),
        ("UK", "PCLI", "GB"),
        ("DRC", "PCLI", "CD"),
        ("Paktya province", "ADM1", "AF"),
        ("Texas", "ADM1", "US"),
        ("Nineveh province", "ADM1", "IQ"),
        ("Africa", "CONT", None),
    ],
)
def test_countries_divisions_and_continents(name: str, feature: str, country: str | None) -> None:
    found, _ = get_gazetteer().find(name)
    assert any(e.feature == feature and e.country == country for e in found)


# A province the press spells one way and GeoNames' towns another ("Kunar" and "Konar") is one
# province: its towns carry its name, so a report placed at the province and one at its capital
# are in the same province (the linking rules compare provinces by that name).
@pytest.mark.parametrize(
    ("province", "town"),
    [
        ("Kunar province", "Asadabad"),
        ("Logar province", "Pul-e Alam"),
        ("Wardak province", "Maidan Shahr"),
        ("Dohuk Governorate", "Dihok"),
        ("Karbala Governorate", "Karbala"),
        ("Sulaymaniyah Governorate", "Sulaymaniyah"),
    ],
)
def test_a_province_and_its_towns_name_one_province(province: str, town: str) -> None:
    gaz = get_gazetteer()
    [division] = [e for e in gaz.find(province)[0] if e.feature == "ADM1"]
    towns = [e for e in gaz.find(town)[0] if e.feature.startswith("PPL") and e.country == division.country]
    assert towns and all(t.admin1 == division.admin1 for t in towns[:1]), (division, towns[:1])


def test_a_province_no_town_names_sets_no_report_apart_by_its_name() -> None:
    # Ituri (2015) was part of Orientale, the province GeoNames' towns (Bunia, Djugu) still name
    gaz = get_gazetteer()
    [ituri] = [e for e in gaz.find("Ituri province")[0] if e.feature == "ADM1"]
    [bunia] = [e for e in gaz.find("Bunia")[0] if e.country == "CD"]
    assert ituri.admin1 is None and bunia.admin1, (ituri, bunia)


def test_provinces_spelled_alike_but_far_apart_stay_two() -> None:
    from harmledger.places.build import Row, align_admin1

    def row(name: str, lat: float, lon: float, feature: str, admin1: str, source: str = "geonames") -> Row:
        return Row(name, lat, lon, "CD", feature, source, admin1=admin1, names={name})

    kasai = row("Kasai Province", -5.0, 21.0, "ADM1", "Kasai", "curated:admin1.csv")
    towns = [
        row("Tshikapa", -6.4, 20.8, "PPL", "Kasai-Occidental"),
        row("Kananga", -5.9, 22.4, "PPL", "Kasai-Occidental"),
    ]
    konar = row("Kunar Province", 34.9, 71.1, "ADM1", "Kunar", "curated:admin1.csv")
    konar.country = "AF"
    asadabad = row("Asadabad", 34.87, 71.15, "PPL", "Konar")
    asadabad.country = "AF"
    rows = align_admin1([kasai, *towns, konar, asadabad])
    # "Kasai-Occidental" is no spelling of "Kasai" (its towns were split among several provinces)
    assert [t.admin1 for t in towns] == ["Kasai-Occidental", "Kasai-Occidental"]
    assert asadabad.admin1 == "Kunar" and len(rows) == 5


@pytest.mark.parametrize(("city", "country"), [("Tripoli", "LY"), ("Kyiv", "UA"), ("Bamako", "ML")])
def test_a_capital_filed_under_a_bare_code_is_in_its_province(city: str, country: str) -> None:
    # GeoNames files these capitals under admin1 codes ("LY.77") no name table names
    gaz = get_gazetteer()
    [town] = [e for e in gaz.find(city)[0] if e.country == country and e.feature.startswith("PPL")][:1]
    divisions = {e.admin1 for e in gaz.find(town.admin1 or "")[0] if e.feature == "ADM1" and e.country == country}
    assert town.admin1 and "." not in town.admin1 and town.admin1 in divisions, town


def test_a_bare_code_takes_the_nearest_named_division_only_when_near() -> None:
    from harmledger.places.build import Row, name_bare_codes

    province = Row("Tripoli District", 32.80, 13.20, "LY", "ADM1", "geonames", admin1="Tripoli")
    city = Row("Tripoli", 32.89, 13.19, "LY", "PPLC", "geonames", admin1="LY.77")
    oasis = Row("Kufra", 24.18, 23.28, "LY", "PPL", "geonames", admin1="LY.99")  # 1,300 km from Tripoli
    name_bare_codes([province, city, oasis])
    assert (city.admin1, oasis.admin1) == ("Tripoli", "LY.99")


# A country's point is a convention, not a place: where the usual references disagree by hundreds
# of kilometres the gazetteer follows the country's Wikipedia article, and one country named under
# two names (an alias row) keeps one point.
@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("Australia", -25.0, 133.0), ("Libya", 27.0, 17.0), ("Myanmar", 22.0, 96.0), ("Burma", 22.0, 96.0)],
)
def test_a_country_point_follows_its_wikipedia_article_where_references_disagree(
    name: str, lat: float, lon: float
) -> None:
    countries = [e for e in get_gazetteer().find(name)[0] if e.feature == "PCLI"]
    assert len(countries) == 1, countries
    assert haversine_km(countries[0].lat, countries[0].lon, lat, lon) <= 25, countries


# A state's point is the middle of its towns unless that middle is far from any centre of the
# state: Florida's panhandle and Keys pull it into the Gulf, the Aleutians pull Alaska's south.
# Those states keep GeoNames' point (which lies on land, inside the state's main body).
@pytest.mark.parametrize(
    ("name", "near", "lat", "lon", "km"),
    [
        ("Florida", "Ocala", 29.19, -82.14, 80),
        ("Alaska", "Denali", 63.07, -151.0, 125),
        ("Virginia", "Richmond", 37.54, -77.44, 60),
        ("Nevada", "Austin, Nevada", 39.49, -117.07, 60),
    ],
)
def test_a_state_stretched_by_outlying_towns_keeps_a_point_in_its_main_body(
    name: str, near: str, lat: float, lon: float, km: float
) -> None:
    states = [e for e in get_gazetteer().find(name)[0] if e.feature == "ADM1" and e.country == "US"]
    assert len(states) == 1, states
    assert haversine_km(states[0].lat, states[0].lon, lat, lon) <= km, (near, states)


def test_loose_match_finds_unlisted_spellings() -> None:
    found, how = get_gazetteer().find("Al-Manbej")
    assert how == "loose"
    assert any(e.name == "Manbij" for e in found)


def test_analyst_override_wins_over_shipped_data(tmp_path: Path) -> None:
    gaz = Gazetteer(get_gazetteer().path)
    gaz.add_override("Aleppo", ("Halab al-Jadida",), lat=36.0, lon=37.0, country="sy")
    first = gaz.find("Aleppo")[0][0]
    assert (first.source, first.lat, first.lon, first.country) == ("analyst", 36.0, 37.0, "SY")
    assert gaz.find("Halab al-Jadida")[0][0].source == "analyst"


def test_override_rejects_impossible_coordinates() -> None:
    gaz = Gazetteer(get_gazetteer().path)
    with pytest.raises(GazetteerError, match="Nowhere"):
        gaz.add_override("Nowhere", lat=123.0, lon=0.0)


def test_missing_file_without_build_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="build_gazetteer"):
        Gazetteer(tmp_path / "absent.sqlite", build_if_missing=False)


def test_corrupt_file_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="bad.sqlite"):
        Gazetteer(bad)


@pytest.fixture()
def empty_gazetteer(tmp_path: Path) -> Path:
    path = tmp_path / "gaz.sqlite"
    write([], path, {"source": "test"})
    return path


GEONAMES_LINES = [
    # geonameid name asciiname alternatenames lat lon class code cc cc2 adm1 adm2 adm3 adm4
    # population elevation dem timezone modified
    "9990001\tTal Rifaat Qibli\tTal Rifaat Qibli\tTell Rifaat Qibli,تل رفعت\t36.47\t37.09\tP\tPPL\t"
    "SY\t\t09\t\t\t\t900\t\t420\tAsia/Damascus\t2024-01-01",
    "9990002\tWadi Example\tWadi Example\t\t36.1\t37.2\tH\tWAD\tSY\t\t09\t\t\t\t0\t\t400\tAsia/Damascus\t2024-01-01",
    "9990003\tSome Road\tSome Road\t\t36.1\t37.2\tR\tRD\tSY\t\t09\t\t\t\t0\t\t400\tAsia/Damascus\t2024-01-01",
]


def test_import_geonames_dump(empty_gazetteer: Path, tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join(GEONAMES_LINES) + "\n", encoding="utf-8")
    assert import_places(dump, empty_gazetteer) == 2  # the road (class R) is left out
    gaz = Gazetteer(empty_gazetteer)
    entry = gaz.find("Tell Rifaat Qibli")[0][0]
    assert (entry.geonameid, entry.country, entry.lat, entry.source) == (9990001, "SY", 36.47, "import:SY.txt")
    # Re-importing replaces rows with the same geonameid instead of duplicating them.
    import_places(dump, empty_gazetteer)
    con = sqlite3.connect(empty_gazetteer)
    assert con.execute("SELECT COUNT(*) FROM places WHERE geonameid = 9990001").fetchone()[0] == 1


def test_import_csv(empty_gazetteer: Path, tmp_path: Path) -> None:
    table = tmp_path / "villages.csv"
    table.write_text(
        "name,lat,lon,country,aliases,admin1,feature\n"
        "Al-Fatih,35.40,35.95,sy,Fatih|al Fatih,Latakia,PPL\n"
        "Rami,35.76,36.56,SY,,Idlib,\n",
        encoding="utf-8",
    )
    assert import_places(table, empty_gazetteer) == 2
    gaz = Gazetteer(empty_gazetteer)
    assert gaz.find("al Fatih")[0][0].admin1 == "Latakia"
    assert gaz.find("Rami")[0][0].country == "SY"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,lat\nX,1\n", "lacks"),
        ("name,lat,lon,country\nX,north,1,SY\n", "bad coordinates"),
        ("1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\n1\t2\n", "expected 19"),
    ],
)
def test_import_rejects_malformed_files(empty_gazetteer: Path, tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message):
        import_places(bad, empty_gazetteer)


def test_import_missing_file_names_it(empty_gazetteer: Path, tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="nothere.txt"):
        import_places(tmp_path / "nothere.txt", empty_gazetteer)


def test_file_carries_the_name_index() -> None:
    con = sqlite3.connect(get_gazetteer().path)
    blobs = {r[0] for r in con.execute("SELECT name FROM blobs")}
    assert {"strict_keys", "strict_buckets", "loose_keys", "rows"} <= blobs
    assert "CREATE TABLE IF NOT EXISTS names" in SCHEMA


def test_env_var_names_another_gazetteer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from harmledger.places.gazetteer import ENV_VAR, default_path

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "mine.sqlite"))
    assert default_path() == tmp_path / "mine.sqlite"


# GeoNames rows written for these tests, in the dump format (19 tab-separated columns): two
# made-up villages of Badghis, Afghanistan, that no shipped gazetteer has.
VILLAGE_DUMP = [
    "9990101\tQaryat Tajriba\tQaryat Tajriba\tQarya-e Tajriba,Karyat Tajriba\t35.05\t63.42\tP\tPPL\t"
    "AF\t\t02\t\t\t\t0\t\t1100\tAsia/Kabul\t2024-01-01",
    "9990102\tDeh-e Namuna\tDeh-e Namuna\tDeh Namuna\t35.31\t63.95\tP\tPPL\t"
    "AF\t\t02\t\t\t\t0\t\t1200\tAsia/Kabul\t2024-01-01",
]


def test_a_country_dump_places_villages_the_gazetteer_lacked(tmp_path: Path) -> None:
    from harmledger.places import find_places
    from harmledger.places.build import Row
    from harmledger.records import WHERE_PREC_ADM1, WHERE_PREC_EXACT, Document

    text = "Gunmen attacked Qaryat Tajriba, Badghis, Afghanistan, killing 4 villagers."
    doc = Document(id="t", original=text.encode(), text=text, origin="test")
    gaz_path = tmp_path / "gazetteer.sqlite"
    # A small gazetteer that knows the country and the province, as the shipped one does.
    write(
        [
            Row("Afghanistan", 33.0, 65.0, "AF", "PCLI", "geonames", names={"Afghanistan"}),
            Row(
                "Badghis Province",
                35.2,
                63.8,
                "AF",
                "ADM1",
                "curated:admin1.csv",
                admin1="Badghis",
                names={"Badghis", "Badghis Province"},
            ),
        ],
        gaz_path,
        {"source": "test"},
    )

    before = Gazetteer(gaz_path)
    village = next(p for p in find_places(doc, before) if p.text == "Qaryat Tajriba")
    assert village.precision == WHERE_PREC_ADM1  # only the province is known
    assert {r.country: r for r in before.stats_by_country()}["AF"].imported == 0
    before.close()

    dump = tmp_path / "AF.txt"
    dump.write_text("\n".join(VILLAGE_DUMP) + "\n", encoding="utf-8")
    assert import_places(dump, gaz_path) == 2
    after = Gazetteer(gaz_path)
    village = next(p for p in find_places(doc, after) if p.text == "Qaryat Tajriba")
    assert village.precision == WHERE_PREC_EXACT
    assert haversine_km(village.lat, village.lon, 35.05, 63.42) < 1
    assert {r.country: r for r in after.stats_by_country()}["AF"].imported == 2


def test_gazetteer_stats_prints_each_country(
    empty_gazetteer: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from harmledger.cli import main
    from harmledger.places.gazetteer import ENV_VAR, reset_shared

    dump = tmp_path / "AF.txt"
    dump.write_text("\n".join(VILLAGE_DUMP) + "\n", encoding="utf-8")
    import_places(dump, empty_gazetteer)
    monkeypatch.setenv(ENV_VAR, str(empty_gazetteer))
    reset_shared()
    try:
        result = CliRunner().invoke(main, ["gazetteer", "stats", "--country", "AF", "--country", "YE"])
        as_json = CliRunner().invoke(main, ["gazetteer", "stats", "--json"])
    finally:
        reset_shared()
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()[2:]}
    assert rows["AF"][:4] == ["2", "2", "0", "2"]  # places, settlements, divisions, imported
    assert "gazetteer import YE.txt" in " ".join(rows["YE"])
    assert '"country": "AF", "places": 2' in as_json.output


def test_an_arabic_name_spelled_as_the_press_does_is_found() -> None:
    # "Beir al-Abd" (North Sinai) is GeoNames' "Bi'r al 'Abd"; needs a gazetteer built with the loose key
    hits = [e for e in get_gazetteer().find("Beir al-Abd")[0] if e.country == "EG"]
    assert hits and haversine_km(hits[0].lat, hits[0].lon, 31.02, 33.01) < 5
