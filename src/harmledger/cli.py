"""The `harmledger` command: a thin shell over the library.

Exit codes: 0 success; 1 a check failed (verify found a mismatch; some inputs could not be read,
though the rest were ingested); 2 usage error (bad option or argument); 3 the ledger could not be
opened or migrated, or there is none where the command looked (only ``ingest``, ``user add`` and
``gazetteer add`` create one: see ``cli_common.open_ledger``).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from harmledger.cli_common import EXIT_CHECK_FAILED, EXIT_STORE, analyst_named, by_option, by_or_alias, db_option
from harmledger.cli_common import open_ledger as _ledger
from harmledger.errors import HarmledgerError, StoreError
from harmledger.records import GRADES


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
@click.option(
    "--include", multiple=True, metavar="GLOB", help="In folders, read only files matching GLOB (repeatable)."
)
@click.option("--exclude", multiple=True, metavar="GLOB", help="In folders, skip files matching GLOB (repeatable).")
@click.option("--no-segment", is_flag=True, help="Do not split text files that hold several articles.")
@click.option("--text-field", default="text", show_default=True, help="JSON field holding the article text.")
@click.option("--date-field", default="published", show_default=True, help="JSON field holding the publication date.")
@click.option("--outlet-field", default="outlet", show_default=True, help="JSON field holding the outlet's name.")
@click.option("--workers", "-j", default=1, show_default=True, help="Worker processes for extraction.")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="Run the stages in-process or on Apache Spark.",
)
@click.option("--master", default="local[2]", show_default=True, help="Spark master URL (with --engine spark).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    published: date | None,
    outlet: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    no_segment: bool,
    text_field: str,
    date_field: str,
    outlet_field: str,
    workers: int,
    engine: str,
    master: str,
    quiet: bool,
) -> None:
    """Read PATHS (files, folders, or - for stdin), extract claims and store them.

    Re-running on the same inputs changes nothing. Unreadable inputs are reported one line
    each and the rest of the batch is ingested; the exit code is 1 when any input failed.

    \b
    Example:
      harmledger ingest samples/ --published 2016-07-20
      cat article.txt | harmledger ingest - --outlet "Al-Jazeera"
    """
    from harmledger.documents import ReadOptions

    options = ReadOptions(
        published=published,
        outlet=outlet,
        include=include,
        exclude=exclude,
        segment=not no_segment,
        text_field=text_field,
        date_field=date_field,
        outlet_field=outlet_field,
    )
    ledger = _ledger(db, create=True)
    if engine == "spark":
        from harmledger.spark import ingest_spark

        report = ingest_spark(ledger, list(paths), options, master=master)
    else:
        report = _ingest_with_progress(ledger, paths, options, workers, quiet)
    for warning in getattr(report, "warnings", ()):
        click.echo(f"warning: {warning}", err=True)
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
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TimeElapsedColumn(),
        transient=True,
    ) as progress:
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
    for option in reversed(
        [
            click.option("--country", help="ISO country code, e.g. SY."),
            click.option("--place", help="Place name contains this text."),
            click.option("--perpetrator", help="Perpetrator contains this text."),
            click.option("--event-type", help="Event type, e.g. airstrike."),
            click.option("--grade", type=click.Choice(GRADES)),
            click.option("--victims", type=click.Choice(["civilians", "combatants", "people"])),
            click.option("--from", "date_from", callback=_parse_date, help="On or after this date (YYYY-MM-DD)."),
            click.option("--to", "date_to", callback=_parse_date, help="On or before this date (YYYY-MM-DD)."),
        ]
    ):
        fn = option(fn)
    return fn


@main.command()
@db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option(
    "--aggregates",
    is_flag=True,
    help="List aggregates (cumulative tolls, totals over several places) instead of incidents.",
)
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
        label = (
            "aggregates (cumulative tolls and totals over several places, never added to incidents)"
            if aggregates
            else "incidents"
        )
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
    incident = ledger.get_incident(ledger.expand_id("incident", incident_id))
    if incident is None:
        raise click.BadParameter(
            f"no incident {incident_id!r} (give 8 or more characters of its id); list them with `harmledger incidents`"
        )
    click.echo(describe_incident(incident, ledger))


@main.command()
@db_option
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ucdp", "acled", "geojson", "json", "csv"]),
    default="ucdp",
    show_default=True,
    help="ucdp/acled: CSV in UCDP-GED-like or ACLED-like columns.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option(
    "--claims",
    "per_claim",
    is_flag=True,
    help="One row per claim of the selected incidents (--format csv or json): figure, source, quote, "
    "span, document hash, url, incident id; corrected claims as corrected.",
)
def export(db: str | None, fmt: str, output: str | None, per_claim: bool, **filters: Any) -> None:
    """Export incidents as CSV (UCDP-GED-like or ACLED-like columns), GeoJSON or JSON; or their claims.

    \b
    Example:
      harmledger export --country SY --format ucdp -o syria.csv
      harmledger export --claims --format csv --from 2024-01-01 -o claims.csv
    """
    from harmledger.export import render

    ledger = _ledger(db)
    if per_claim:
        if fmt not in ("csv", "json"):
            raise click.BadParameter(f"the claims export is csv or json, not {fmt!r}", param_hint="--format")
        from harmledger.pipeline import claims_export

        text = claims_export(ledger, ledger.incidents(**filters), fmt)
    else:
        text = render(fmt, ledger.incidents(**filters), ledger, grade_asked=filters.get("grade"))
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@main.command()
@db_option
@click.option(
    "--deep",
    is_flag=True,
    help="Also re-derive every document, claim and incident from the originals "
    "and the analysts' decisions and report each difference (slow: it runs the whole pipeline).",
)
@click.option(
    "--expect-head",
    metavar="HASH",
    help="The chain head a trusted earlier `verify` printed; "
    "fails when the audit log no longer ends there (catches a deleted tail with a rewritten head).",
)
def verify(db: str | None, deep: bool, expect_head: str | None) -> None:
    """Check that nothing a reader sees was changed without a trace.

    Re-hashes every original; checks each document's, claim's and incident's seal, each claim's
    status against the decisions, each decision against the audit entry that sealed it, and the
    audit chain entry by entry and against its stored head (so a deleted tail shows). With
    --deep, also re-derives documents, claims and incidents (see docs/reliability.md for what
    each level guarantees). Exits 1 and names every mismatch.

    \b
    Example:
      harmledger verify
      harmledger verify --deep --expect-head 2f1c…   (the head a past verify printed)
    """
    ledger = _ledger(db)
    problems, summary = ledger.verify_report()
    if expect_head and not _holds(ledger, expect_head):
        from harmledger.store import Problem

        problems.append(
            Problem(
                "audit",
                "head",
                f"no entry has the hash {expect_head}: the log was rewritten or entries up to it were deleted",
            )
        )
    if deep:
        problems.extend(_deep_problems(ledger, problems))
    for problem in problems:
        click.echo(f"MISMATCH {problem}", err=True)
    if problems:
        click.echo(f"{len(problems)} problems found", err=True)
        if deep and any(p.kind == "incident" and "derived again" in p.detail for p in problems):
            click.echo(
                "hint: incidents also differ when documents or decisions were added without re-deriving "
                "them (a killed run); run `harmledger reconcile` and verify again to tell",
                err=True,
            )
        sys.exit(EXIT_CHECK_FAILED)
    click.echo(
        f"ok: {summary.originals} originals re-hashed; {summary.documents} documents, {summary.claims} claims, "
        f"{summary.incidents} incidents, {summary.decisions} decisions and {summary.audit_entries} audit entries "
        f"checked{' and re-derived' if deep else ''}; chain head {summary.head}"
    )


def _deep_problems(ledger: Any, found: list[Any]) -> list[Any]:
    """``verify_deep``'s problems; never a traceback, whatever the database holds."""
    from harmledger.pipeline import verify_deep
    from harmledger.store import Problem

    if any("cannot be read" in p.detail for p in found):
        return [Problem("ledger", "deep", "not re-derived: fix or restore the unreadable rows above first")]
    try:
        return verify_deep(ledger)
    except Exception as exc:  # noqa: BLE001 - an edited database can hold anything; say where it stopped
        return [Problem("ledger", "deep", f"re-derivation stopped: {type(exc).__name__}: {exc}")]


def _holds(ledger: Any, head: str) -> bool:
    """True when an entry of the (verified) chain has hash ``head``: the log only grew since."""
    return len(head) >= 12 and any(str(e["hash"]).startswith(head) for e in ledger.audit_entries())


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
            click.echo(
                f"  {data['score']:.2f}  {data['name']}, {data.get('admin1') or '-'}, {data['country']}"
                f"  ({data['lat']:.4f}, {data['lon']:.4f})  prec {data['precision']}"
            )
            why = getattr(c, "why", None)
            if why:
                click.echo(f"        why: {why if isinstance(why, str) else '; '.join(why)}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per toponym.")
@click.option("--no-segment", is_flag=True, help="Do not split text files that hold several articles.")
@click.option("--text-field", default="text", show_default=True, help="JSON field holding the article text.")
@db_option
def places(paths: tuple[str, ...], as_json: bool, no_segment: bool, text_field: str, db: str | None) -> None:
    """Every toponym in PATHS (files, folders, or - for stdin) with its point: full-text geoparsing.

    Ingest looks for places only where claims need them; this reads the whole of each document.

    \b
    Example:
      harmledger places samples/seed_article.txt
    """
    from harmledger.documents import ReadOptions, read_sources
    from harmledger.errors import InputError
    from harmledger.pipeline import analyse_document
    from harmledger.records import to_jsonable

    _load_analyst_places(db)
    failed = False
    for item in read_sources(list(paths), ReadOptions(segment=not no_segment, text_field=text_field)):
        if isinstance(item, InputError):
            click.echo(str(item), err=True)
            failed = True
            continue
        where = item.origin + (f" [{item.record_id}]" if item.record_id else "")
        found = analyse_document(item, all_places=True).places
        if as_json:
            for p in found:
                click.echo(json.dumps({"document": where, **to_jsonable(p)}))
            continue
        click.echo(f"{where}: {len(found)} toponyms")
        for p in found:
            at = f"{p.span.start}-{p.span.end}" if p.span else "-"
            if p.lat is None or p.lon is None:
                click.echo(f"  {at:>11}  {p.text!r}  unresolved ({p.reason})")
                continue
            click.echo(
                f"  {at:>11}  {p.text!r}  {p.name}, {p.admin1 or '-'}, {p.country or '-'}"
                f"  ({p.lat:.4f}, {p.lon:.4f})  prec {p.precision}"
            )
    if failed:
        sys.exit(1)


def _load_analyst_places(db: str | None) -> None:
    """Feed places analysts added to the ledger into the gazetteer (they win over shipped data)."""
    from harmledger.pipeline import use_analyst_places
    from harmledger.store.ledger import missing_ledger

    absent = missing_ledger(db)
    if absent is not None:  # the shipped gazetteer alone answers; a ledger is not made to ask it
        if db is not None:
            click.echo(f"warning: no ledger at {absent.absolute()}: places analysts added are not used", err=True)
        return
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
        click.echo(
            f"{r.country or '-':8}{r.places:>9}{r.settlements:>13}{r.divisions:>11}{r.imported:>10}{r.curated:>9}"
        )
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
def gazetteer_add(
    name: str, lat: float, lon: float, country: str | None, admin1: str | None, aliases: tuple[str, ...], db: str | None
) -> None:
    """Add a place to the ledger's own gazetteer; it wins over the shipped data."""
    _ledger(db, create=True).add_place(name, lat, lon, aliases=aliases, country=country, admin1=admin1)
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
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of text.")
@click.option("--limit", default=20, show_default=True, help="How many pairs to list, strongest first.")
@click.option(
    "--merge", "merge_id", metavar="SUGGESTION", help="Decide: the pair is one event (merge the two incidents)."
)
@click.option(
    "--keep-apart", "apart_id", metavar="SUGGESTION", help="Decide: two events (remembered on every reconciliation)."
)
@by_option(required=False, old_name="--as")
def suggestions(
    db: str | None,
    as_json: bool,
    limit: int,
    merge_id: str | None,
    apart_id: str | None,
    by: str | None,
    by_alias: str | None,
) -> None:
    """Possible duplicates: pairs of incidents scored close to a join, but not joined.

    Reports of different documents are joined only on identifying evidence (a shared family,
    victim or site, the same telling figure, the same wording); pairs that came close without it
    are listed here with the evidence for and against, for an analyst to decide (--by names them).

    \b
    Examples:
      harmledger suggestions
      harmledger suggestions --keep-apart 63f361ab1be9f5e1 --by alice
      harmledger suggestions --merge 63f361ab1be9f5e1 --by alice
    """
    username = by_or_alias(by, by_alias, "--as")
    ledger = _ledger(db)
    if merge_id and apart_id:
        raise click.UsageError("choose one of --merge and --keep-apart")
    decided = merge_id or apart_id
    if decided:
        _decide_suggestion(ledger, decided, "merge" if merge_id else "keep_apart", username)
        return
    found = ledger.suggestions(limit=limit)
    if not found:
        click.echo("no possible duplicates")
    for s in found:
        if as_json:
            from harmledger.records import to_jsonable

            click.echo(json.dumps(to_jsonable(s), ensure_ascii=False))
            continue
        click.echo(f"{s.id}  score {s.score:g}: incidents {s.incident_a} and {s.incident_b}")
        click.echo(f"    for:     {'; '.join(s.evidence_for) or 'nothing'}")
        click.echo(f"    against: {'; '.join(s.evidence_against)}")


def _decide_suggestion(ledger: Any, suggestion_id: str, action: str, username: str | None) -> None:
    from fastapi import HTTPException

    from harmledger.web.review import apply_review

    if not username:
        raise click.UsageError("say who decides: --by NAME (a user with the analyst role)")
    analyst = analyst_named(ledger, username)
    found = next((s for s in ledger.suggestions() if s.id.startswith(suggestion_id)), None)
    if found is None:
        raise click.BadParameter(f"no suggestion {suggestion_id!r}; list them with `harmledger suggestions`")
    other: Any = [found.incident_b] if action == "merge" else found.incident_b
    try:
        apply_review(ledger, analyst, action, found.incident_a, {"with": other})
    except HTTPException as exc:
        raise click.ClickException(str(exc.detail)) from None
    click.echo(f"{'merged' if action == 'merge' else 'kept apart'}: {found.incident_a} and {found.incident_b}")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Bind address (keep loopback unless you mean it).")
@click.option("--port", default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the web UI and REST API (API docs at /api/docs, schema at /api/openapi.json) over an existing ledger.

    Limits and lifetimes come from the environment (see the README's Configuration):
    HARMLEDGER_SECRET, HARMLEDGER_MAX_BODY_BYTES, HARMLEDGER_MAX_UPLOAD_BYTES,
    HARMLEDGER_SESSION_IDLE_SECONDS, HARMLEDGER_SESSION_MAX_SECONDS, HARMLEDGER_LOGIN_MAX_FAILURES …
    """
    import uvicorn

    from harmledger.web import create_app
    from harmledger.web.limits import WebSettings

    try:
        settings = WebSettings.from_env()
    except HarmledgerError as exc:
        raise click.UsageError(str(exc)) from None
    ledger = _ledger(db, hint="(or `harmledger user add NAME --role admin` for one to fill from the web's Add page)")
    uvicorn.run(create_app(ledger, settings=settings), host=host, port=port, log_level="info")


@main.group()
def user() -> None:
    """Manage web users (roles viewer, analyst, admin) and their API tokens."""


@user.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "admin"]), default="viewer", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin instead of prompting.")
@db_option
def user_add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create a user. The first admin is made this way (with the ledger, when there is none yet).

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
        Users(_ledger(db, create=True)).add(name, password, role, by="cli")
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


@user.command(name="list")
@db_option
def user_list(db: str | None) -> None:
    """List users with their roles and number of active tokens."""
    from harmledger.store.users import Users

    users = Users(_ledger(db))
    for u in users.all():
        active = sum(1 for t in users.tokens(u.username) if t["revoked_at"] is None)
        click.echo(f"{u.username}\t{u.role}\t{active} active tokens")


@user.command(name="role")
@click.argument("name")
@click.argument("role", type=click.Choice(["viewer", "analyst", "admin"]))
@db_option
def user_role(name: str, role: str, db: str | None) -> None:
    """Change NAME's role (the last admin cannot be demoted).

    \b
    Example:
      harmledger user role ana analyst
    """
    from harmledger.store.users import UserError, Users

    try:
        Users(_ledger(db)).set_role(name, role, by="cli")
    except UserError as exc:
        raise click.BadParameter(str(exc)) from None
    click.echo(f"{name} is now {role}")


@user.command(name="remove")
@click.argument("name")
@db_option
def user_remove(name: str, db: str | None) -> None:
    """Delete NAME, ending their sessions and tokens (the last admin cannot be removed).

    \b
    Example:
      harmledger user remove intern
    """
    from harmledger.store.users import UserError, Users

    try:
        Users(_ledger(db)).remove(name, by="cli")
    except UserError as exc:
        raise click.BadParameter(str(exc)) from None
    click.echo(f"removed {name}")


@user.command(name="tokens")
@click.argument("name")
@db_option
def user_tokens(name: str, db: str | None) -> None:
    """List NAME's API tokens: id, label, created, and active or revoked (never the tokens themselves).

    \b
    Example:
      harmledger user tokens alice
    """
    from harmledger.store.users import Users

    users = Users(_ledger(db))
    if users.get(name) is None:
        raise click.BadParameter(f"no user {name!r}; list them with `harmledger user list`")
    rows = users.tokens(name)
    for t in rows:
        state = f"revoked {t['revoked_at']:%Y-%m-%d %H:%M}" if t["revoked_at"] else "active"
        click.echo(f"{t['id']}\t{t['label'] or '-'}\t{t['created_at']:%Y-%m-%d %H:%M}\t{state}")
    if not rows:
        click.echo(f"{name} has no tokens")


@user.command(name="revoke")
@click.argument("name")
@click.argument("token_id", type=int)
@db_option
def user_revoke(name: str, token_id: int, db: str | None) -> None:
    """Revoke NAME's token TOKEN_ID (from `harmledger user tokens NAME`); it stops working at once.

    \b
    Example:
      harmledger user revoke alice 3
    """
    from harmledger.store.users import UserError, Users

    try:
        Users(_ledger(db)).revoke_token(name, token_id, by="cli")
    except UserError as exc:
        raise click.BadParameter(str(exc)) from None
    click.echo(f"revoked token {token_id} of {name}")


from harmledger.cli_analyst import correct  # noqa: E402 - registered after the shared options it uses

main.add_command(correct)


def run() -> None:
    """Entry point that turns library errors into one clear line and an exit code."""
    try:
        main(standalone_mode=True)
    except HarmledgerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE if isinstance(exc, StoreError) else EXIT_CHECK_FAILED)


if __name__ == "__main__":  # pragma: no cover
    run()
