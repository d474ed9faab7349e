"""`harmledger correct …` and `harmledger search`: the analyst's web actions, for scripts.

Each command records the same decision, with the same checks and audit entry, as the web page and
the API (``harmledger.web.review``); ``--by`` names an analyst of the ledger (as in every command
that acts for one), who is the one "corrected by" in the pages and the audit log.
"""

from __future__ import annotations

import json
from typing import Any

import click

from harmledger.cli_common import analyst_named, by_option, db_option, open_ledger
from harmledger.records import OUTCOMES

QUALIFIER_CHOICES = ("exact", "at_least", "more_than", "up_to", "approximately", "range", "vague")
VICTIM_CHOICES = ("civilians", "combatants", "people")


def _ledger(db: str | None) -> Any:
    return open_ledger(db)


def _run(action: Any) -> None:
    """Run one review action, turning its refusal (an HTTP-style error) into a usage error."""
    from fastapi import HTTPException

    try:
        result = action()
    except HTTPException as exc:
        raise click.UsageError(str(exc.detail)) from None
    click.echo(json.dumps(result.to_json(), ensure_ascii=False, default=str))


def _db_option(fn: Any) -> Any:
    return db_option(fn)


def _place(place: str | None, lat: float | None, lon: float | None, country: str | None) -> dict[str, Any]:
    if not place and (lat is not None or lon is not None or country):
        # a point or a country alone would be dropped without a word: a place needs its name
        raise click.UsageError("--lat, --lon and --country set a place's point and country: give its name with --place")
    return {"place": {"name": place, "lat": lat, "lon": lon, "country": country}} if place else {}


def _figure_options(fn: Any) -> Any:
    for option in reversed(
        [
            click.option("--low", type=int, help="Lowest figure the source allows."),
            click.option("--best", type=int, help="The figure itself (an exact count fills low and high too)."),
            click.option("--high", type=int, help="Highest figure the source allows."),
            click.option("--qualifier", type=click.Choice(QUALIFIER_CHOICES), help="Default: what the figures imply."),
            click.option("--outcome", type=click.Choice(OUTCOMES)),
            click.option("--victims", type=click.Choice(VICTIM_CHOICES)),
            click.option("--source", help="Who gave the figure."),
            click.option("--date", help="YYYY-MM-DD."),
            click.option("--place", help="Place name."),
            click.option("--lat", type=float),
            click.option("--lon", type=float),
            click.option("--country", help="ISO country code of --place, e.g. SY."),
        ]
    ):
        fn = option(fn)
    return fn


@click.group()
def correct() -> None:
    """Correct what the machine read, or add a claim it missed (kept on every reconciliation).

    \b
    Example:
      harmledger correct claim 3f9a2c81 --best 9 --by ana
      harmledger correct incident 7cf20673 --perpetrator "Unknown armed group" --by ana
      harmledger correct add-claim --incident 7cf20673 --outside "Health office: nine died" --best 9 --by ana
    """


@correct.command(name="claim")
@click.argument("claim_id")
@_figure_options
@click.option("--writer", is_flag=True, help="The writer states the figure (no source).")
@by_option()
@_db_option
def correct_claim(
    claim_id: str,
    by: str,
    db: str | None,
    writer: bool,
    place: str | None,
    lat: float | None,
    lon: float | None,
    country: str | None,
    **fields: Any,
) -> None:
    """Set a claim's figure, outcome, victims, source, date or place; only the options given change."""
    from harmledger.web.review import apply_review

    values = {k: v for k, v in fields.items() if v is not None} | _place(place, lat, lon, country)
    if writer:
        values["source"] = None
    ledger = _ledger(db)
    _run(lambda: apply_review(ledger, analyst_named(ledger, by), "correct_claim", claim_id, {"values": values}))


@correct.command(name="incident")
@click.argument("incident_id")
@click.option("--place", help="Place name.")
@click.option("--lat", type=float)
@click.option("--lon", type=float)
@click.option("--country", help="ISO country code of --place, e.g. SY.")
@click.option("--date", help="YYYY-MM-DD.")
@click.option("--perpetrator")
@click.option("--event-type")
@click.option("--victims", type=click.Choice(VICTIM_CHOICES))
@by_option()
@_db_option
def correct_incident(
    incident_id: str,
    by: str,
    db: str | None,
    place: str | None,
    lat: float | None,
    lon: float | None,
    country: str | None,
    **fields: Any,
) -> None:
    """Set an incident's place, date, perpetrator, event type or victims."""
    from harmledger.web.review import apply_review

    values = {k: v for k, v in fields.items() if v is not None} | _place(place, lat, lon, country)
    ledger = _ledger(db)
    _run(lambda: apply_review(ledger, analyst_named(ledger, by), "correct_incident", incident_id, {"values": values}))


@correct.command(name="add-claim")
@click.option("--incident", "incident_id", help="The incident the claim belongs to (it is kept there).")
@click.option("--document", "document_id", help="The document holding the figure …")
@click.option("--quote", help="… and the words holding it, exactly as in the document.")
@click.option("--outside", help="Or: the words of a source outside the ledger.")
@click.option("--url", help="With --outside: where the words are.")
@click.option("--outlet", help="With --outside: who published them.")
@_figure_options
@by_option()
@_db_option
def add_claim(
    by: str,
    db: str | None,
    incident_id: str | None,
    document_id: str | None,
    quote: str | None,
    outside: str | None,
    url: str | None,
    outlet: str | None,
    place: str | None,
    lat: float | None,
    lon: float | None,
    country: str | None,
    **fields: Any,
) -> None:
    """Add a claim the machine missed: on a quote of a stored document, or from a source outside the ledger."""
    from harmledger.web.review import add_claim as add

    body: dict[str, Any] = {k: v for k, v in fields.items() if v is not None} | _place(place, lat, lon, country)
    if incident_id:
        body["incident"] = incident_id
    if outside:
        body["outside"] = {"text": outside, "url": url, "outlet": outlet}
    else:
        body.update(document_id=document_id, quote=quote)
    ledger = _ledger(db)
    _run(lambda: add(ledger, analyst_named(ledger, by), body))


__all__ = ["correct"]
