"""The optional Apache Spark runner: the same per-document map as ``pipeline.ingest``, on a cluster.

Files and folders are read on the driver (``read_sources``, exactly as in-process) and staged as
Parquet; Parquet datasets, and any ``scheme://`` path (``hdfs://``, ``s3a://``, ``file://``) of
Parquet or JSON lines, are read by Spark itself. Executors run ``analyse_document`` over
partitions with ``mapInPandas`` (one spaCy pipeline per Python worker: ``load_pipeline`` is cached
per process and workers are reused), and write documents and claims as Parquet. The driver then
loads them into the ledger, one transaction per document (idempotent), and reconciles with the
same reduce as in-process (``rebuild_incidents``).

Records cross the Spark boundary as ``store.codec`` JSON strings plus the original bytes as
binary, so every ``Document`` and ``Claim`` comes back exactly as it was made.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from harmledger.errors import InputError, PipelineError
from harmledger.pipeline import IngestReport, analyse_document, apply_analyst_places, rebuild_incidents
from harmledger.records import Claim, Document, to_jsonable
from harmledger.store import codec

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

    from harmledger.documents import ReadOptions
    from harmledger.incidents import Edge, EdgeFinder, Features
    from harmledger.store import Ledger

INSTALL_HINT = "the Spark engine needs pyspark, pandas and pyarrow: pip install 'harmledger[spark]' (and Java 17+)"

# Settings for every session we create; a user's spark-defaults.conf or --conf still wins on a cluster.
SESSION_CONF: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "8",  # our shuffles are one round-robin repartition, not joins
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "128",  # documents a Python worker holds at once
    "spark.python.worker.reuse": "true",  # keeps each worker's spaCy pipeline across tasks
}
LOCAL_ENV: dict[str, str] = {
    "PYSPARK_PYTHON": sys.executable,  # otherwise workers run the system python (no pyarrow, no harmledger)
    "PYSPARK_DRIVER_PYTHON": sys.executable,
    "SPARK_LOCAL_IP": "127.0.0.1",
}

# Path suffix → how Spark reads it (for paths Spark reads directly).
DATASET_FORMATS: dict[str, str] = {
    ".parquet": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
}
# Every row carries (input, seq): which input it came from and where in it, so documents are
# loaded in the order the in-process runner would store them.
STAGED_SCHEMA = "seq long, document string, text string, original binary"
ANALYSED_SCHEMA = (
    "input int, seq long, id string, origin string, document string, text string, original binary, "
    "claims array<string>, places array<string>, error string"
)
ANALYSED_COLUMNS = ("input", "seq", "id", "origin", "document", "text", "original", "claims", "places", "error")
STAGE_ROW_GROUP = 256  # documents per Parquet row group when staging driver-read inputs
DOCS_PER_PARTITION = 500  # above parallelism × 2 partitions, aim for this many documents per task


def _require_pyspark() -> None:
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise PipelineError(f"{INSTALL_HINT} ({exc})") from exc


def spark_session(master: str = "local[2]", conf: Mapping[str, str] | None = None) -> SparkSession:
    """A Spark session for harmledger (the active one when there is one; ``master`` is then ignored)."""
    _require_pyspark()
    from pyspark.sql import SparkSession

    if master.startswith("local"):
        for key, value in LOCAL_ENV.items():
            os.environ.setdefault(key, value)
    builder = SparkSession.builder.master(master).appName("harmledger")
    for key, value in {**SESSION_CONF, **(conf or {})}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


# -- record codec across the Spark boundary ---------------------------------------------------


def document_to_row(doc: Document) -> tuple[str, str, bytes]:
    """A document as (codec JSON without text and bytes, text, original bytes)."""
    return json.dumps(codec.document_to_json(doc), ensure_ascii=False), doc.text, doc.original


def document_from_row(document_json: str, text: str, original: bytes) -> Document:
    """The inverse of ``document_to_row``."""
    return codec.document_from_row(SimpleNamespace(data=json.loads(document_json), text=text), bytes(original))


def claim_to_string(claim: Claim) -> str:
    return json.dumps(codec.claim_to_json(claim), ensure_ascii=False)


def claim_from_string(data: str) -> Claim:
    return codec.claim_from_json(json.loads(data))


def record_line(record: Mapping[str, Any]) -> bytes:
    """The JSON line a dataset row stands for; its bytes are the row's ``original`` (hence its id).

    A Parquet row and the same record written as a JSONL line with this function are one document.
    """
    return json.dumps(dict(record), ensure_ascii=False, default=str).encode("utf-8")


# -- executor side: runs inside Spark's Python workers ----------------------------------------


def _analysed(doc: Document, order: tuple[int, int]) -> dict[str, Any]:
    """One output row: the document, its claims and places, or why the analysis failed."""
    try:
        result = analyse_document(doc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not fail a whole Spark job
        values: tuple[Any, ...] = (*order, doc.id, doc.origin, *document_to_row(doc), [], [], None)
        row: dict[str, Any] = dict(zip(ANALYSED_COLUMNS, values, strict=True))
        row["error"] = f"{doc.origin}: analysis failed: {type(exc).__name__}: {exc}"
        return row
    # The document as analysis leaves it (its genre decided): what the driver stores.
    values = (*order, doc.id, doc.origin, *document_to_row(result.document), [], [], None)
    row = dict(zip(ANALYSED_COLUMNS, values, strict=True))
    row["claims"] = [claim_to_string(c) for c in result.claims]
    row["places"] = [json.dumps(to_jsonable(p), ensure_ascii=False) for p in result.places]
    return row


def _failed(origin: str, message: str, order: tuple[int, int]) -> dict[str, Any]:
    row: dict[str, Any] = {
        **dict.fromkeys(ANALYSED_COLUMNS),
        "origin": origin,
        "claims": [],
        "places": [],
        "error": message,
    }
    row["input"], row["seq"] = order
    return row


def _stored(doc: Document, order: tuple[int, int]) -> dict[str, Any]:
    """A row for a document the ledger already holds: no analysis, nothing to load."""
    row: dict[str, Any] = {
        **dict.fromkeys(ANALYSED_COLUMNS),
        "id": doc.id,
        "origin": doc.origin,
        "claims": [],
        "places": [],
    }
    row["input"], row["seq"] = order
    return row


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=list(ANALYSED_COLUMNS))


def analyse_staged(places: Sequence[Mapping[str, Any]] = ()) -> Any:
    """mapInPandas function over staged documents (``STAGED_SCHEMA``).

    ``places`` are the ledger's analyst places, added to each worker's gazetteer before it analyses.
    """

    def run(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        apply_analyst_places(list(places))
        for batch in batches:
            docs = map(document_from_row, batch["document"], batch["text"], batch["original"])
            orders = zip(batch["_input"].tolist(), batch["seq"].tolist(), strict=True)
            yield _frame([_analysed(doc, order) for doc, order in zip(docs, orders, strict=True)])

    return run


def _value(value: Any) -> Any:
    """A pandas cell as a plain Python value (missing → None, numpy scalars → Python ones)."""
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def record_document(record: Any, original: bytes, origin: str, options: ReadOptions) -> Document:
    """A ``Document`` from one dataset record exactly as the JSONL reader makes it (same fields, same id).

    Spark does not number lines, so ``record_id`` is the record's own id field or None.
    """
    from harmledger.documents import document_from_record

    item = document_from_record(record, original, origin, origin, None, options)
    if isinstance(item, InputError):
        raise item
    return item


def analyse_records(options: ReadOptions, known: Any = None, places: Sequence[Mapping[str, Any]] = ()) -> Any:
    """mapInPandas function over dataset rows (Parquet columns, or JSON lines in ``_line``).

    ``known`` is a broadcast set of document ids already in the ledger: those are not analysed again.
    ``places`` are the ledger's analyst places, as for ``analyse_staged``.
    """

    def run(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        apply_analyst_places(list(places))
        for batch in batches:
            rows = []
            for cells in batch.to_dict("records"):
                origin = str(cells.pop("_origin"))
                order = (int(cells.pop("_input")), int(cells.pop("_seq")))
                try:
                    if "_line" in cells:
                        line = cells["_line"]
                        if not line or not line.strip():
                            continue
                        record, original = json.loads(line), line.encode("utf-8")
                    else:
                        record = {k: v for k, v in ((k, _value(v)) for k, v in cells.items()) if v is not None}
                        original = record_line(record)
                    doc = record_document(record, original, origin, options)
                    if known is not None and doc.id in known.value:
                        rows.append(_stored(doc, order))
                        continue
                    rows.append(_analysed(doc, order))
                except InputError as exc:
                    rows.append(_failed(origin, str(exc), order))
                except ValueError as exc:  # json.loads
                    rows.append(_failed(origin, f"{origin}: not valid JSON ({exc})", order))
            yield _frame(rows)

    return run


# -- driver side -------------------------------------------------------------------------------


def dataset_format(path: str) -> str | None:
    """How Spark reads ``path`` directly ("parquet", "jsonl"), or None when the driver reads it."""
    lower = path.lower().rstrip("/")
    fmt = next((f for suffix, f in DATASET_FORMATS.items() if lower.endswith(suffix)), None)
    if "://" in path:
        if fmt is None:
            raise InputError(path, "Spark reads paths with a scheme directly: name a .parquet or .jsonl dataset")
        return fmt
    local = Path(path)
    if fmt == "parquet" or (local.is_dir() and (any(local.glob("*.parquet")) or (local / "_SUCCESS").exists())):
        return "parquet"
    return None


def _stage_inputs(ledger: Ledger, paths: Sequence[str], options: ReadOptions, out: Path, report: IngestReport) -> int:
    """Read ``paths`` on the driver and write the new documents to ``out`` as Parquet; returns their number."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from harmledger.documents import read_sources

    schema = pa.schema(
        [("seq", pa.int64()), ("document", pa.string()), ("text", pa.string()), ("original", pa.binary())]
    )
    n, buffer = 0, []
    out.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(out / "part-00000.parquet", schema) as writer:
        for item in read_sources(list(paths), options):
            if isinstance(item, InputError):
                report.errors.append(str(item))
            elif not isinstance(item, Document):
                continue  # a SourceFile: kept by the reader for the chain of custody
            elif ledger.has_document(item.id):
                report.skipped += 1
            else:
                report.warnings.extend(item.notes)
                buffer.append((n, *document_to_row(item)))
                n += 1
            if len(buffer) >= STAGE_ROW_GROUP:
                writer.write_table(
                    pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in buffer], schema)
                )
                buffer.clear()
        if buffer:
            writer.write_table(pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in buffer], schema))
    return n


def _read_dataset(session: SparkSession, path: str, fmt: str) -> DataFrame:
    from pyspark.sql import functions as F

    if fmt == "parquet":
        frame = session.read.parquet(path)
    else:
        frame = session.read.text(path).withColumnRenamed("value", "_line")
    # Ids that grow with the read order (partition index, then row): the in-process order for one file.
    return frame.withColumn("_origin", F.input_file_name()).withColumn("_seq", F.monotonically_increasing_id())


def _spread(frame: DataFrame, session: SparkSession, n: int | None, partitions: int | None) -> DataFrame:
    """Enough partitions to keep every core busy; analysis dwarfs the cost of the shuffle."""
    parallelism = session.sparkContext.defaultParallelism
    want = partitions or max(parallelism * 2, math.ceil((n or 0) / DOCS_PER_PARTITION))
    if n is not None:
        want = max(1, min(want, n))
    if partitions or frame.rdd.getNumPartitions() < want:
        return frame.repartition(want)
    return frame


def _part_rows(path: Path) -> Iterator[Any]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=256, columns=list(ANALYSED_COLUMNS)):
        yield from (SimpleNamespace(**row) for row in batch.to_pylist())


def analysed_rows(path: str, session: SparkSession) -> Iterator[Any]:
    """The rows of an analysed Parquet dataset in input order, streamed to the driver.

    Each part file is sorted (``write_outputs``), so a local dataset is merged part by part;
    on a cluster's file system Spark sorts it and hands it over partition by partition.
    """
    if "://" not in path or path.startswith("file:"):
        parts = sorted(Path(path.removeprefix("file://")).glob("part-*.parquet"))
        yield from heapq.merge(*map(_part_rows, parts), key=lambda row: (row.input, row.seq))
        return
    yield from session.read.parquet(path).orderBy("input", "seq").toLocalIterator(prefetchPartitions=True)


def load_analysed(ledger: Ledger, rows: Iterable[Any], report: IngestReport) -> None:
    """Store analysed documents with their claims, one transaction each; skips stored ones."""
    for row in rows:
        if row.error:
            report.errors.append(row.error)
            continue
        if row.document is None:  # already in the ledger when Spark read it
            report.skipped += 1
            continue
        doc = document_from_row(row.document, row.text, row.original)
        claims = [claim_from_string(c) for c in row.claims]
        if ledger.add_document(doc, claims):
            report.added += 1
            report.claims += len(claims)
        else:
            report.skipped += 1


def ingest_spark(
    ledger: Ledger,
    paths: Sequence[str | Path],
    options: ReadOptions | None = None,
    *,
    master: str = "local[2]",
    spark: SparkSession | None = None,
    staging: str | Path | None = None,
    partitions: int | None = None,
    reconcile_after: bool = True,
) -> IngestReport:
    """Ingest ``paths`` like ``pipeline.ingest``, running the per-document stages on Spark.

    ``staging`` is where the analysed ``documents/`` and ``claims/`` Parquet datasets are written
    (any path Spark writes; kept); by default a temporary folder, removed afterwards. A session
    is started on ``master`` unless ``spark`` is given or one is active; only a session started
    here is stopped here.
    """
    _require_pyspark()
    from harmledger.documents import ReadOptions as _ReadOptions

    options = options or _ReadOptions()
    report = IngestReport()
    local, datasets = [], []
    for path in map(str, paths):
        try:
            fmt = dataset_format(path)
        except InputError as exc:
            report.errors.append(str(exc))
            continue
        if fmt is None:
            local.append(path)
        else:
            datasets.append((path, fmt))
    scratch = Path(tempfile.mkdtemp(prefix="harmledger-spark-"))
    out = str(staging) if staging is not None else str(scratch / "out")
    session, own = spark, False
    try:
        frames: list[DataFrame] = []
        n_staged = _stage_inputs(ledger, local, options, scratch / "input", report) if local else 0
        if not n_staged and not datasets:
            return _reconciled(ledger, report, reconcile_after)  # nothing new: no Spark job at all
        if session is None:
            from pyspark.sql import SparkSession

            own = SparkSession.getActiveSession() is None
            session = spark_session(master)
        from pyspark.sql import functions as F

        places = [{k: v for k, v in row.items() if k not in ("at", "id")} for row in ledger.places()]
        if n_staged:
            staged = _spread(session.read.parquet(str(scratch / "input")), session, n_staged, partitions)
            frames.append(staged.withColumn("_input", F.lit(0)).mapInPandas(analyse_staged(places), ANALYSED_SCHEMA))
        known = session.sparkContext.broadcast(stored_ids(ledger)) if datasets else None
        for index, (path, fmt) in enumerate(datasets, start=1):
            rows = _spread(_read_dataset(session, path, fmt), session, None, partitions)
            analyse = analyse_records(options, known, places)
            frames.append(rows.withColumn("_input", F.lit(index)).mapInPandas(analyse, ANALYSED_SCHEMA))
        write_outputs(frames, out)
        load_analysed(ledger, analysed_rows(f"{out}/documents", session), report)
        return _reconciled(ledger, report, reconcile_after, session)
    finally:
        if own and session is not None:
            session.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def stored_ids(ledger: Ledger) -> frozenset[str]:
    """The ids of every document in the ledger (shipped to executors to skip them before analysis)."""
    return ledger.document_ids()


def _reconciled(
    ledger: Ledger, report: IngestReport, reconcile_after: bool, session: SparkSession | None = None
) -> IngestReport:
    """Reconcile as ``pipeline.ingest`` does: after new documents, or after a run killed before it;
    with a session, the candidate pairs are scored on Spark."""
    if reconcile_after and (report.added or ledger.incidents_stale()):
        rebuild_incidents(ledger, spark_edges(session) if session is not None else None)
    return report


# Claims per task when scoring candidate pairs (a partition's pairs are scored in one process).
CLAIMS_PER_SLICE = 20_000


def spark_edges(session: SparkSession) -> EdgeFinder:
    """An ``EdgeFinder`` that runs reconciliation's blocking and pair scoring on Spark.

    The claims' features are broadcast; executors compute each claim's blocking keys
    (``link.block_keys``), Spark joins lookup keys to filing keys, and each distinct candidate pair
    is scored by the same ``link.score`` as in memory. Only the edges at or above
    ``rules.EDGE_FLOOR`` (links and possible suggestions) come back to the driver, where clustering
    and assembly run as in-process: the same edges give the same incidents.
    """

    def find(feats: Sequence[Features]) -> list[Edge]:
        if len(feats) < 2:
            return []
        sc = session.sparkContext
        shared = sc.broadcast(list(feats))
        slices = max(2 * sc.defaultParallelism, len(feats) // CLAIMS_PER_SLICE)
        positions = sc.range(0, len(feats), numSlices=slices)

        def keys(side: int) -> Callable[[Iterable[int]], Iterator[tuple[str, int]]]:
            def run(part: Iterable[int]) -> Iterator[tuple[str, int]]:
                from harmledger.incidents import block_keys

                fs = shared.value
                for i in part:
                    for key in set(block_keys(fs[i])[side]):
                        yield repr(key), i  # tuples of str/int: their repr is the same everywhere

            return run

        def scored(part: Iterable[tuple[int, int]]) -> Iterator[Edge]:
            from harmledger.incidents import EDGE_FLOOR, score

            fs = shared.value
            for i, j in part:
                s = score(fs[i], fs[j])
                if s is not None and s >= EDGE_FLOOR:
                    yield s, i, j

        filed = positions.mapPartitions(keys(0))
        looked_up = positions.mapPartitions(keys(1))
        pairs = looked_up.join(filed).values().filter(lambda ij: ij[1] > ij[0]).distinct()
        try:
            return pairs.mapPartitions(scored).collect()
        finally:
            shared.unpersist()

    return find


def write_outputs(frames: Sequence[DataFrame], out: str) -> None:
    """Write ``documents/`` (one row per document, claims inline) and ``claims/`` (one row per claim)."""
    from functools import reduce

    from pyspark.sql import functions as F

    analysed = reduce(lambda a, b: a.unionByName(b), frames)
    analysed.sortWithinPartitions("input", "seq").write.mode("overwrite").parquet(f"{out}/documents")
    documents = analysed.sparkSession.read.parquet(f"{out}/documents")
    claims = documents.where(F.col("error").isNull()).select(
        F.col("id").alias("document_id"), F.explode("claims").alias("data")
    )
    fields = {name: F.get_json_object("data", f"$.{name}") for name in ("id", "kind", "outcome", "scope")}
    claims.select(*(col.alias(name) for name, col in fields.items()), "document_id", "data").write.mode(
        "overwrite"
    ).parquet(f"{out}/claims")
