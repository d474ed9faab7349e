"""The read side of the REST API over a real SQLite ledger holding the hand-built seed."""

from __future__ import annotations

from typing import Any

import pytest

# (query string, names of the incidents expected, in order)
FILTERS = [
    ("", ["ghouta", "manbij"]),
    ("sort=deaths", ["manbij", "ghouta"]),
    ("sort=place", ["ghouta", "manbij"]),
    ("country=sy", ["ghouta", "manbij"]),
    ("country=IQ", []),
    ("place=manb", ["manbij"]),
    ("perpetrator=syrian", ["ghouta"]),
    ("event_type=airstrike", ["manbij"]),
    ("grade=weak", ["ghouta"]),
    ("victims=civilians", ["ghouta", "manbij"]),
    ("victims=combatants", []),
    ("country=&place=&grade=", ["ghouta", "manbij"]),
    ("kind=aggregate", ["toll"]),
]

# (url, status, words the error names)
BAD_REQUESTS = [
    ("/api/incidents?date_from=2016-13-01", 400, "date_from '2016-13-01'"),
    ("/api/incidents?date_to=yesterday", 400, "date_to 'yesterday'"),
    ("/api/incidents?sort=colour", 400, "sort 'colour'"),
    ("/api/incidents?grade=great", 400, "grade 'great'"),
    ("/api/incidents?victims=cats", 400, "victims 'cats'"),
    ("/api/incidents?cursor=not-ours", 400, "cursor 'not-ours'"),
    (
        "/api/incidents?cursor=eyJvIjogMTAwMDAwMDAwMDAwMDAwMDAwMDB9",
        400,
        "is not one this API returned",
    ),  # an offset past SQLite's integers
    ("/api/incidents?limit=0", 422, "limit"),
    ("/api/incidents?limit=100000", 422, "limit"),
    ("/api/incidents?kind=war", 422, "kind"),
    ("/api/incidents/0000000000000000", 404, "no incident '0000000000000000'"),
    ("/api/documents/abc", 404, "no document 'abc'"),
    ("/api/claims", 400, "incident_id, document_id or ids"),
    ("/api/aggregates?by=colour", 400, "cannot group by 'colour'"),
    ("/api/export?format=xls", 400, "format 'xls'"),
    ("/api/nowhere", 404, "Not Found"),
]

# (format, media type, start of the body)
EXPORTS = [
    ("ucdp", "text/csv", "id,date_start,date_end,date_prec,country"),
    ("acled", "text/csv", "event_id_cnty,event_date,year"),
    ("csv", "text/csv", "id,kind,place"),
    ("geojson", "application/geo+json", '{"type": "FeatureCollection"'),
    ("json", "application/json", "["),
]


def names(ids: dict[str, Any], rows: list[dict[str, Any]]) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return [by_id[row["id"]] for row in rows]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_incident_list_filters_and_sorts(client: Any, seeded: Any, query: str, expected: list[str]) -> None:
    body = client.get(f"/api/incidents?{query}").json()
    assert body["ok"] is True and body["next"] is None
    assert names(seeded[1], body["rows"]) == expected


def test_incident_rows_are_flat_summaries(client: Any, seeded: Any) -> None:
    row = client.get("/api/incidents?place=manbij").json()["rows"][0]
    assert row == {
        **row,
        "place": "Manbij",
        "country": "SY",
        "lat": 36.5281,
        "deaths_low": 56,
        "deaths_high": 200,
        "perpetrator": "International Anti-ISIS Coalition",
        "grade": "fair",
        "n_claims": 2,
    }


def test_pagination_follows_the_next_cursor_to_the_end(client: Any, seeded: Any) -> None:
    first = client.get("/api/incidents?limit=1").json()
    assert len(first["rows"]) == 1 and first["next"]
    second = client.get(f"/api/incidents?limit=1&cursor={first['next']}").json()
    assert len(second["rows"]) == 1 and second["next"] is None
    assert names(seeded[1], first["rows"] + second["rows"]) == ["ghouta", "manbij"]


@pytest.mark.parametrize(("url", "status", "words"), BAD_REQUESTS)
def test_errors_share_one_envelope_and_name_the_input(client: Any, url: str, status: int, words: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert words in body["error"]


def test_incident_detail_has_claims_with_status_tolls_beside_it_and_an_empty_audit(client: Any, seeded: Any) -> None:
    ids = seeded[1]
    row = client.get(f"/api/incidents/{ids['manbij']}").json()["row"]
    assert row["incident"]["id"] == ids["manbij"]
    assert {c["id"]: c["status"] for c in row["claims"]} == {ids["strike"]: "auto", ids["jazeera"]: "auto"}
    jazeera = next(c for c in row["claims"] if c["id"] == ids["jazeera"])
    assert jazeera["source"]["name"] == "Al-Jazeera"
    assert jazeera["quote"] == "Al-Jazeera reported as many as 200 casualties, including many children."
    assert [t["id"] for t in row["aggregates"]] == [ids["toll"]]
    assert row["audit"] == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("incident_id={manbij}", {"strike", "jazeera"}),
        ("document_id={document}", {"strike", "jazeera", "toll125", "amnesty60", "chemical"}),
        ("ids={chemical}&ids={strike}", {"chemical", "strike"}),
    ],
)
def test_claims_by_incident_document_or_id(client: Any, seeded: Any, query: str, expected: set[str]) -> None:
    ids = seeded[1]
    rows = client.get("/api/claims?" + query.format(**ids)).json()["rows"]
    claim_names = {k for k, v in ids.items() if v in {r["id"] for r in rows}}
    assert claim_names == expected


def test_documents_list_and_detail(client: Any, seeded: Any) -> None:
    ids = seeded[1]
    rows = client.get("/api/documents").json()["rows"]
    assert [(r["id"], r["outlet"]) for r in rows] == [(ids["document"], "Seed Weekly")]
    row = client.get(f"/api/documents/{ids['document']}").json()["row"]
    assert "northeast of Aleppo" in row["document"]["text"] and "original" not in row["document"]
    assert len(row["claims"]) == 5


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("country", [("SY", 2, 192)]),
        ("event_type", [("chemical attack", 1, 136), ("airstrike", 1, 56)]),
        ("grade", [("weak", 1, 136), ("fair", 1, 56)]),
        ("month", [(None, 2, 192)]),
    ],
)
def test_aggregates_sum_best_else_lowest_deaths(client: Any, by: str, expected: list[tuple[Any, int, int]]) -> None:
    rows = client.get(f"/api/aggregates?by={by}").json()["rows"]
    assert [(r["key"], r["incidents"], r["deaths"]) for r in rows] == expected


def test_map_data_is_geojson_of_located_incidents_sized_by_deaths(client: Any, seeded: Any) -> None:
    body = client.get("/api/map").json()
    assert body["type"] == "FeatureCollection" and body["total"] == 2 and body["located"] == 2
    assert body["truncated"] is False
    by_place = {f["properties"]["place"]: f for f in body["features"]}
    assert by_place["Manbij"]["geometry"]["coordinates"] == [37.9549, 36.5281]
    assert by_place["Ghouta"]["properties"]["deaths"] == 136
    assert client.get("/api/map?limit=1").json()["truncated"] is True


def test_compact_map_data_holds_the_same_incidents_in_the_same_order_as_geojson(client: Any) -> None:
    geojson = client.get("/api/map?country=SY").json()
    compact = client.get("/api/map?country=SY&format=compact").json()
    assert "features" not in compact and compact["columns"][:3] == ["id", "lon", "lat"]
    as_dicts = [dict(zip(compact["columns"], row, strict=True)) for row in compact["rows"]]
    expected = [
        {**f["properties"], "lon": f["geometry"]["coordinates"][0], "lat": f["geometry"]["coordinates"][1]}
        for f in geojson["features"]
    ]
    assert as_dicts == expected and len(expected) == 2
    assert (compact["total"], compact["located"], compact["truncated"]) == (2, 2, False)
    assert client.get("/api/map?format=kml").status_code in (400, 422)


@pytest.mark.parametrize(("fmt", "media", "start"), EXPORTS)
def test_export_formats(client: Any, fmt: str, media: str, start: str) -> None:
    response = client.get(f"/api/export?format={fmt}&country=SY")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.text.startswith(start)
    assert "attachment" in response.headers["content-disposition"]


def test_openapi_documents_every_api_route(client: Any) -> None:
    from fastapi.routing import APIRoute

    def walk(routes: list[Any]) -> list[APIRoute]:
        # FastAPI 0.165 wraps each included router; older versions copy its routes in.
        found: list[APIRoute] = []
        for route in routes:
            if isinstance(route, APIRoute):
                found.append(route)
            elif getattr(route, "original_router", None) is not None:
                found += walk(route.original_router.routes)
        return found

    paths = client.get("/api/openapi.json").json()["paths"]
    # Taken from the app's own route table, so a new API route cannot be left out.
    api_routes = {
        (r.path, m.lower())
        for r in walk(client.app.routes)
        if r.path.startswith("/api/") and r.path != "/api/docs"
        for m in r.methods
        if m != "HEAD"
    }
    assert len(api_routes) >= 20
    documented = {(path, method) for path, ops in paths.items() for method in ops}
    assert api_routes - documented == set()
    assert all(not p.startswith("/incidents") for p in paths), "pages stay out of the API schema"


def test_every_asset_is_served_locally(client: Any) -> None:
    html = client.get("/map").text + client.get("/api/docs").text
    assert "http://" not in html.replace("http://127.0.0.1", "") and "https://" not in html
    for asset in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/markercluster/leaflet.markercluster.js",
        "/static/vendor/topojson/topojson-client.min.js",
        "/static/vendor/world-atlas/countries-50m.json",
        "/static/map.js",
        "/static/app.css",
    ):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize("url", ["/api/incidents", "/api/map", "/api/aggregates?by=country", "/"])
def test_cached_reads_follow_a_change_committed_by_another_process(client: Any, seeded: Any, url: str) -> None:
    from harmledger.store import Ledger

    ledger, ids = seeded
    before = client.get(url).text
    assert client.get(url).text == before and "Manbij" in client.get("/api/incidents").text
    other = Ledger(ledger.url)  # a second connection pool, as `harmledger ingest` in a shell would be
    manbij = other.get_incident(ids["manbij"])
    other.replace_incidents([manbij])
    other.close()
    after = client.get(url).text
    assert after != before
    assert names(ids, client.get("/api/incidents").json()["rows"]) == ["manbij"]


@pytest.mark.parametrize("query", ["", "?country=sy&grade=confirmed", "?date_from=2016-01-01&event_type=airstrike"])
def test_map_is_answered_from_an_index_without_reading_incident_rows(seeded: Any, query: str) -> None:
    # Each incident row carries its JSON, so reading rows made the map cost the whole table.
    import sqlalchemy as sa

    from harmledger.web.queries import incident_filters, map_features

    ledger, _ids = seeded
    statements: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        statements.append((statement, parameters))

    values = dict(pair.split("=") for pair in query.lstrip("?").split("&") if pair)
    filters = incident_filters(**{name: values.get(name) for name in FILTER_NAMES})
    sa.event.listen(ledger.engine, "before_cursor_execute", capture)
    try:
        assert map_features(ledger, filters)["located"] >= 0
    finally:
        sa.event.remove(ledger.engine, "before_cursor_execute", capture)
    incident_reads = [s for s in statements if "FROM incidents" in s[0]]
    assert len(incident_reads) == 2  # the points, and the counts
    with ledger.engine.connect() as conn:
        for statement, parameters in incident_reads:
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
            assert "COVERING INDEX ix_incidents_map" in plan, plan


FILTER_NAMES = ("country", "place", "perpetrator", "event_type", "grade", "victims", "date_from", "date_to")
