"""What a data grid shows, kept in the kernel: a frame's columns as an immutable snapshot
(a Source), and an order of its rows (a View) served a window at a time.

    source = Source.of(frame)              # references, no copies: pandas' copy-on-write
                                           # keeps them as they were if the frame changes
    source.fingerprint                     # 16 bytes: equal content, equal fingerprint
    view = View(source, version=1, sort=(2, False))      # by column 2, descending
    buffers = view.window(0, 128, columns=[0, 1, 2])

The front end asks for windows from JupyterLab's subshell thread while a cell may run on
the main thread, so neither changes once made: a new sort or new data is a new View,
swapped in with one assignment. A window's buffers are the rows' positions in the source
(int32), then each column's buffers (grid_columns.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import xxhash

from .grid_columns import (
    ArrowTextColumn, CategoryColumn, Column, NumberColumn, ObjectColumn, TimeColumn, _missing,
)
from .tabular import pandas

BLOCK = 128  # rows per block: the front end caches and asks for whole blocks
MAX_ROWS = 4096  # rows in one window
INDEX = "_index"  # Streamlit's name for the index in column_config

_INFERRED = {"string": "string", "bytes": "bytes", "floating": "float", "integer": "integer",
             "mixed-integer-float": "float", "decimal": "decimal", "complex": "complex",
             "boolean": "boolean", "datetime64": "datetime", "datetime": "datetime",
             "date": "date", "time": "time", "timedelta64": "timedelta",
             "timedelta": "timedelta", "period": "period", "interval": "interval",
             "empty": "empty"}


class Source:
    """A frame's columns (index levels first), as they were when it was made."""

    def __init__(self, columns: Sequence[Column], nrows: int, index_count: int,
                 index_names: Sequence[str] = ()) -> None:
        self.columns = list(columns)
        self.nrows = nrows
        self.index_count = index_count
        self.index_names = list(index_names) or [""] * index_count
        hasher = xxhash.xxh3_128(f"{nrows}:{index_count}".encode())
        for position, column in enumerate(self.columns):
            hasher.update(f"\0{column.name}\0{column.data_kind}\0{column.wire}\0".encode())
            column.feed(hasher)
            if position == index_count - 1:
                self.index_fingerprint = hasher.digest()  # the index alone (and the row count)
        if not index_count:
            self.index_fingerprint = hasher.digest()
        self.fingerprint = hasher.digest()

    @classmethod
    def of(cls, frame: Any, extra: Sequence[Column] = ()) -> Source:
        """The frame's index levels and columns, then `extra` columns (a Styler's)."""
        index = frame.index
        levels = [index.get_level_values(i) for i in range(index.nlevels)]
        names = [INDEX if i == 0 else f"{INDEX}:{i}" for i in range(len(levels))]
        columns = [column_of(name, level) for name, level in zip(names, levels)]
        # The Series stay referenced: pandas' copy-on-write then copies a column the user
        # writes to later, instead of changing the arrays this source reads.
        series = [frame.iloc[:, i] for i in range(frame.shape[1])]
        columns += [column_of(column_name(label), values)
                    for label, values in zip(frame.columns, series)]
        labels = ["" if name is None else str(name) for name in index.names]
        source = cls([*columns, *extra], len(frame), len(levels), labels)
        source.keep = series
        return source


def column_name(label: Any) -> str:
    """A column's name as shown and as column_config finds it (MultiIndex parts joined)."""
    return "_".join(map(str, label)) if isinstance(label, tuple) else str(label)


def column_of(name: str, series: Any) -> Column:
    """The Column that serves `series` (a Series or an Index) cheapest."""
    pd = pandas()
    dtype = series.dtype
    types = pd.api.types
    if isinstance(dtype, pd.CategoricalDtype):
        codes = np.asarray(series.codes if isinstance(series, pd.Index) else series.cat.codes)
        return CategoryColumn(name, _kind_of_values(dtype.categories), codes,
                              [str(category) for category in dtype.categories])
    if types.is_bool_dtype(dtype):
        missing = np.asarray(pd.isna(series)) if dtype != np.bool_ else None
        values = np.asarray(series.fillna(False) if missing is not None else series, dtype=bool)
        return NumberColumn(name, "boolean", values, missing)
    if types.is_integer_dtype(dtype) or types.is_float_dtype(dtype):
        kind = "integer" if types.is_integer_dtype(dtype) else "float"
        if isinstance(dtype, np.dtype) and dtype.kind in "if" and dtype.itemsize == 8:
            return NumberColumn(name, kind, np.asarray(series))
        return NumberColumn(name, kind, series.to_numpy(dtype="float64", na_value=np.nan))
    if types.is_datetime64_any_dtype(dtype):
        values = pd.Series(series)
        if getattr(dtype, "tz", None) is not None:
            values = values.dt.tz_localize(None)  # the wall-clock time, as Streamlit shows it
        return TimeColumn(name, "datetime", values.to_numpy())
    if types.is_timedelta64_dtype(dtype):
        return NumberColumn(name, "timedelta", pd.Series(series).dt.total_seconds().to_numpy())
    if types.is_string_dtype(dtype) and not types.is_object_dtype(dtype):
        arrow = _arrow(series)
        if arrow is not None:
            return ArrowTextColumn(name, "string", arrow)
        return ObjectColumn(name, "string", np.asarray(series, dtype=object))
    return _object_column(name, series)


def _arrow(series: Any) -> Any:
    """The Arrow array behind a pandas column, if it has one (no copy)."""
    array = getattr(series, "array", series)
    export = getattr(array, "__arrow_array__", None)
    if export is None:
        return None
    import pyarrow

    exported = export()
    return exported if isinstance(exported, pyarrow.ChunkedArray) else pyarrow.chunked_array([exported])


def _object_column(name: str, series: Any) -> Column:
    """Object values: numbers and datetimes become typed arrays; the rest stay objects."""
    pd = pandas()
    values = np.asarray(series, dtype=object)
    kind = _kind_of_values(values)
    if kind in ("integer", "float"):
        numbers = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype="float64",
                                                                              na_value=np.nan)
        return NumberColumn(name, kind, numbers)
    if kind == "boolean":
        missing = np.asarray(pd.isna(values))
        return NumberColumn(name, kind, np.where(missing, False, values).astype(bool), missing)
    if kind == "datetime":
        try:
            return column_of(name, pd.to_datetime(pd.Series(values)))
        except (TypeError, ValueError):  # mixed time zones, out-of-range years
            pass
    return ObjectColumn(name, kind, values)


def _kind_of_values(values: Any) -> str:
    """Streamlit's data kind of objects (string, date, list, ...), from their types."""
    pd = pandas()
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    if inferred in _INFERRED:
        return _INFERRED[inferred]
    first = next((value for value in values if not _missing(value)), None) \
        if inferred in ("mixed", "unknown-array") else None
    if isinstance(first, (list, tuple, set, frozenset, np.ndarray)):
        return "list"
    if isinstance(first, dict):
        return "dict"
    return "unknown"


class View:
    """The rows of a Source in one order (sorted, or with rows hidden), version-stamped: the
    front end drops what an older version sent."""

    def __init__(self, source: Source, version: int, sort: tuple[int, bool] | None = None,
                 hidden: Sequence[int] = ()) -> None:
        self.source, self.version, self.sort = source, version, sort
        self.hidden = tuple(hidden)
        order = None
        if sort is not None:
            column = source.columns[sort[0]]
            order = column.ascending() if sort[1] else _descending(column)
        if len(hidden):
            base = np.arange(source.nrows) if order is None else order
            order = base[~np.isin(base, np.asarray(hidden, dtype=np.int64))]
        self.order = order
        self.nrows = source.nrows if order is None else len(order)

    def window(self, start: int, end: int, columns: Sequence[int]) -> tuple[int, int, list[bytes]]:
        """Rows start..end (clipped to the view and MAX_ROWS): (start, count, buffers)."""
        start = max(0, min(int(start), self.nrows))
        end = max(start, min(int(end), self.nrows, start + MAX_ROWS))
        rows = np.arange(start, end) if self.order is None else self.order[start:end]
        buffers = [rows.astype("<i4").tobytes()]
        for index in columns:
            buffers += self.source.columns[index].take(rows)
        return start, end - start, buffers


def _descending(column: Column) -> np.ndarray:
    """Largest first, missing values still last."""
    ascending = column.ascending()
    present = len(ascending) - column.count_missing()
    return np.concatenate([ascending[:present][::-1], ascending[present:]])
