"""The `harmledger` command: a thin shell over the library.

Exit codes: 0 success; 1 a check failed (verify found a mismatch; some inputs could not be read,
though the rest were ingested); 2 usage error (bad option or argument); 3 the ledger could not be
opened or migrated.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from harmledger.errors import HarmledgerError, StoreError
from harmledger.records import GRADES

EXIT_CHECK_FAILED = 1
EXIT_STORE = 3


def _ledger(db: str | None) -> Any:
    from harmledger.store import Ledger

    try:
        return Ledger(db)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)


db_option = click.option(
    "--db",
    envvar="HARMLEDGER_DB",
    default=None,
    metavar="URL",
    help="Ledger URL or SQLite path (default ./harmledger.db; env HARMLEDGER_DB). "
    "PostgreSQL: postgresql://user@host:port/dbname",
)


def _parse_date(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2016-07-20") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="harmledger")
def main() -> None:
    """harmledger: turn news reports of violence into an auditable ledger of civilian harm.

    \b
    Quick start:
      harmledger ingest samples/          read, extract, reconcile into ./harmledger.db
      harmledger incidents                the incidents table
      harmledger serve                    the web UI on http://127.0.0.1:8000
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", callback=_parse_date, help="Publication date (YYYY-MM-DD) for inputs that lack one.")
@click.option("--outlet", help="Outlet name for inputs that lack one.")
@click.option("--include", multiple=True, metavar="GLOB", help="In folders, read only files matching GLOB (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="In folders, skip files matching GLOB (repeatable).")
@click.option("--no-segment", is_flag=True, help="Do not split text files that hold several articles.")
@click.option("--text-field", default="text", show_default=True, help="JSON field holding the article text.")
@click.option("--workers", "-j", default=1, show_default=True, help="Worker processes for extraction.")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="Run the stages in-process or on Apache Spark.")
@click.option("--master", default="local[2]", show_default=True, help="Spark master URL (with --engine spark).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], db: str | None, published: date | None, outlet: str | None,
           include: tuple[str, ...], exclude: tuple[str, ...], no_segment: bool, text_field: str,
           workers: int, engine: str, master: str, quiet: bool) -> None:
    """Read PATHS (files, folders, or - for stdin), extract claims and store them.

    Re-running on the same inputs changes nothing. Unreadable inputs are reported one line
    each and the rest of the batch is ingested; the exit code is 1 when any input failed.

    \b
    Example:
      harmledger ingest samples/ --published 2016-07-20
      cat article.txt | harmledger ingest - --outlet "Al-Jazeera"
    """
    from harmledger.documents import ReadOptions

    options = ReadOptions(published=published, outlet=outlet, include=include, exclude=exclude,
                          segment=not no_segment, text_field=text_field)
    ledger = _ledger(db)
    if engine == "spark":
        from harmledger.spark import ingest_spark

        report = ingest_spark(ledger, list(paths), options, master=master)
    else:
        report = _ingest_with_progress(ledger, paths, options, workers, quiet)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(
        f"{report.added} documents added, {report.skipped} already stored, "
        f"{report.claims} claims, {report.failed} inputs failed; "
        f"{ledger.count_incidents()} incidents in the ledger."
    )
    if report.failed:
        sys.exit(EXIT_CHECK_FAILED)


def _ingest_with_progress(ledger: Any, paths: tuple[str, ...], options: Any, workers: int, quiet: bool) -> Any:
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from harmledger.pipeline import ingest as run_ingest

    if quiet or not sys.stderr.isatty():
        return run_ingest(ledger, list(paths), options, workers=workers)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
                  TimeElapsedColumn(), transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def step(origin: str, status: str) -> None:
            progress.update(task, advance=1, description=f"{status}: {Path(origin).name[:40]}")

        return run_ingest(ledger, list(paths), options, workers=workers, on_document=step)


@main.command()
@db_option
def reconcile(db: str | None) -> None:
    """Re-derive incidents from every stored claim and analyst decision."""
    from harmledger.pipeline import rebuild_incidents

    n = rebuild_incidents(_ledger(db))
    click.echo(f"{n} incidents and aggregates")


def _filter_options(fn: Any) -> Any:
    for option in reversed([
        click.option("--country", help="ISO country code, e.g. SY."),
        click.option("--place", help="Place name contains this text."),
        click.option("--perpetrator", help="Perpetrator contains this text."),
        click.option("--event-type", help="Event type, e.g. airstrike."),
        click.option("--grade", type=click.Choice(GRADES)),
        click.option("--victims", type=click.Choice(["civilians", "combatants", "people"])),
        click.option("--from", "date_from", callback=_parse_date, help="On or after this date (YYYY-MM-DD)."),
        click.option("--to", "date_to", callback=_parse_date, help="On or before this date (YYYY-MM-DD)."),
    ]):
        fn = option(fn)
    return fn


@main.command()
@db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--aggregates", is_flag=True, help="List cumulative tolls (aggregates) instead of incidents.")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
def incidents(db: str | None, fmt: str, aggregates: bool, limit: int | None, **filters: Any) -> None:
    """List incidents, most deaths first.

    \b
    Example:
      harmledger incidents --country SY --from 2016-01-01 --format json
    """
    from harmledger.export import incidents_table, render

    ledger = _ledger(db)
    rows = ledger.incidents(kind="aggregate" if aggregates else "incident", limit=limit, **filters)
    if fmt == "table":
        label = "aggregates (cumulative tolls, never added to incidents)" if aggregates else "incidents"
        click.echo(incidents_table(rows, title=f"{len(rows)} {label}"))
    else:
        click.echo(render("json" if fmt == "json" else "csv", rows, ledger), nl=False)


@main.command()
@click.argument("incident_id")
@db_option
def show(incident_id: str, db: str | None) -> None:
    """Show one incident with every claim, its figure, source and quote."""
    from harmledger.export import describe_incident

    ledger = _ledger(db)
    incident = ledger.get_incident(incident_id)
    if incident is None:
        matches = [i for i in ledger.incidents(kind=None) if i.id.startswith(incident_id)]
        if len(matches) != 1:
            raise click.BadParameter(f"no incident {incident_id!r}; list them with `harmledger incidents`")
        incident = matches[0]
    click.echo(describe_incident(incident, ledger))


@main.command()
@db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["ucdp", "acled", "geojson", "json", "csv"]), default="ucdp",
              show_default=True, help="ucdp/acled: CSV in UCDP-GED-like or ACLED-like columns.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
def export(db: str | None, fmt: str, output: str | None, **filters: Any) -> None:
    """Export incidents as CSV (UCDP-GED-like or ACLED-like columns), GeoJSON or JSON."""
    from harmledger.export import render

    ledger = _ledger(db)
    text = render(fmt, ledger.incidents(**filters), ledger)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@main.command()
@db_option
def verify(db: str | None) -> None:
    """Re-hash every stored original and check the audit log's hash chain.

    Exits 1 and names each mismatch (and the first broken link of the chain).
    """
    ledger = _ledger(db)
    problems = ledger.verify()
    counts = ledger.counts()
    for problem in problems:
        click.echo(f"MISMATCH {problem}", err=True)
    if problems:
        sys.exit(EXIT_CHECK_FAILED)
    click.echo(f"ok: {counts['originals']} originals re-hashed, {counts['audit_log']} audit entries chained")


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the shape in the gold README).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Also write the JSON report here.")
@click.option("--errors", is_flag=True, help="List each miss and false hit with its sentence.")
def eval_command(gold_dir: Path, as_json: bool, out: Path | None, errors: bool) -> None:
    """Measure extraction, places, segmentation and incidents against a gold set.

    \b
    Example:
      harmledger eval tests/fixtures/seed
      harmledger eval ../shared/data/ucdp-headlines --json --out report.json
    """
    from harmledger.evaluate import evaluate, format_errors, format_table

    report = evaluate(gold_dir, collect_errors=errors)
    payload = report.to_json()
    if out:
        out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if as_json:
        click.echo(json.dumps(payload))
    else:
        click.echo(format_table(report))
    if errors:
        click.echo(format_errors(report))


@main.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--country", help="Prefer places in this ISO country code, e.g. SY.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input line, in input order.")
@click.option("--limit", default=5, show_default=True)
@db_option
def geocode(texts: tuple[str, ...], country: str | None, as_json: bool, limit: int, db: str | None) -> None:
    """Ranked gazetteer candidates for place strings (- reads one a line from stdin).

    \b
    Example:
      harmledger geocode "Al-Fatih, Jableh District" "southern countryside of Aleppo" --json
    """
    from harmledger.places import geocode_query

    queries = [line.strip() for line in sys.stdin if line.strip()] if texts == ("-",) else list(texts)
    _load_analyst_places(db)
    for query in queries:
        candidates = geocode_query(query, country=country, limit=limit)
        if as_json:
            click.echo(json.dumps({"query": query, "candidates": [c.to_json() for c in candidates]}))
            continue
        click.echo(query)
        if not candidates:
            click.echo("  (no match)")
        for c in candidates:
            data = c.to_json()
            click.echo(f"  {data['score']:.2f}  {data['name']}, {data.get('admin1') or '-'}, {data['country']}"
                       f"  ({data['lat']:.4f}, {data['lon']:.4f})  prec {data['precision']}")
            why = getattr(c, "why", None)
            if why:
                click.echo(f"        why: {why if isinstance(why, str) else '; '.join(why)}")


def _load_analyst_places(db: str | None) -> None:
    """Feed places analysts added to the ledger into the gazetteer (they win over shipped data)."""
    from harmledger.pipeline import use_analyst_places
    from harmledger.store.ledger import DEFAULT_URL

    if db is None and not Path(DEFAULT_URL.removeprefix("sqlite:///")).exists():
        return  # no ledger here: don't create one just to look places up
    use_analyst_places(_ledger(db))


@main.group()
def gazetteer() -> None:
    """Manage the offline gazetteer."""


@gazetteer.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def gazetteer_import(file: Path) -> None:
    """Load a GeoNames dump (SY.txt, allCountries.txt format) or a CSV of places into the gazetteer.

    \b
    A country dump (every village GeoNames has) is SY.zip at
    https://download.geonames.org/export/dump/ (unzip it first). Re-importing replaces rows
    with the same geonameid. Check the effect with `harmledger gazetteer stats --country SY`.

    \b
    Example:
      harmledger gazetteer import SY.txt
    """
    from harmledger.places import import_places

    n = import_places(file)
    click.echo(f"imported {n} places from {file}")


@gazetteer.command(name="stats")
@click.option("--country", "countries", multiple=True, help="Only this ISO code (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a country.")
def gazetteer_stats(countries: tuple[str, ...], as_json: bool) -> None:
    """What the gazetteer holds per country: places, settlements, divisions, imported rows.

    \b
    Example:
      harmledger gazetteer stats --country SY --country YE
    """
    from harmledger.places import get_gazetteer

    gaz = get_gazetteer()
    wanted = {c.upper() for c in countries}
    rows = [r for r in gaz.stats_by_country() if not wanted or (r.country or "") in wanted]
    if as_json:
        for r in rows:
            click.echo(json.dumps(r._asdict()))
        return
    click.echo(f"{gaz.path}")
    click.echo(f"{'country':8}{'places':>9}{'settlements':>13}{'divisions':>11}{'imported':>10}{'curated':>9}")
    for r in rows:
        click.echo(f"{r.country or '-':8}{r.places:>9}{r.settlements:>13}{r.divisions:>11}{r.imported:>10}{r.curated:>9}")
    for c in sorted(wanted - {r.country for r in rows}):
        click.echo(f"{c:8}{0:>9}  (nothing: `harmledger gazetteer import {c}.txt` adds GeoNames' {c} dump)")


@gazetteer.command(name="add")
@click.argument("name")
@click.option("--lat", type=float, required=True)
@click.option("--lon", type=float, required=True)
@click.option("--country", help="ISO country code.")
@click.option("--admin1")
@click.option("--alias", "aliases", multiple=True, help="Another spelling (repeatable).")
@db_option
def gazetteer_add(name: str, lat: float, lon: float, country: str | None, admin1: str | None,
                  aliases: tuple[str, ...], db: str | None) -> None:
    """Add a place to the ledger's own gazetteer; it wins over the shipped data."""
    _ledger(db).add_place(name, lat, lon, aliases=aliases, country=country, admin1=admin1)
    click.echo(f"added {name}")


@main.command(name="backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def backup_command(target: Path, db: str | None) -> None:
    """Write a consistent copy of the ledger to TARGET (SQLite backup API, or pg_dump)."""
    from harmledger.store.backup import backup

    backup(db, target)
    click.echo(f"backed up to {target}")


@main.command(name="restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def restore_command(backup_file: Path, db: str | None) -> None:
    """Restore BACKUP_FILE into an empty ledger (--db), then verify it."""
    from harmledger.store.backup import restore

    restore(backup_file, db)
    problems = _ledger(db).verify()
    for problem in problems:
        click.echo(f"MISMATCH {problem}", err=True)
    if problems:
        sys.exit(EXIT_CHECK_FAILED)
    click.echo(f"restored {backup_file}; verify ok")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Bind address (keep loopback unless you mean it).")
@click.option("--port", default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the web UI and REST API (API docs at /api/docs, schema at /api/openapi.json)."""
    import uvicorn

    from harmledger.web import create_app

    uvicorn.run(create_app(_ledger(db)), host=host, port=port, log_level="info")


@main.group()
def user() -> None:
    """Manage web users (roles viewer, analyst, admin) and their API tokens."""


@user.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "admin"]), default="viewer", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin instead of prompting.")
@db_option
def user_add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create a user. The first admin is made this way.

    \b
    Example:
      harmledger user add alice --role admin
      echo "$PASSWORD" | harmledger user add bot --role analyst --password-stdin
    """
    from harmledger.store.users import UserError, Users

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        Users(_ledger(db)).add(name, password, role, by="cli")
    except UserError as exc:
        raise click.BadParameter(str(exc)) from None
    click.echo(f"added {name} ({role})")


@user.command(name="token")
@click.argument("name")
@click.option("--label", help="What the token is for (shown in the admin page).")
@db_option
def user_token(name: str, label: str | None, db: str | None) -> None:
    """Issue an API token for NAME and print it (it is shown only this once).

    \b
    Example:
      TOKEN=$(harmledger user token alice --label scripts)
      curl -H "Authorization: Bearer $TOKEN" -X POST http://127.0.0.1:8000/api/claims/ID/reject
    """
    from harmledger.store.users import UserError, Users

    try:
        click.echo(Users(_ledger(db)).issue_token(name, label, by="cli"))
    except UserError as exc:
        raise click.BadParameter(str(exc)) from None


def run() -> None:
    """Entry point that turns library errors into one clear line and an exit code."""
    try:
        main(standalone_mode=True)
    except HarmledgerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE if isinstance(exc, StoreError) else EXIT_CHECK_FAILED)


if __name__ == "__main__":  # pragma: no cover
    run()
