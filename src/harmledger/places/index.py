"""A compact name index kept as blobs in the gazetteer file, searched in memory without parsing.

Keys are stored grouped by hash bucket (CRC-32) as one UTF-8 blob with an offsets array; each
key's places are a slice of an ids array (compressed sparse rows). Loading is reading a few
blobs (tens of milliseconds); a lookup is one hash and a short scan of byte slices, so no
per-key Python objects are ever built.
"""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from bisect import bisect_left
from collections import defaultdict

from harmledger.places.normalise import loose_key

BLOB_TABLE = "CREATE TABLE IF NOT EXISTS blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL)"
FIELD_SEP = "\x1f"
PLACE_COLUMNS = (
    "id",
    "geonameid",
    "name",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "feature",
    "population",
    "source",
)
# One place row, typed in ``PLACE_COLUMNS`` order.
PlaceRow = tuple[int, int | None, str, float, float, str | None, str | None, str | None, str, int, str]


def _bucket(key: bytes, nbuckets: int) -> int:
    return zlib.crc32(key) & (nbuckets - 1)


def _pack_keys(groups: dict[bytes, set[int]]) -> dict[str, bytes]:
    nbuckets = 1 << max(len(groups), 1).bit_length()  # a power of two ≥ the key count
    keys = sorted(groups, key=lambda k: (_bucket(k, nbuckets), k))
    key_offsets, id_offsets, ids = array("I", [0]), array("I", [0]), array("i")
    bucket_starts = array("I", [0] * (nbuckets + 1))
    blob = bytearray()
    for i, key in enumerate(keys):
        bucket_starts[_bucket(key, nbuckets) + 1] = i + 1
        blob += key
        key_offsets.append(len(blob))
        ids.extend(sorted(groups[key]))
        id_offsets.append(len(ids))
    for b in range(1, nbuckets + 1):  # empty buckets end where the previous one ended
        bucket_starts[b] = max(bucket_starts[b], bucket_starts[b - 1])
    return {
        "keys": bytes(blob),
        "key_offsets": key_offsets.tobytes(),
        "id_offsets": id_offsets.tobytes(),
        "ids": ids.tobytes(),
        "buckets": bucket_starts.tobytes(),
    }


def write_index(con: sqlite3.Connection) -> None:
    """(Re)write the blobs from the ``names`` and ``places`` tables of an open gazetteer."""
    con.execute(BLOB_TABLE)
    blobs: dict[str, bytes] = {}
    strict: dict[str, set[int]] = defaultdict(set)
    for key, pid, primary in con.execute("SELECT strict, place_id, primary_name FROM names"):
        strict[key].add(pid * 2 + (1 if primary else 0))
    # The loose key is a function of the strict key, so it is derived here, not stored.
    loose: dict[bytes, set[int]] = defaultdict(set)
    for key, codes in strict.items():
        loose[loose_key(key).encode("utf-8")] |= codes
    for column, groups in (("strict", {k.encode("utf-8"): v for k, v in strict.items()}), ("loose", loose)):
        blobs |= {f"{column}_{k}": v for k, v in _pack_keys(groups).items()}
    place_ids, row_offsets, rows = array("i"), array("I", [0]), bytearray()
    for rec in con.execute(f"SELECT {', '.join(PLACE_COLUMNS)} FROM places ORDER BY id"):
        place_ids.append(rec[0])
        rows += FIELD_SEP.join("" if v is None else str(v) for v in rec).encode("utf-8")
        row_offsets.append(len(rows))
    blobs |= {"place_ids": place_ids.tobytes(), "row_offsets": row_offsets.tobytes(), "rows": bytes(rows)}
    con.execute("DELETE FROM blobs")
    con.executemany("INSERT INTO blobs VALUES (?, ?)", list(blobs.items()))


class KeyIndex:
    """Keys → place codes (``id * 2 + primary``): a CRC-32 bucket, then a scan of its byte slices."""

    def __init__(self, blobs: dict[str, bytes], column: str) -> None:
        self._keys = blobs[f"{column}_keys"]
        self._key_offsets = array("I")
        self._key_offsets.frombytes(blobs[f"{column}_key_offsets"])
        self._id_offsets = array("I")
        self._id_offsets.frombytes(blobs[f"{column}_id_offsets"])
        self._ids = array("i")
        self._ids.frombytes(blobs[f"{column}_ids"])
        self._n = len(self._key_offsets) - 1
        self._buckets = array("I")
        self._buckets.frombytes(blobs[f"{column}_buckets"])
        self._mask = len(self._buckets) - 2

    def __len__(self) -> int:
        return self._n

    def _key(self, i: int) -> bytes:
        return self._keys[self._key_offsets[i] : self._key_offsets[i + 1]]

    def get(self, key: str) -> array[int]:
        """The place codes stored under ``key`` (empty when absent): one hash, a short scan."""
        target = key.encode("utf-8")
        b = zlib.crc32(target) & self._mask
        keys, offs = self._keys, self._key_offsets
        for i in range(self._buckets[b], self._buckets[b + 1]):
            if keys[offs[i] : offs[i + 1]] == target:
                return self._ids[self._id_offsets[i] : self._id_offsets[i + 1]]
        return array("i")

    def all_keys(self) -> list[str]:
        """Every key (for fuzzy matching; builds the strings, so call rarely)."""
        return [self._key(i).decode("utf-8") for i in range(self._n)]


class PlaceRows:
    """Place rows by id, parsed on demand from the packed rows blob."""

    def __init__(self, blobs: dict[str, bytes]) -> None:
        self._ids = array("i")
        self._ids.frombytes(blobs["place_ids"])
        self._offsets = array("I")
        self._offsets.frombytes(blobs["row_offsets"])
        self._rows = blobs["rows"]
        self._parsed: dict[int, PlaceRow] = {}

    def get(self, pid: int) -> PlaceRow | None:
        """The row for place ``pid`` as a tuple in ``PLACE_COLUMNS`` order, or None."""
        row = self._parsed.get(pid)
        if row is not None:
            return row
        i = pid - 1  # ids are 1..n in a freshly built file
        if not (0 <= i < len(self._ids) and self._ids[i] == pid):
            i = bisect_left(self._ids, pid)
            if i >= len(self._ids) or self._ids[i] != pid:
                return None
        raw = self._rows[self._offsets[i] : self._offsets[i + 1]].decode("utf-8")
        f = raw.split(FIELD_SEP)
        row = (
            int(f[0]),
            int(f[1]) if f[1] else None,
            f[2],
            float(f[3]),
            float(f[4]),
            f[5] or None,
            f[6] or None,
            f[7] or None,
            f[8],
            int(f[9] or 0),
            f[10],
        )
        self._parsed[pid] = row
        return row


def load_blobs(con: sqlite3.Connection) -> dict[str, bytes] | None:
    """The index blobs of a gazetteer file, or None when it has none (an old file)."""
    try:
        return {name: bytes(data) for name, data in con.execute("SELECT name, data FROM blobs")}
    except sqlite3.OperationalError:
        return None
