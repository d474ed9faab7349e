"""The exception tree. The library raises these; the CLI and the web app translate them.

    HarmledgerError
    ├── InputError            a source could not be read (terminal for that input)
    │   ├── UnreadableInput   missing, a directory where a file was expected, permission denied
    │   ├── BinaryInput       NUL bytes or a binary format we do not read
    │   ├── EmptyInput        no text after extraction
    │   ├── DecodeError       bytes that no encoding we try decodes
    │   ├── RecordError       one record inside a file (JSONL line, WARC record) is bad
    │   └── SkippedFiles      files in a folder that were not read (format unknown), named with the reason
    ├── GazetteerError        the gazetteer file is missing or corrupt
    ├── StoreError            the ledger cannot be opened or migrated
    │   └── IntegrityError    a stored original no longer matches its hash; the audit chain is broken
    ├── SettingsError         a setting has a wrong value
    └── PipelineError         a stage was wired wrongly (a programming error, raised at build time)

Every message names the offending input (file, line or offset) and says what to do.
"""

from __future__ import annotations


class HarmledgerError(Exception):
    """Base class for every error harmledger raises on purpose."""


class InputError(HarmledgerError):
    """A source could not be read. ``where`` names the file (and line/record/offset)."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class UnreadableInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class DecodeError(InputError):
    pass


class RecordError(InputError):
    pass


class SkippedFiles(InputError):
    pass


class GazetteerError(HarmledgerError):
    pass


class StoreError(HarmledgerError):
    pass


class IntegrityError(StoreError):
    pass


class SettingsError(HarmledgerError):
    pass


class PipelineError(HarmledgerError):
    pass
