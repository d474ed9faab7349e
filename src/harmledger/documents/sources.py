"""``read_sources``: files, folders (recursive, with globs) and stdin, each to its reader."""

from __future__ import annotations

import fnmatch
import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, overload

from harmledger.documents.options import ReadOptions, Source
from harmledger.documents.readers import Item, Reader, readers, sniff, suffix_of
from harmledger.documents.readers.common import SIDECAR_SUFFIX
from harmledger.errors import InputError, SkippedFiles, UnreadableInput
from harmledger.records import Document

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

SNIFF_BYTES = 4096


@overload
def read_sources(
    paths: Sequence[str | Path], options: ReadOptions = ..., *, with_parents: Literal[False] = False
) -> Iterator[Document | InputError]: ...


@overload
def read_sources(paths: Sequence[str | Path], options: ReadOptions = ..., *, with_parents: bool) -> Iterator[Item]: ...


def read_sources(
    paths: Sequence[str | Path],
    options: ReadOptions = ReadOptions(),
    *,
    with_parents: bool = False,
) -> Iterator[Item]:
    """Yield a ``Document`` per article and an ``InputError`` per bad input, never raising for input.

    ``paths`` are files, folders (read recursively, filtered by ``options.include``/``exclude``)
    or ``-`` for stdin. With ``with_parents``, a text file split into several articles is
    preceded by its ``SourceFile`` so the ledger can keep the file itself.
    """
    table = readers()
    for given in paths:
        if str(given) == "-":
            yield from _read_stdin(options, with_parents, table)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _read_folder(path, options, with_parents, table)
        elif path.is_file():
            reader = table.get(suffix_of(path.name))
            if reader is None:
                reader = table[_sniff_file(path)]
            yield from reader(Source.from_path(path), options, with_parents)
        elif path.is_symlink():
            yield UnreadableInput(str(path), DANGLING)
        elif path.exists():
            yield UnreadableInput(str(path), "not a regular file or folder")
        else:
            yield UnreadableInput(str(path), "no such file or folder")


DANGLING = "a symbolic link that leads to no file (broken, or a loop of links)"


def _read_folder(path: Path, options: ReadOptions, with_parents: bool, table: Mapping[str, Reader]) -> Iterator[Item]:
    """Every readable file under ``path``; then one line per folder or link that could not be
    read, one for the files passed over, and one when nothing at all was there to read."""
    skipped: list[tuple[str, str]] = []
    problems: list[UnreadableInput] = []
    found = False
    for file in walk(path, options, table, skipped, problems):
        found = True
        yield from table[suffix_of(file.name)](Source.from_path(file), options, with_parents)
    yield from problems
    if skipped:
        yield SkippedFiles(str(path), skipped_summary(skipped))
    elif not found and not problems:
        yield UnreadableInput(str(path), "the folder holds no file to read (or --include/--exclude left none)")


def walk(
    folder: Path,
    options: ReadOptions,
    table: Mapping[str, object],
    skipped: list[tuple[str, str]] | None = None,
    problems: list[UnreadableInput] | None = None,
) -> Iterator[Path]:
    """Files under ``folder`` in a readable format, sorted.

    Hidden files and folders (``.git``), sidecars (read with their file) and files the user's
    ``include``/``exclude`` globs leave out are passed over on purpose; any other file that is
    not read is appended to ``skipped`` as (relative path, reason), and a folder that cannot be
    listed or a link that leads nowhere to ``problems``.
    """
    for path in _tree(folder, problems):
        relative = path.relative_to(folder).as_posix()
        parts = relative.split("/")
        if any(p.startswith(".") for p in parts) or path.name.endswith(SIDECAR_SUFFIX):
            continue
        if not path.is_file():
            if path.is_symlink() and not path.exists() and problems is not None:
                problems.append(UnreadableInput(str(path), DANGLING))
            continue
        if options.include and not any(_matches(relative, g) for g in options.include):
            continue
        if any(_matches(relative, g) or any(fnmatch.fnmatch(p, g) for p in parts[:-1]) for g in options.exclude):
            continue
        suffix = suffix_of(path.name)
        if suffix not in table:
            if skipped is not None:
                skipped.append((relative, _why_not_read(suffix)))
            continue
        yield path


def _tree(folder: Path, problems: list[UnreadableInput] | None) -> list[Path]:
    """Every file under ``folder`` (links to folders not followed), sorted; a folder that cannot
    be listed is added to ``problems`` ("permission denied") instead of being passed over."""

    def unreadable(error: OSError) -> None:
        if problems is not None:
            reason = (error.strerror or str(error)).lower()
            problems.append(UnreadableInput(str(error.filename or folder), reason))

    return sorted(Path(root) / name for root, _, files in os.walk(folder, onerror=unreadable) for name in files)


# Hints for formats people keep beside their articles.
CONVERT_HINTS: dict[str, str] = {
    ".csv": "a table: convert its rows to JSON Lines with a text field",
    ".tsv": "a table: convert its rows to JSON Lines with a text field",
    ".pdf": "convert it to text first (pdftotext)",
    ".doc": "convert it to text or HTML first",
    ".docx": "convert it to text or HTML first",
    ".odt": "convert it to text or HTML first",
    ".zip": "unpack it first",
}


def _why_not_read(suffix: str) -> str:
    if not suffix:
        return "no extension: name it .txt, .html or .jsonl, or pass it by name to have its format sniffed"
    hint = CONVERT_HINTS.get(suffix, "read formats are .txt .md .html .json .jsonl .warc and .gz of these")
    return f"{suffix} is not a format harmledger reads; {hint}"


def skipped_summary(skipped: list[tuple[str, str]]) -> str:
    """One line naming every skipped file, grouped by reason."""
    by_reason: dict[str, list[str]] = {}
    for name, reason in skipped:
        by_reason.setdefault(reason, []).append(name)
    groups = "; ".join(f"{', '.join(names)} ({reason})" for reason, names in by_reason.items())
    return f"skipped {len(skipped)} file{'s' if len(skipped) != 1 else ''} not in a readable format: {groups}"


def _matches(relative: str, pattern: str) -> bool:
    """Glob match against the relative path or the file name (``*.txt`` works at any depth)."""
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative.rsplit("/", 1)[-1], pattern)


def _sniff_file(path: Path) -> str:
    try:
        with path.open("rb") as f:
            return sniff(f.read(SNIFF_BYTES))
    except OSError:
        return ".txt"  # the text reader reports the error with its reason


def _read_stdin(options: ReadOptions, with_parents: bool, table: Mapping[str, Reader]) -> Iterator[Item]:
    stdin: Any = sys.stdin  # a text stream with a binary ``buffer``, or a binary stream itself
    buffer: BinaryIO = getattr(stdin, "buffer", stdin)
    # Read through one buffered view: it can peek to sniff the format, and closing it leaves stdin open.
    stream = io.BufferedReader(_Unclosable(buffer))
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    source = Source(origin="-", opener=lambda: stream)
    yield from table[sniff(head)](source, options, with_parents)


class _Unclosable(io.RawIOBase):
    """A view of stdin whose ``close`` leaves stdin open."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self._inner.read(len(view))
        view[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        return self._inner.readline(size if size is not None else -1)

    def read(self, size: int = -1) -> bytes:
        return self._inner.read(size)

    def close(self) -> None:
        pass
