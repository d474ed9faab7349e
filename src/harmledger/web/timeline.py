"""The timeline: deaths per month on a real time axis, stacked by victims type, and who and where.

Every month from the first dated incident to the last gets a column, so a quiet month is a
visible gap rather than a missing bar; each column stacks the deaths (best estimate, else the
lowest figure) of civilians, combatants, people not distinguished, and incidents that say nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from harmledger.store import Ledger
from harmledger.store.schema import incidents
from harmledger.web.queries import DEATHS, GROUPINGS, IncidentFilters

CHART_W, CHART_H, CHART_PAD = 900.0, 260.0, 34.0
# Bottom to top; None is an incident whose figures do not say who died.
STACK: tuple[str | None, ...] = ("civilians", "combatants", "people", None)
STACK_LABELS = {
    "civilians": "civilians",
    "combatants": "combatants",
    "people": "people (not distinguished)",
    None: "not stated",
}
BREAKDOWN_ROWS = 10
MAX_BAR_W = 48.0  # a month of a short span is a bar, not a wall


@dataclass(frozen=True, slots=True)
class Segment:
    victims: str | None
    label: str
    deaths: int
    y: float
    h: float


@dataclass(frozen=True, slots=True)
class Column:
    """One month of the chart, in SVG user units; ``segments`` stack from the axis up."""

    key: str
    x: float
    width: float
    incidents: int
    deaths: int
    segments: tuple[Segment, ...]
    count_y: float | None  # the incident-count dot, None in an empty month


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def monthly(ledger: Ledger, filters: IncidentFilters) -> list[dict[str, Any]]:
    """Incidents and deaths per (month, victims type) for the filtered incidents (month None: undated)."""
    month = GROUPINGS["month"].label("month")
    query = (
        sa.select(month, incidents.c.victims, sa.func.count().label("incidents"), sa.func.sum(DEATHS).label("deaths"))
        .where(incidents.c.kind == "incident", *filters.conditions())
        .group_by(month, incidents.c.victims)
    )
    with ledger.reading() as conn:
        return [
            {"month": r.month, "victims": r.victims, "incidents": int(r.incidents), "deaths": int(r.deaths or 0)}
            for r in conn.execute(query)
        ]


def columns(rows: list[dict[str, Any]]) -> list[Column]:
    """The chart's columns for ``monthly`` rows: one per month, gaps included."""
    dated = [r for r in rows if r["month"]]
    if not dated:
        return []
    keys = months_between(min(r["month"] for r in dated), max(r["month"] for r in dated))
    by_month: dict[str, dict[str | None, dict[str, int]]] = {}
    for r in dated:
        victims = r["victims"] if r["victims"] in STACK else None
        cell = by_month.setdefault(r["month"], {}).setdefault(victims, {"incidents": 0, "deaths": 0})
        cell["incidents"] += r["incidents"]
        cell["deaths"] += r["deaths"]
    totals = {k: sum(c["deaths"] for c in by_month.get(k, {}).values()) for k in keys}
    counts = {k: sum(c["incidents"] for c in by_month.get(k, {}).values()) for k in keys}
    max_deaths, max_count = max(totals.values()) or 1, max(counts.values()) or 1
    inner_h = CHART_H - 2 * CHART_PAD
    step = (CHART_W - 2 * CHART_PAD) / len(keys)
    width = min(max(step * 0.8, 1.0), MAX_BAR_W)
    out = []
    for i, key in enumerate(keys):
        base = CHART_PAD + inner_h
        segments = []
        for victims in STACK:
            deaths = by_month.get(key, {}).get(victims, {}).get("deaths", 0)
            if deaths:
                h = inner_h * deaths / max_deaths
                base -= h
                segments.append(Segment(victims, STACK_LABELS[victims], deaths, base, h))
        out.append(
            Column(
                key=key,
                x=CHART_PAD + (i + 0.5) * step - width / 2,
                width=width,
                incidents=counts[key],
                deaths=totals[key],
                segments=tuple(segments),
                count_y=CHART_PAD + inner_h - inner_h * counts[key] / max_count if counts[key] else None,
            )
        )
    return out


def ticks(cols: list[Column]) -> list[tuple[float, str]]:
    """Axis labels: each January (the year) on long spans, else every month or every few months."""
    if not cols:
        return []
    if len(cols) > 24:
        return [(c.x + c.width / 2, c.key[:4]) for c in cols if c.key.endswith("-01") or c is cols[0]]
    every = max(1, len(cols) // 12)
    return [(c.x + c.width / 2, c.key) for n, c in enumerate(cols) if n % every == 0]


def breakdown(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The top rows of an ``aggregate`` by deaths, each with its share of the largest (for a bar)."""
    top = [r for r in rows if r["key"]][:BREAKDOWN_ROWS]
    largest = max((r["deaths"] or 0 for r in top), default=0) or 1
    return [{**r, "share": round(100 * (r["deaths"] or 0) / largest, 1)} for r in top]
