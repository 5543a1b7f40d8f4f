"""A data editor's edits, as Streamlit keeps and applies them.

    state = edits_of(model.edits, nrows, columns)   # checked: the front end is untrusted
    edited = apply_edits(frame, state, kinds)        # a copy with edits, deletions, additions

Edits name rows by their position in the input and columns by name ("_index" for the
index). Values arrive as JSON (dates as ISO text, durations as seconds) and are parsed by
the column's data kind. An edit pandas rejects is skipped with a warning, as Streamlit
skips it.
"""

from __future__ import annotations

import decimal
import logging
import math
from collections.abc import Collection, Mapping
from typing import Any

from .data_state import DataEditorState
from .grid_source import INDEX
from .tabular import pandas

log = logging.getLogger("jupyter_rerun")


def edits_of(raw: Any, nrows: int, columns: Collection[str]) -> DataEditorState:
    """The editing state the front end sent, keeping only rows and columns that exist."""
    raw = raw if isinstance(raw, Mapping) else {}
    edited: dict[int, dict] = {}
    for row, changes in dict(raw.get("edited_rows") or {}).items():
        position = _position(row)
        if position is not None and position < nrows and isinstance(changes, Mapping):
            kept = {name: value for name, value in changes.items() if name in columns}
            if kept:
                edited[position] = kept
    added = [{name: value for name, value in row.items() if name in columns}
             for row in raw.get("added_rows") or () if isinstance(row, Mapping)]
    deleted = sorted({position for position in map(_position, raw.get("deleted_rows") or ())
                      if position is not None and position < nrows})
    return DataEditorState(edited_rows=edited, added_rows=added, deleted_rows=deleted)


def _position(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    return int(value) if isinstance(value, str) and value.isdigit() else None


def parse(value: Any, kind: str) -> Any:
    """A JSON value from the editor as the column's data kind (None if it does not parse)."""
    pd = pandas()
    if value is None:
        return None
    if kind == "timedelta" and isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError("a duration in seconds must be finite")
        return pd.Timedelta(value, unit="s")
    try:
        if kind in ("list", "empty"):
            return list(value) if isinstance(value, (list, tuple)) else [value] if kind == "list" else value
        if kind == "string":
            return str(value)
        if isinstance(value, list):
            raise TypeError("a list only fits a list or text column")
        simple = {"integer": int, "float": float, "boolean": bool,
                  "decimal": lambda v: decimal.Decimal(str(v)), "timedelta": pd.Timedelta}
        if kind in simple:
            return simple[kind](value)
        if kind in ("datetime", "date", "time"):
            stamp = pd.Timestamp(value)
            if pd.isna(stamp):
                return None
            return {"datetime": stamp, "date": stamp.date(), "time": stamp.time()}[kind]
    except (ValueError, TypeError, OverflowError, decimal.InvalidOperation, pd.errors.ParserError) as error:
        log.warning("data_editor: %r is not a %s value (%s); the cell is left empty", value, kind, error)
        return None
    return value


def apply_edits(frame: Any, state: DataEditorState, kinds: Mapping[str, str]) -> Any:
    """A copy of `frame` with the cell edits, then the deletions, then the added rows."""
    frame = frame.copy()
    for position, changes in state["edited_rows"].items():
        for name, value in changes.items():
            _edit_cell(frame, position, name, value, kinds)
    if state["deleted_rows"]:
        frame = frame.drop(frame.index[list(state["deleted_rows"])])
    if state["added_rows"]:
        _add_rows(frame, state["added_rows"], kinds)
    return frame


def _edit_cell(frame: Any, position: int, name: str, value: Any, kinds: Mapping[str, str]) -> None:
    try:
        if name == INDEX:
            frame.index = frame.index.delete(position).insert(position, parse(value, kinds[INDEX]))
        else:
            frame.iat[position, frame.columns.get_loc(name)] = parse(value, kinds[name])
    except (TypeError, ValueError, OverflowError) as error:
        log.warning("data_editor: the edit %r of row %s, column %r was not applied: %s",
                    value, position, name, error)


def _add_rows(frame: Any, rows: list[dict], kinds: Mapping[str, str]) -> None:
    """Append rows at the next label of a range or integer index, or at the index value
    the user gave (other indexes need one, and an existing label is refused)."""
    pd = pandas()
    index = frame.index
    following = None
    if isinstance(index, pd.RangeIndex):
        following, step = index.stop, index.step
    elif pd.api.types.is_integer_dtype(index.dtype):
        following, step = (0 if index.empty else int(index.max()) + 1), 1
    for row in rows:
        try:
            values = {name: parse(row.get(name), kinds[str(name)]) for name in frame.columns}
            label = parse(row.get(INDEX), kinds[INDEX]) if not isinstance(index, pd.RangeIndex) else None
        except (TypeError, ValueError, OverflowError) as error:
            log.warning("data_editor: an added row was left out: %s", error)
            continue
        if label is None and following is None:
            log.warning("data_editor: an added row has no index value (the %s index needs "
                        "one); it was left out", type(index).__name__)
            continue
        if label is not None and label in frame.index:
            log.warning("data_editor: an added row's index value %r exists already; it was "
                        "left out", label)
            continue
        try:
            frame.loc[label if label is not None else following] = values
        except (TypeError, ValueError, OverflowError) as error:
            log.warning("data_editor: an added row was left out: %s", error)
            continue
        if label is None:
            following += step
