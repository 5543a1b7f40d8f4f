"""The columns of a data grid's Source, each able to serve a window of its rows as binary
buffers, to sort itself (once) and to feed its content to a fingerprint.

Wire format of one column in a window: a missing-value mask (uint8, 1 = missing), then its
values by `wire` kind:
  f8 float64 | i8 int64 | bool uint8 | ms float64 (epoch ms; times: ms since midnight)
  text, json: int32 offsets (n + 1), then UTF-8 (json: one JSON document per row)
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from .tabular import pandas

_EPOCH = dt.datetime(1970, 1, 1)


class Column:
    """One column of a Source. Subclasses hold the values in the cheapest readable form."""

    wire = "f8"

    def __init__(self, name: str, data_kind: str, values: Any) -> None:
        self.name, self.data_kind, self.values = name, data_kind, values
        self._ascending: np.ndarray | None = None

    def take(self, rows: np.ndarray) -> list[bytes]:
        """The mask and value buffers of `rows` (positions)."""
        raise NotImplementedError

    def feed(self, hasher: Any) -> None:
        """Feed the column's content to `hasher` (for the fingerprint)."""
        hasher.update(np.ascontiguousarray(self.values).view(np.uint8))

    def ascending(self) -> np.ndarray:
        """Positions in ascending order, stable, missing values last (computed once)."""
        if self._ascending is None:
            self._ascending = self._sort()
        return self._ascending

    def _sort(self) -> np.ndarray:
        return np.argsort(self.values, kind="stable")

    def count_missing(self) -> int:
        """How many values are missing (they sort last, whichever the direction)."""
        return 0

    def widest(self) -> int | None:
        """About how many characters the longest value takes, from a sample of the rows
        (None: the front end guesses from the rows it has)."""
        return None


class NumberColumn(Column):
    """Numbers and booleans in a numpy array; `missing` marks nulls (NaN needs none)."""

    def __init__(self, name: str, data_kind: str, values: np.ndarray, missing: np.ndarray | None = None) -> None:
        super().__init__(name, data_kind, values)
        self.missing = missing
        self.wire = "bool" if values.dtype == np.bool_ else "i8" if values.dtype.kind in "iu" else "f8"

    def take(self, rows: np.ndarray) -> list[bytes]:
        values = self.values[rows]
        if self.missing is not None:
            mask = self.missing[rows]
        elif self.wire == "f8":
            mask = np.isnan(values)
        else:
            mask = np.zeros(len(rows), dtype=bool)
        dtype = {"bool": "u1", "i8": "<i8", "f8": "<f8"}[self.wire]
        return [mask.astype("u1").tobytes(), values.astype(dtype, copy=False).tobytes()]

    def _sort(self) -> np.ndarray:
        order = np.argsort(self.values, kind="stable")
        return _missing_last(order, self.missing)

    def count_missing(self) -> int:
        if self.missing is not None:
            return int(self.missing.sum())
        return int(np.isnan(self.values).sum()) if self.wire == "f8" else 0

    def widest(self) -> int | None:
        if self.wire == "bool" or not len(self.values):
            return None
        values = self.values[sample(len(self.values))]
        if self.wire == "i8":
            return max(len(str(values.min())), len(str(values.max())))
        finite = values[np.isfinite(values)]
        if not len(finite):
            return None
        return max(len(f"{float(finite.min()):.4f}"), len(f"{float(finite.max()):.4f}"))


class TimeColumn(Column):
    """datetime64 values (wall-clock time for a timezone-aware column) as int64 ticks."""

    wire = "ms"

    def __init__(self, name: str, data_kind: str, values: np.ndarray) -> None:
        unit = np.datetime_data(values.dtype)[0]
        super().__init__(name, data_kind, values.view("<i8"))
        self.per_ms = {"s": 1e-3, "ms": 1.0, "us": 1e3, "ns": 1e6}.get(unit, 1e6)

    def take(self, rows: np.ndarray) -> list[bytes]:
        ticks = self.values[rows]
        mask = ticks == np.iinfo(np.int64).min
        ms = ticks / self.per_ms
        ms[mask] = np.nan
        return [mask.astype("u1").tobytes(), ms.astype("<f8").tobytes()]

    def _sort(self) -> np.ndarray:
        order = np.argsort(self.values, kind="stable")
        return _missing_last(order, self.values == np.iinfo(np.int64).min)

    def count_missing(self) -> int:
        return int((self.values == np.iinfo(np.int64).min).sum())


class ArrowTextColumn(Column):
    """Strings in Arrow (pandas' default str dtype): windows are Arrow's own buffers."""

    wire = "text"

    def take(self, rows: np.ndarray) -> list[bytes]:
        import pyarrow

        taken = self.values.take(pyarrow.array(rows)).combine_chunks()
        if pyarrow.types.is_large_string(taken.type):
            taken = taken.cast(pyarrow.string())
        _, offsets, data = taken.buffers()
        starts = np.frombuffer(offsets, "<i4")[taken.offset: taken.offset + len(taken) + 1]
        mask = taken.is_null().to_numpy(zero_copy_only=False)
        body = data.to_pybytes()[starts[0]: starts[-1]] if data is not None else b""
        return [mask.astype("u1").tobytes(), (starts - starts[0]).astype("<i4").tobytes(), body]

    def feed(self, hasher: Any) -> None:
        for chunk in self.values.chunks:
            hasher.update(f"{chunk.offset}:{len(chunk)}".encode())
            for buffer in chunk.buffers():
                if buffer is not None:
                    hasher.update(memoryview(buffer))

    def _sort(self) -> np.ndarray:
        import pyarrow.compute

        return pyarrow.compute.array_sort_indices(self.values, null_placement="at_end").to_numpy()

    def count_missing(self) -> int:
        return self.values.null_count

    def widest(self) -> int | None:
        import pyarrow
        import pyarrow.compute

        values = self.values.take(pyarrow.array(sample(len(self.values))))
        longest = pyarrow.compute.max(pyarrow.compute.utf8_length(values)).as_py()
        return None if longest is None else min(int(longest), 60)


class CategoryColumn(Column):
    """A categorical column: its codes, and the labels shown for them."""

    wire = "text"

    def __init__(self, name: str, data_kind: str, codes: np.ndarray, labels: Sequence[str]) -> None:
        super().__init__(name, data_kind, codes)
        self.labels = [label.encode() for label in labels]

    def take(self, rows: np.ndarray) -> list[bytes]:
        codes = self.values[rows]
        return _texts([None if code < 0 else self.labels[code] for code in codes])

    def feed(self, hasher: Any) -> None:
        super().feed(hasher)
        hasher.update(b"\0".join(self.labels))

    def _sort(self) -> np.ndarray:
        order = np.argsort(self.values, kind="stable")
        return _missing_last(order, self.values < 0)

    def count_missing(self) -> int:
        return int((self.values < 0).sum())

    def widest(self) -> int | None:
        return max((len(label.decode()) for label in self.labels), default=None)


class ObjectColumn(Column):
    """Python objects (dates, times, decimals, lists, dicts, mixed values): each window
    turns its few hundred values into text, JSON or milliseconds."""

    def __init__(self, name: str, data_kind: str, values: np.ndarray) -> None:
        super().__init__(name, data_kind, values)
        self.wire = ("ms" if data_kind in ("date", "time", "datetime")
                     else "json" if data_kind in ("list", "dict") else "text")

    def take(self, rows: np.ndarray) -> list[bytes]:
        values = self.values[rows]
        if self.wire == "ms":
            ms = np.array([_milliseconds(value) for value in values], dtype="<f8")
            return [np.isnan(ms).astype("u1").tobytes(), ms.tobytes()]
        encode = _json_text if self.wire == "json" else _plain_text
        return _texts([None if _missing(value) else encode(value) for value in values])

    def feed(self, hasher: Any) -> None:
        pd = pandas()
        try:
            hasher.update(pd.util.hash_pandas_object(pd.Series(self.values), index=False).to_numpy())
        except TypeError:  # lists, dicts: unhashable, hashed by content instead
            from ..caching.hashing import digest

            hasher.update(digest([repr(value) for value in self.values]))

    def _sort(self) -> np.ndarray:
        pd = pandas()
        series = pd.Series(self.values)
        try:
            return series.sort_values(kind="stable", na_position="last").index.to_numpy()
        except TypeError:  # values that do not compare (mixed types): by their text
            return series.astype(str).sort_values(kind="stable").index.to_numpy()

    def count_missing(self) -> int:
        return int(pandas().isna(self.values).sum())


@functools.lru_cache(maxsize=16)
def sample(count: int, size: int = 4096) -> np.ndarray:
    """Positions of at most `size` rows spread over `count` (read-only, shared): enough to
    size a column by, at the same cost for a million rows as for a thousand."""
    positions = np.unique(np.linspace(0, max(count - 1, 0), min(count, size)).astype(np.int64))
    positions.flags.writeable = False
    return positions


def _missing_last(order: np.ndarray, missing: np.ndarray | None) -> np.ndarray:
    if missing is None or not missing.any():
        return order
    flags = missing[order]
    return np.concatenate([order[~flags], order[flags]])


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT, pd.NA
    except (TypeError, ValueError):
        return False


def _milliseconds(value: Any) -> float:
    if _missing(value):
        return np.nan
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=None) - _EPOCH).total_seconds() * 1e3
    if isinstance(value, dt.date):
        return (value - _EPOCH.date()).days * 86_400_000.0
    if isinstance(value, dt.time):
        return ((value.hour * 60 + value.minute) * 60 + value.second) * 1e3 + value.microsecond / 1e3
    return np.nan


def _plain_text(value: Any) -> bytes:
    return (value if isinstance(value, str) else str(value)).encode()


def _json_text(value: Any) -> bytes:
    return json.dumps(_plain(value), default=str, allow_nan=False).encode()


def _plain(value: Any) -> Any:
    """Lists, tuples, arrays and dicts as JSON values (NaN as null)."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, float) and value != value:
        return None
    return value


def _texts(values: Sequence[bytes | None]) -> list[bytes]:
    """A text column's mask, offsets and UTF-8 bytes."""
    mask = np.fromiter((value is None for value in values), dtype="u1", count=len(values))
    lengths = [0 if value is None else len(value) for value in values]
    offsets = np.zeros(len(values) + 1, dtype="<i4")
    np.cumsum(lengths, out=offsets[1:])
    return [mask.tobytes(), offsets.tobytes(), b"".join(value or b"" for value in values)]
