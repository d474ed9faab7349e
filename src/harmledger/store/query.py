"""Which incidents a listing holds and in what order: one definition for the ledger, the API and the pages.

``Ledger.incidents`` and the web's direct queries (a page of ids, the map, the timeline, the
totals) filter and sort with these, so a filter means the same thing wherever it is given.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from harmledger.errors import StoreError
from harmledger.store.schema import DEATHS_ORDER, incidents

# The orders an incident listing offers ("-" in front: descending), each on an indexed column.
SORT_COLUMNS: dict[str, ColumnElement[Any]] = {
    "deaths": DEATHS_ORDER,
    "date": incidents.c.date_start,
    "grade": incidents.c.grade,
    "place": incidents.c.place_name,
}


@dataclass(frozen=True, slots=True)
class IncidentFilters:
    """The filters every incident listing accepts (None means no filter)."""

    country: str | None = None
    place: str | None = None  # the place name contains this text (any case)
    perpetrator: str | None = None  # the perpetrator contains this text (any case)
    event_type: str | None = None
    grade: str | None = None
    victims: str | None = None
    date_from: date | None = None  # the incident ends on or after this day
    date_to: date | None = None  # the incident starts on or before this day

    def ledger_kwargs(self) -> dict[str, Any]:
        """The filters as keyword arguments of ``Ledger.incidents``."""
        return asdict(self)

    def query_pairs(self) -> list[tuple[str, str]]:
        """The non-empty filters as URL query pairs (to keep them across pages and links)."""
        return [(f.name, str(getattr(self, f.name))) for f in fields(self) if getattr(self, f.name) is not None]

    def conditions(self) -> list[ColumnElement[bool]]:
        """The filters as conditions on the ``incidents`` table."""
        out: list[ColumnElement[bool]] = []
        if self.country:
            out.append(sa.func.upper(incidents.c.country) == self.country.upper())
        if self.place:
            out.append(contains(incidents.c.place_name, self.place))
        if self.perpetrator:
            out.append(contains(incidents.c.perpetrator, self.perpetrator))
        if self.event_type:
            out.append(incidents.c.event_type == self.event_type)
        if self.grade:
            out.append(incidents.c.grade == self.grade)
        if self.victims:
            out.append(incidents.c.victims == self.victims)
        if self.date_from:
            out.append(sa.func.coalesce(incidents.c.date_end, incidents.c.date_start) >= self.date_from)
        if self.date_to:
            out.append(incidents.c.date_start <= self.date_to)
        return out


def incident_order(sort: str) -> ColumnElement[Any]:
    """The ORDER BY term for ``sort`` ("-deaths", "date", …); callers add the id as a tie-break."""
    key = sort.lstrip("-")
    if key not in SORT_COLUMNS:
        raise StoreError(f"cannot sort by {key!r}: choose one of {', '.join(sorted(SORT_COLUMNS))}")
    column = SORT_COLUMNS[key]
    return column.desc() if sort.startswith("-") else column.asc()


def contains(column: ColumnElement[Any], text: str) -> ColumnElement[bool]:
    """``column`` contains ``text`` (any case), with ``%`` and ``_`` in it matched literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")
