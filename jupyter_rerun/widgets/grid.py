"""The data grid of `dataframe` and `data_editor`: an anywidget whose front end
(static/grid.js) scrolls any number of rows and asks the kernel for the ones it shows.

The kernel keeps the data (a `Source`, see ui/grid_source.py) and answers the front end's
custom messages from whichever thread the kernel hands them to (in JupyterLab a subshell
thread, while a cell runs on the main thread):
  {"type": "rows", "start", "end"}                  -> a window of rows, in binary buffers
  {"type": "sort", "column", "ascending", "start", "end"} -> sorted, then that window
What the kernel reads there never changes once made: data or a sort is a new `View`,
swapped in with one assignment. Each reply carries its view's version; the front end
drops what an older version sent.

Traits: `frame` (the columns and the first rows, so the first paint needs no round trip;
a new frame is one message), `options`, and the user's input, `selection` and `edits`.
A window carries the shown columns, then any extra columns they refer to (a Styler's
formatted text and CSS: a column's "display" and "style" count from the first extra).
grid.js is evaluated once per page: it lives in one hidden `GridLibrary` model, and each
grid's own module asks it for `render` (anywidget's `host.getWidget`).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import anywidget
import traitlets

from ..ui.grid_source import BLOCK, Source, View
from . import SharedLayout, one_per_kernel
from .library import static_text

FIRST_ALL = 1024  # a frame up to this many rows goes to the front end whole
_GLUE = """export default {
  async render({ model, el, host }) {
    const lib = await host.getWidget(model.get("lib"));
    return lib.exports.render({ model, el });
  },
};
"""


class GridLibrary(SharedLayout, anywidget.AnyWidget):
    """Never displayed: its module's exports are grid.js's `{render}`."""

    _esm = static_text("grid_cells.js") + static_text("grid.js")


grid_library = one_per_kernel(GridLibrary)  # the grid's JavaScript, once per kernel


class Grid(SharedLayout, anywidget.AnyWidget):
    """One dataframe or data editor on the page."""

    _esm = _GLUE
    lib = anywidget.WidgetTrait().tag(sync=True)
    frame = traitlets.Dict().tag(sync=True)  # {version, nrows, columns, first, sort}
    options = traitlets.Dict().tag(sync=True)  # height, selection modes, editing, ...
    selection = traitlets.Dict().tag(sync=True)  # the user's: {"selection": {rows, columns, cells}}
    edits = traitlets.Dict().tag(sync=True)  # the user's: {edited_rows, added_rows, deleted_rows}

    def __init__(self, source: Source, columns: Sequence[dict], options: dict,
                 extras: Sequence[int] = (), **traits: Any) -> None:
        self._versions = itertools.count(1)
        self._lock = threading.Lock()  # one new view at a time (a sort may take a while)
        view, shown = View(source, next(self._versions)), _shown(columns, extras)
        self._state = (view, shown)  # swapped whole: a request on another thread reads both
        super().__init__(lib=grid_library(), frame=self._frame(view, columns, options, shown),
                         options=options, **traits)
        self.on_msg(self._on_message)

    def redraw(self, source: Source, columns: Sequence[dict], options: dict,
               extras: Sequence[int] = (), *, reset: Mapping[str, dict] | None = None) -> None:
        """Show new data or settings in one message; `reset` gives the user's input that
        starts over ({"selection": ...} or {"edits": {}}). A sort by a column the new data
        still has is kept."""
        reset = dict(reset or {})
        with self._lock:
            old = self._state[0]
            sort = old.sort if old.sort is not None and options.get("sortable") and _same_column(
                old.source, source, old.sort[0]) else None
            edits = reset.get("edits", self.edits)
            view = View(source, next(self._versions), sort, _deleted(edits, source.nrows))
            shown = _shown(columns, extras)
            frame = self._frame(view, columns, options, shown)
            with self.hold_sync():
                self.frame, self.options = frame, options
                for name, value in reset.items():
                    setattr(self, name, value)
            self._state = (view, shown)

    def _frame(self, view: View, columns: Sequence[dict], options: dict, shown: Sequence[int]) -> dict:
        rows = view.nrows if view.nrows <= FIRST_ALL else _first_rows(options)
        start, count, buffers = view.window(0, rows, shown)
        return {"version": view.version, "nrows": view.nrows, "columns": list(columns),
                "extras": len(shown) - len(columns), "sort": _sort_state(view),
                "first": {"start": start, "n": count, "buffers": buffers}}

    # -- the front end's requests (any thread) ---------------------------------------------
    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("type") not in ("rows", "sort"):
            return
        view, shown = self._current(content)
        start, count, buffers = view.window(_int(content.get("start")), _int(content.get("end")), shown)
        self.send({"type": "rows", "version": view.version, "nrows": view.nrows, "start": start,
                   "n": count, "sort": _sort_state(view), "request": content.get("request")},
                  buffers)

    def _current(self, content: dict) -> tuple[View, list[int]]:
        """The view to answer from (and its columns): a new one if the request sorts, or if
        rows were deleted in the editor since the view was made."""
        state = self._state
        view = state[0]
        sort = view.sort
        if content.get("type") == "sort" and self.options.get("sortable", True):
            column, ascending = content.get("column"), content.get("ascending")
            valid = isinstance(column, int) and 0 <= column < len(view.source.columns)
            sort = (column, bool(ascending)) if valid and ascending is not None else None
        deleted = _deleted(self.edits, view.source.nrows)
        if sort == view.sort and deleted == view.hidden:
            return state
        with self._lock:
            if self._state is not state:  # redrawn meanwhile: answer from the newest
                return self._state
            self._state = (View(view.source, next(self._versions), sort, deleted), state[1])
            return self._state


def _shown(columns: Sequence[dict], extras: Sequence[int]) -> list[int]:
    """The source columns a window carries: the shown columns', then the extra columns
    (a Styler's text and CSS) they refer to by their place after them."""
    return [spec["source"] for spec in columns] + list(extras)


def _same_column(old: Source, new: Source, position: int) -> bool:
    return position < len(new.columns) and old.columns[position].name == new.columns[position].name


def _first_rows(options: dict) -> int:
    """Enough rows for the first paint at the grid's height (in whole blocks)."""
    height = options.get("height")
    rows = int(height) // max(1, int(options.get("row_height") or 35)) + 1 if isinstance(
        height, (int, float)) else 10
    return max(BLOCK, -(-rows // BLOCK) * BLOCK)


def _deleted(edits: Any, nrows: int) -> tuple[int, ...]:
    rows = edits.get("deleted_rows", ()) if isinstance(edits, dict) else ()
    return tuple(sorted({row for row in rows if isinstance(row, int) and 0 <= row < nrows}))


def _sort_state(view: View) -> dict | None:
    return None if view.sort is None else {"column": view.sort[0], "ascending": view.sort[1]}


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
