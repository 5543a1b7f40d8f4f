"""The user's state of a dataframe (its selection) and of a data editor (its edits), in
Streamlit's shapes:

    DataframeState   {"selection": {"rows": [0, 2], "columns": ["a"], "cells": [(0, "a")]}}
    DataEditorState  {"edited_rows": {0: {"a": 5}}, "added_rows": [{"a": 1}], "deleted_rows": [3]}

Both are read-only dicts with attribute access (`event.selection.rows`; event_state.py).
What the front end sends is checked here as untrusted input: rows are positions in range,
columns exist, and anything else is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import ElementError
from .event_state import EventState

MODES = ("single-row", "single-row-required", "multi-row", "single-column", "multi-column",
         "single-cell", "multi-cell")
ROW_MODES = frozenset({"single-row", "single-row-required", "multi-row"})
COLUMN_MODES = frozenset({"single-column", "multi-column"})


class DataframeSelectionState(EventState):
    """The selected rows (positions), columns (names) and cells ((position, name) pairs)."""


class DataframeState(EventState):
    """What `dataframe(on_select=...)` returns: {"selection": DataframeSelectionState}."""


class DataEditorState(EventState):
    """session_state[key] of a data editor: its pending edits, added and deleted rows."""


def selection_modes(selection_mode: str | Iterable[str]) -> frozenset[str]:
    """`selection_mode` checked as Streamlit checks it."""
    modes = frozenset([selection_mode] if isinstance(selection_mode, str) else selection_mode)
    unknown = sorted(modes - set(MODES))
    if unknown or not modes:
        raise ElementError(f"selection_mode {', '.join(map(repr, unknown)) or 'is empty'}: use "
                           f"one or more of {', '.join(map(repr, MODES))}")
    if len(modes & ROW_MODES) > 1:
        raise ElementError(f"selection_mode has {' and '.join(sorted(modes & ROW_MODES))}: "
                           "only one row selection mode can be given")
    for single, multi in (("single-column", "multi-column"), ("single-cell", "multi-cell")):
        if {single, multi} <= modes:
            raise ElementError(f"selection_mode has both {single!r} and {multi!r}: keep one")
    return modes


def front_modes(modes: frozenset[str]) -> dict[str, str | None]:
    """The modes as the grid's front end takes them: {"rows": "multi", "columns": None, ...}."""
    def of(kind: str) -> str | None:
        found = [mode for mode in modes if mode.endswith(kind) or f"-{kind}-" in mode]
        return found[0].replace(f"-{kind}", "") if found else None

    return {"rows": of("row"), "columns": of("column"), "cells": of("cell")}


def selection_state(value: Any, modes: frozenset[str], nrows: int, columns: Sequence[str]) -> DataframeState:
    """A selection (from the front end, session_state or selection_default), keeping only
    what the modes allow and the data has; in "single-row-required" mode never empty."""
    selection = value.get("selection") if isinstance(value, dict) else None
    selection = selection if isinstance(selection, dict) else {}
    names = set(columns)
    rows = _unique(row for row in _list(selection.get("rows")) if _position(row, nrows))
    cols = _unique(name for name in _list(selection.get("columns")) if isinstance(name, str) and name in names)
    cells = _unique((cell[0], cell[1]) for cell in _list(selection.get("cells"))
                    if isinstance(cell, (list, tuple)) and len(cell) == 2 and _position(cell[0], nrows)
                    and isinstance(cell[1], str) and cell[1] in names)
    rows = rows if modes & ROW_MODES else []
    rows = rows if "multi-row" in modes else rows[:1]
    if "single-row-required" in modes and not rows and nrows:
        rows = [0]
    cols = cols if "multi-column" in modes else cols[:1] if modes & COLUMN_MODES else []
    cells = cells if "multi-cell" in modes else cells[:1] if "single-cell" in modes else []
    return DataframeState(selection=DataframeSelectionState(rows=rows, columns=cols, cells=cells))


def as_json(state: DataframeState) -> dict:
    """The state as the `selection` trait holds it (plain lists)."""
    selection = state["selection"]
    return {"selection": {"rows": list(selection["rows"]), "columns": list(selection["columns"]),
                          "cells": [list(cell) for cell in selection["cells"]]}}


def _list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def _position(value: Any, nrows: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < nrows


def _unique(items: Iterable[Any]) -> list:
    return list(dict.fromkeys(items))
