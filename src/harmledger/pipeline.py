"""Wires the stages together; the only module that imports more than one stage.

Per-document work is a map (``analyse_document``: extract claims, then place and date them;
``ingest`` maps ``analyse_documents`` over small batches, whose NER runs in one pass);
cross-document work is one reduce (``reconcile``). The local runner and the Spark runner map the
same ``analyse_document`` function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harmledger.records import WHERE_PREC_COUNTRY, Claim, Document, Incident, PlaceRef, Span, Suggestion

if TYPE_CHECKING:
    from harmledger.documents import ReadOptions
    from harmledger.incidents import Decisions
    from harmledger.incidents.link import EdgeFinder
    from harmledger.store import Ledger, Problem


@dataclass(slots=True)
class DocumentAnalysis:
    """What the per-document stages found in one document."""

    document: Document
    claims: list[Claim]
    places: list[PlaceRef] = field(default_factory=list)  # every toponym found in the text
    notes: list[str] = field(default_factory=list)  # what was bounded or left out, naming the file


@dataclass(slots=True)
class Analysis:
    """Everything the pipeline made from a batch of documents."""

    documents: list[Document]
    claims: list[Claim]
    places: dict[str, list[PlaceRef]]
    incidents: list[Incident]


# A document longer than this is analysed in pieces (every report in our gold sets is under
# 40,000 characters, so none is affected): each step then costs the same per character at any
# length, and no piece reaches spaCy's limit of 1,000,000 characters (its error E088).
WHOLE_DOCUMENT_CHARS = 100_000
PIECE_CHARS = 50_000
# Places are looked for in this much of a long document only: finding them costs ~50 µs a
# character (spaCy NER, then resolving every name against the others), a minute a megabyte.
PLACE_BUDGET_CHARS = 50_000


def analyse_document(doc: Document, *, all_places: bool = False) -> DocumentAnalysis:
    """Run the per-document stages: the genre, claims with their identity cues, then places and dates.

    Reading leaves the genre undecided; it is judged here, once, for a document being analysed
    (one that already has a genre keeps it), and ``DocumentAnalysis.document`` carries it: that
    is the document to store.

    Places serve claims: a document without a claim is not geoparsed (NER is most of the cost of
    ingest) unless ``all_places`` asks for every toponym (`eval`'s places section, `places`).
    Its claims are the same either way.
    """
    begun = _claims_and_windows(doc, all_places=all_places)
    if isinstance(begun, DocumentAnalysis):
        return begun
    return _placed(begun, None, all_places=all_places)


def _where(doc: Document) -> str:
    """Where a document came from, for a message: its file, its record (a JSONL line, a WARC
    record) and its article's offset in a file holding several."""
    record = f" [{doc.record_id}]" if doc.record_id else ""
    article = f" (article at offset {doc.offset_in_parent})" if doc.offset_in_parent else ""
    return doc.origin + record + article


def analyse_documents(docs: Sequence[Document]) -> list[DocumentAnalysis | AnalysisFailure]:
    """``analyse_document`` of each of ``docs``, in order, their place windows read by NER in one
    pass (spaCy's model runs on bigger batches); a document whose analysis raises is an
    ``AnalysisFailure`` and the others go on."""
    from harmledger.places import read_entities, reads_english

    begun: list[DocumentAnalysis | AnalysisFailure | _Begun] = []
    for doc in docs:
        try:
            begun.append(_claims_and_windows(doc))
        except Exception as exc:  # noqa: BLE001 - one hostile document must not cost the batch
            begun.append(AnalysisFailure(doc, f"{type(exc).__name__}: {exc}"))
    waiting = [b for b in begun if isinstance(b, _Begun)]
    read: Iterator[list[tuple[int, int, str]] | None]
    try:
        read = iter(read_entities([(b.document.text, b.windows if reads_english(b.document) else []) for b in waiting]))
    except Exception:  # noqa: BLE001 - each document then reads its own, and fails alone
        read = iter([None] * len(waiting))
    out: list[DocumentAnalysis | AnalysisFailure] = []
    for b in begun:
        if not isinstance(b, _Begun):
            out.append(b)
            continue
        entities = next(read)  # in the order of ``waiting``
        try:
            out.append(_placed(b, entities))
        except Exception as exc:  # noqa: BLE001
            out.append(AnalysisFailure(b.document, f"{type(exc).__name__}: {exc}"))
    return out


@dataclass(slots=True)
class _Begun:
    """A document with claims, before its places: the parts of its text that can place them."""

    document: Document
    claims: list[Claim]
    sentences: list[Span]
    windows: list[tuple[int, int]]


def _claims_and_windows(doc: Document, *, all_places: bool = False) -> DocumentAnalysis | _Begun:
    """The genre and the claims; a finished analysis when there is nothing to place (or the
    document is analysed in pieces), else what placing the claims needs."""
    from harmledger.documents import decide_genre
    from harmledger.extract import extract_claims
    from harmledger.extract.identity import attach_identity
    from harmledger.extract.text import split_sentences

    doc = decide_genre(doc)
    if len(doc.text) > WHOLE_DOCUMENT_CHARS:
        return _analyse_in_pieces(doc, all_places=all_places)
    claims = attach_identity(doc, extract_claims(doc))
    if not claims and not all_places:
        return DocumentAnalysis(document=doc, claims=[])
    sentences = [Span(a, b) for a, b in split_sentences(doc.text)] or [Span(0, len(doc.text))]
    windows = place_windows(doc.text, [c.sentence for c in claims], sentences)
    return _Begun(doc, claims, sentences, windows)


def _placed(
    begun: _Begun, entities: list[tuple[int, int, str]] | None, *, all_places: bool = False
) -> DocumentAnalysis:
    """``begun``'s claims with places and dates; ``entities`` are NER's reading of its windows
    when already made."""
    from harmledger.places import find_places, locate_claims

    doc, claims, sentences, windows = begun.document, begun.claims, begun.sentences, begun.windows
    places = find_places(doc, within=windows, entities=entities)
    located = locate_claims(doc, claims, places, sentences=sentences)
    if any(_unplaced(c) for c in located):
        # A figure the windows could not place, or only by a country, is placed again with a
        # longer opening, where a feature names its town after a paragraph or two of scene.
        claim_sentences = [c.sentence for c in claims]
        wider = place_windows(doc.text, claim_sentences, sentences, opening_chars=LONG_OPENING_CHARS)
        extra = _subtract(wider, windows)
        if extra:  # only the new text is read; the places already found stay as they were
            more = sorted(places + find_places(doc, within=extra), key=lambda p: p.span.start if p.span else 0)
            again = locate_claims(doc, claims, more, sentences=sentences)
            located = [fresh if _unplaced(first) else first for first, fresh in zip(located, again, strict=True)]
    if all_places:
        places = find_places(doc)  # every toponym, for `eval` and `places`; claims as ingest places them
    return DocumentAnalysis(document=doc, claims=located, places=places)


def _subtract(ranges: Sequence[tuple[int, int]], minus: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``ranges`` outside ``minus`` (both in order, not overlapping)."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        for c, d in minus:
            if d <= a or c >= b:
                continue
            if c > a:
                out.append((a, c))
            a = max(a, d)
        if a < b:
            out.append((a, b))
    return out


def _unplaced(claim: Claim) -> bool:
    """A figure for one incident with no place, or only a country: what the rest of a document
    may improve on (a cumulative toll is placed at its area on purpose)."""
    if claim.kind != "casualty" or claim.scope == "cumulative":
        return False
    return claim.place is None or (claim.place.precision or WHERE_PREC_COUNTRY) >= WHERE_PREC_COUNTRY


# Where ingest looks for places (see ``place_windows``). The opening holds the title, the
# dateline and the lead, where a report says where it happened. One sentence either side of a
# claim's, not more: on airwars-gaza-dev, gtd-dev, ucdp-headlines and the team's sets every
# figure of `eval` is the same as reading the whole text or better (airwars-gaza-dev: 479 ->
# 442 predicted incidents for 300 strikes, wrong joins and deaths in range unchanged), while
# NER reads 63 % of an Airwars assessment with a claim, and three sentences either side 83 %.
OPENING_CHARS = 400
LONG_OPENING_CHARS = 2_000  # the second look, for a figure the first left without a place
WINDOW_SENTENCES = 1


def place_windows(
    text: str,
    claim_sentences: Sequence[Span],
    sentences: Sequence[Span] | None = None,
    *,
    opening_chars: int = OPENING_CHARS,
) -> list[tuple[int, int]]:
    """The parts of ``text`` that place the claims made in ``claim_sentences``: the opening (to
    the end of the sentence that runs past ``opening_chars``), and each of those sentences with
    ``WINDOW_SENTENCES`` either side; in order, merged.

    Only these are geoparsed during ingest (NER is most of its cost); a claim takes its place
    from them, or from the focus of these parts.
    """
    import bisect

    from harmledger.extract.text import split_sentences

    if sentences is None:
        sentences = [Span(a, b) for a, b in split_sentences(text)] or [Span(0, len(text))]
    starts = [s.start for s in sentences]
    opening = bisect.bisect_left(starts, opening_chars)
    ranges = [(0, sentences[max(0, opening - 1)].end)]
    for sentence in claim_sentences:
        i = max(0, bisect.bisect_right(starts, sentence.start) - 1)
        lo, hi = max(0, i - WINDOW_SENTENCES), min(len(sentences) - 1, i + WINDOW_SENTENCES)
        ranges.append((sentences[lo].start, max(sentences[hi].end, sentence.end)))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and not text[merged[-1][1] : a].strip():  # touching, or only space between
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _analyse_in_pieces(doc: Document, *, all_places: bool = False) -> DocumentAnalysis:
    """A document too long to analyse whole: claims over all of it (linear), places and dates
    piece by piece, places only within ``PLACE_BUDGET_CHARS``; a note says so, naming the file."""
    import bisect
    from dataclasses import replace

    from harmledger.documents.pieces import pieces
    from harmledger.extract import extract_claims
    from harmledger.extract.identity import attach_identity
    from harmledger.extract.text import split_sentences
    from harmledger.places import find_dates, find_places, locate_claims
    from harmledger.places.locate import paragraph_spans, sentence_spans

    def shifted_span(span: Span, by: int) -> Span:
        return Span(span.start + by, span.end + by)

    def shifted(spans: list, by: int) -> list:
        return [replace(x, span=shifted_span(x.span, by)) if x.span is not None else x for x in spans]

    claims = sorted(attach_identity(doc, extract_claims(doc)), key=lambda c: c.sentence.start)
    starts = [c.sentence.start for c in claims]
    cuts = pieces(doc.text, PIECE_CHARS)
    located: list[Claim] = []
    places: list[PlaceRef] = []
    for a, b in cuts:
        part = replace(doc, text=doc.text[a:b])
        mine = claims[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]
        with_places = (b <= PLACE_BUDGET_CHARS or a == 0) and (all_places or bool(claims))
        found: list[PlaceRef] = []
        if with_places:
            within = place_windows(part.text, [shifted_span(c.sentence, -a) for c in mine])
            found = shifted(find_places(part, within=within), a)
        places.extend(shifted(find_places(part), a) if with_places and all_places else found)
        if mine:
            # Past the places, sentences only bound the look-back for a date: the extractor's
            # regex splitter does that at a fiftieth of the cost of spaCy's tokenizer.
            spans = [(s.start, s.end) for s in sentence_spans(part.text)] if with_places else split_sentences(part.text)
            located.extend(
                locate_claims(
                    doc,
                    mine,
                    found,
                    sentences=[Span(s + a, e + a) for s, e in spans] or [Span(a, b)],
                    paragraphs=[Span(s.start + a, s.end + a) for s in paragraph_spans(part.text)],
                    dates=shifted(find_dates(part), a),
                )
            )
    located.sort(key=lambda c: (c.span.start, c.span.end))
    searched = min(len(doc.text), max((b for a, b in cuts if b <= PLACE_BUDGET_CHARS or a == 0), default=0))
    note = (
        f"{_where(doc)}: {len(doc.text):,} characters in one document, far longer than a report: "
        f"analysed in {len(cuts)} pieces of at most {PIECE_CHARS:,} characters; places were looked "
        f"for in its first {searched:,} characters only, so later claims have a place only from "
        "a nationality word"
    )
    return DocumentAnalysis(document=doc, claims=located, places=places, notes=[note])


def analyse(documents: Iterable[Document]) -> Analysis:
    """Run the whole pipeline in memory over ``documents`` (used by eval and tests)."""
    from harmledger.incidents import reconcile

    docs: list[Document] = []
    claims: list[Claim] = []
    places: dict[str, list[PlaceRef]] = {}
    for doc in documents:
        result = analyse_document(doc, all_places=True)
        docs.append(result.document)  # with its genre decided
        claims.extend(result.claims)
        places[doc.id] = result.places
    incidents = reconcile(claims, {d.id: d for d in docs})
    return Analysis(documents=docs, claims=claims, places=places, incidents=incidents)


@dataclass(slots=True)
class IngestReport:
    """What one `ingest` run did."""

    added: int = 0
    skipped: int = 0  # already in the ledger (same bytes)
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # documents stored, with something guessed or left out

    @property
    def failed(self) -> int:
        return len(self.errors)


@dataclass(slots=True)
class AnalysisFailure:
    """A document whose analysis raised: reported, and the batch goes on."""

    document: Document
    reason: str


def _analyse_safely(doc: Document) -> DocumentAnalysis | AnalysisFailure:
    # A bug tripped by one hostile document must not cost the rest of the batch; the document
    # is not stored, so a later run (with the bug fixed) analyses it again.
    try:
        return analyse_document(doc)
    except Exception as exc:  # noqa: BLE001
        return AnalysisFailure(doc, f"{type(exc).__name__}: {exc}")


def ingest(
    ledger: Ledger,
    paths: Sequence[str | Path],
    options: ReadOptions | None = None,
    *,
    workers: int = 1,
    on_document: Callable[[str, str], None] | None = None,
    reconcile_after: bool = True,
) -> IngestReport:
    """Read ``paths``, analyse every new document and store it with its claims.

    One transaction per document, so a run killed half-way and re-run ends like one clean run;
    documents already stored (same bytes) are skipped before any analysis. Bad inputs are
    reported in ``IngestReport.errors`` and the batch goes on. ``on_document(origin, status)``
    is called after each document (for progress bars).
    """
    from harmledger.documents import ReadOptions as _ReadOptions
    from harmledger.documents import read_sources
    from harmledger.errors import InputError

    report = IngestReport()
    noted: set[str] = set()
    use_analyst_places(ledger)

    def new_documents() -> Iterator[Document]:
        for item in read_sources(list(paths), options or _ReadOptions()):
            if isinstance(item, InputError):
                report.errors.append(str(item))
                if on_document:
                    on_document(item.where, "error")
                continue
            if ledger.has_document(item.id):
                report.skipped += 1
                if on_document:
                    on_document(item.origin, "skipped")
                continue
            fresh = [n for n in item.notes if n not in noted]  # a file's articles share its notes
            noted.update(fresh)
            report.warnings.extend(fresh)
            yield item

    analysed = 0
    for result in _map(new_documents(), workers):
        analysed += 1
        if isinstance(result, AnalysisFailure):
            report.errors.append(f"{_where(result.document)}: analysis failed: {result.reason}")
            if on_document:
                on_document(result.document.origin, "error")
            continue
        report.warnings.extend(result.notes)
        if ledger.add_document(result.document, result.claims):
            report.added += 1
            report.claims += len(result.claims)
        else:
            report.skipped += 1
        if on_document:
            on_document(result.document.origin, "added")
    if workers <= 1 and analysed >= RELEASE_AFTER_DOCUMENTS:
        release_analysis_memory()
    # A run killed after storing documents but before reconciling leaves incidents stale.
    if reconcile_after and (report.added or ledger.incidents_stale()):
        rebuild_incidents(ledger)
    return report


# After analysing this many documents in-process, a batch gives back what analysis grew (spaCy's
# vocabulary, the gazetteer's and name caches) before its closing reconcile, which holds every
# claim: on a 100k-document ingest that was a few hundred MB. A short batch keeps them warm.
RELEASE_AFTER_DOCUMENTS = 1_000


def release_analysis_memory() -> None:
    """Drop the pipelines and caches analysis built up (they reload on next use), and hand the
    freed memory back to the system."""
    import ctypes
    import gc

    from harmledger.places import release_memory

    release_memory()
    gc.collect()
    try:
        # glibc keeps freed blocks for reuse by malloc; Python's own small objects do not draw
        # on them, so without a trim the reconcile that follows would add to them, not reuse them.
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the freed memory stays with the process
        pass


# Documents analysed together: their place windows go through NER in one pass. A batch is read
# ahead of storing, so a killed run loses at most this many analyses (never a stored document).
NER_BATCH_DOCUMENTS = 16


def _map(docs: Iterable[Document], workers: int) -> Iterator[DocumentAnalysis | AnalysisFailure]:
    """``analyse_documents`` over batches of ``docs``, in order: in-process, or over a pool of
    worker processes (one spaCy pipeline each)."""
    batches = _batches(docs, NER_BATCH_DOCUMENTS)
    if workers <= 1:
        for batch in batches:
            yield from analyse_documents(batch)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        for results in pool.imap(analyse_documents, batches):
            yield from results


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild_incidents(ledger: Ledger, find_edges: EdgeFinder | None = None) -> int:
    """Reconcile every stored claim into incidents, respecting analyst decisions; returns their number.

    Incident ids are kept stable: a cluster reuses the id of the stored incident it overlaps most.
    ``find_edges`` scores candidate pairs elsewhere (on Spark); by default in memory. Documents
    are held without their texts, which are read from the ledger a few at a time when needed.
    """
    from harmledger.store.ledger import StaleIncidents

    for _attempt in range(REBUILD_ATTEMPTS):
        basis = ledger.basis()
        documents = {doc.id: doc for doc in ledger.documents(with_text=False)}
        incidents, suggestions = derive_incidents(ledger, documents, ledger.claims(), find_edges)
        try:
            return ledger.replace_incidents(incidents, basis=basis, suggested=suggestions)
        except StaleIncidents:
            continue  # an analyst decided, or a document arrived, while we reconciled: again
    raise StaleIncidents(f"incidents kept changing under {REBUILD_ATTEMPTS} attempts; run `harmledger reconcile`")


def derive_incidents(
    ledger: Ledger,
    documents: dict[str, Document],
    claims: list[Claim],
    find_edges: EdgeFinder | None = None,
) -> tuple[list[Incident], list[Suggestion]]:
    """Incidents and possible duplicates from stored claims and the analysts' decisions: the one
    derivation `reconcile` stores and `verify --deep` checks against.

    ``documents`` may be held without their texts (``Ledger.documents(with_text=False)``): texts
    are read from the ledger when reconciliation needs them.
    """
    from harmledger.incidents import reconcile_with_suggestions
    from harmledger.incidents.corrections import correct_claims, correct_incidents

    decisions = decisions_from_ledger(ledger)
    result = reconcile_with_suggestions(
        correct_claims(claims, decisions.claim_fixes),
        documents,
        previous=ledger.incident_claim_ids(),
        decisions=decisions,
        find_edges=find_edges,
        texts=ledger.texts,
    )
    return correct_incidents(result.incidents, decisions.incident_fixes), result.suggestions


# Each attempt re-reads everything; more than a few in a row means a flood of concurrent writes.
REBUILD_ATTEMPTS = 5


def decisions_from_ledger(ledger: Ledger) -> Decisions:
    """The analyst decisions stored in the ledger, in the form reconciliation reads.

    Decisions are replayed in order, so a later grade for the same incident wins and a claim
    confirmed after being rejected counts again.
    """
    from harmledger.incidents import Decisions
    from harmledger.incidents.decisions import Correction, refine_split

    rejected: set[str] = set()
    merges: list[tuple[str, ...]] = []
    splits: dict[str, tuple[tuple[str, ...], ...]] = {}
    grades: dict[str, str] = {}
    # Keyed by the pair of incidents: a later merge of the same pair undoes a keep-apart, and a
    # later keep-apart undoes a merge of the two.
    apart: dict[frozenset[str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    fixes: dict[str, dict[str, Correction]] = {"correct_claim": {}, "correct_incident": {}}
    joins: list[tuple[str, ...]] = []
    split_after: dict[tuple[str, ...], set[str]] = {}
    merged: set[str] = set()  # incidents named by a merge since their last split
    for row in ledger.decision_rows():
        action, target, payload = row["action"], row["target"], row["payload"] or {}
        if action == "reject":
            rejected.add(target)
        elif action == "confirm":
            rejected.discard(target)
        elif action == "merge":
            merge = (target, *payload.get("with", ()))
            merges.append(merge)
            split_after[merge] = set()  # decided (again) after any split so far: it undoes them
            merged.update(merge)
            for other in payload.get("with", ()):
                apart.pop(frozenset((target, other)), None)
        elif action == "split":
            groups = tuple(tuple(group) for group in payload.get("groups", ()))
            # The incident keeps its id after a split: a second split of it refines the first
            # (the claims moved out first stay out), unless a merge has undone the first since.
            first = splits.get(target) if target not in merged else None
            splits[target] = refine_split(first, groups) if first else groups
            merged.discard(target)
            for split in split_after.values():
                split.add(target)
        elif action == "grade":
            grades[target] = payload["grade"]
        elif action == "keep_apart":
            pair = frozenset((target, str(payload.get("with"))))
            mine, theirs = payload.get("groups") or ((), ())
            apart[pair] = (tuple(mine), tuple(theirs))
            merges = [m for m in merges if not pair <= set(m)]
        elif action == "add_claim" and payload.get("join"):
            joins.append((target, *payload["join"]))
        elif action in fixes:
            earlier = fixes[action].get(target, Correction({}, {}))
            fixes[action][target] = earlier.then(payload.get("values") or {}, row["username"])
    return Decisions(
        rejected=frozenset(rejected),
        merges=tuple(merges),
        splits=splits,
        grades=grades,  # type: ignore[arg-type]
        apart=tuple(apart.values()),
        claim_fixes=fixes["correct_claim"],
        incident_fixes=fixes["correct_incident"],
        joins=tuple(joins),
        split_after={merge: frozenset(split) for merge, split in split_after.items()},
    )


def reconcile_each_document(claims: Iterable[Claim], documents: Iterable[Document]) -> list[Incident]:
    """Each document's claims reconciled on their own: what every report says before any join.

    `eval` sets these beside the ledger's incidents to show what reconciliation across documents
    gains or costs.
    """
    from harmledger.incidents import reconcile

    by_document: dict[str, list[Claim]] = {}
    for claim in claims:
        by_document.setdefault(claim.document_id, []).append(claim)
    incidents: list[Incident] = []
    for doc in documents:
        own = by_document.get(doc.id)
        if own:
            incidents.extend(reconcile(own, {doc.id: doc}))
    return incidents


def analyse_into_ledger(documents: Iterable[Document], ledger: Ledger) -> Analysis:
    """Run the pipeline over ``documents`` through ``ledger`` and read the result back from it.

    This is what `harmledger eval` measures: the same path as `ingest` (store, then reconcile
    from stored claims), so what is scored is what a user's ledger would hold.
    """
    docs: list[Document] = []
    places: dict[str, list[PlaceRef]] = {}
    for doc in documents:
        result = analyse_document(doc, all_places=True)
        ledger.add_document(result.document, result.claims)  # with its genre decided
        docs.append(result.document)
        places[doc.id] = result.places
    rebuild_incidents(ledger)
    return Analysis(
        documents=docs,
        claims=ledger.claims(),
        places=places,
        incidents=ledger.incidents(kind=None, sort="date"),
    )


def use_analyst_places(ledger: Ledger) -> int:
    """Load the places analysts added to the ledger into the gazetteer; they win over shipped data."""
    return apply_analyst_places(ledger.places())


_applied_places: set[tuple[object, ...]] = set()


def apply_analyst_places(rows: Sequence[Mapping[str, Any]]) -> int:
    """Add analyst place rows (as `Ledger.places()` gives them) to this process's gazetteer, once each.

    Runners call it wherever the stages run: in-process before the pool forks, on Spark in each
    executor's Python worker, so every engine resolves places the same way.
    """
    fresh = [r for r in rows if _place_key(r) not in _applied_places]
    if not fresh:
        return 0
    from harmledger.places import get_gazetteer

    gazetteer = get_gazetteer()
    for row in fresh:
        gazetteer.add_override(
            str(row["name"]),
            tuple(row["aliases"] or ()),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"],
            admin1=row["admin1"],
            feature=row["feature"] or "PPL",
        )
        _applied_places.add(_place_key(row))
    return len(fresh)


def _place_key(row: Mapping[str, Any]) -> tuple[object, ...]:
    return (row["name"], row["lat"], row["lon"], tuple(row["aliases"] or ()), row["country"])


EXPORT_BATCH = 10_000


def claims_export(ledger: Ledger, incidents: Sequence[Incident], fmt: str) -> str:
    """The claims of ``incidents`` as analysts left them (corrections applied), rendered as ``fmt``."""
    from harmledger.export_claims import claim_rows, render_claims
    from harmledger.incidents.corrections import correct_claims

    fixes = decisions_from_ledger(ledger).claim_fixes
    ids = [cid for inc in incidents for cid in inc.claim_ids]
    # In batches: SQLite takes at most 32,766 bound parameters in one statement.
    stored = [c for n in range(0, len(ids), EXPORT_BATCH) for c in ledger.claims(ids=ids[n : n + EXPORT_BATCH])]
    claims = {c.id: c for c in correct_claims(stored, fixes)}
    corrected_by = {cid: sorted(set(fix.by.values())) for cid, fix in fixes.items()}
    return render_claims(fmt, claim_rows(incidents, claims, ledger, corrected_by))


def verify_deep(ledger: Ledger) -> list[Problem]:
    """Re-derive documents, claims and incidents and name every difference from what is stored.

    Text is read again from each original; claims are extracted again from each stored document
    (with the analysts' places); incidents are reconciled again from the stored claims and the
    analysts' decisions. A difference means the row was edited, or the code changed since it was
    derived (see docs/reliability.md). What cannot be re-derived (see ``rederive_text``) is named
    as such, never passed as checked.
    """
    from dataclasses import replace

    from harmledger.documents.rederive import rederive_text
    from harmledger.records import to_jsonable
    from harmledger.store import Problem

    problems: list[Problem] = []
    use_analyst_places(ledger)
    stored_claims = ledger.claims()
    by_document: dict[str, dict[str, Claim]] = {}
    for claim in stored_claims:
        by_document.setdefault(claim.document_id, {})[claim.id] = claim
    documents: dict[str, Document] = {}
    for doc in ledger.documents(with_original=True):
        documents[doc.id] = replace(doc, text="", original=b"")  # reconciling reads texts from the ledger
        text = rederive_text(doc)
        if text is None:
            problems.append(
                Problem(
                    "document",
                    doc.id,
                    "cannot be re-derived from its original here (read with "
                    "options that were not stored?); its text is unchecked",
                )
            )
        elif text != doc.text:
            problems.append(
                Problem(
                    "document",
                    doc.id,
                    f"its text differs from what its original yields ({_first_difference(doc.text, text)})",
                )
            )
        fresh = {c.id: c for c in analyse_document(doc).claims}
        problems.extend(_differences("claim", by_document.pop(doc.id, {}), fresh, to_jsonable))
    for document_id, orphans in by_document.items():
        problems.extend(Problem("claim", c, f"belongs to document {document_id}, which is not stored") for c in orphans)
    incidents, _ = derive_incidents(ledger, documents, stored_claims)
    stored_incidents = {i.id: i for i in ledger.incidents(kind=None, sort="date")}
    problems.extend(_differences("incident", stored_incidents, {i.id: i for i in incidents}, to_jsonable))
    return problems


def _differences(
    kind: str, stored: Mapping[str, object], fresh: Mapping[str, object], as_json: Callable[[object], Any]
) -> list[Problem]:
    from harmledger.store import Problem

    problems = []
    for key in sorted(set(stored) | set(fresh)):
        if key not in fresh:
            problems.append(Problem(kind, key, "is stored but is not derived again"))
        elif key not in stored:
            problems.append(Problem(kind, key, "is derived again but is not stored"))
        else:
            old: dict[str, Any] = as_json(stored[key])
            new: dict[str, Any] = as_json(fresh[key])
            if old != new:
                fields = sorted(k for k in {*old, *new} if old.get(k) != new.get(k))
                shown = "; ".join(f"{f}: stored {old.get(f)!r}, derived {new.get(f)!r}" for f in fields[:3])
                problems.append(Problem(kind, key, f"differs from what is derived again ({shown[:400]})"))
    return problems


def _first_difference(stored: str, derived: str) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(stored, derived, strict=False)) if a != b), min(len(stored), len(derived))
    )
    start = max(0, at - 15)  # a little context before the first difference
    return f"first at character {at}: stored {stored[start : at + 25]!r}, derived {derived[start : at + 25]!r}"
