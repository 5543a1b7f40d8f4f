"""`jr.grid` and `jr.bottom`, with Streamlit 1.67's parameters.

- `grid(columns)` is a box laid out as a CSS grid: each element drawn into it is a cell;
  the columns fit `min_column_width` (200 px unless told) and, with `wrap`, drop to fewer
  when the box narrows; `grid.cell(column_span=, row_span=)` groups elements into one cell
  spanning tracks. `dense` packs cells into earlier holes.
- `bottom` is a block pinned to the bottom of the cell's box, and of the window while the
  cell is in view (in Voila the page's bottom), as chat_input is: `jr.bottom.button(...)`,
  `with jr.bottom:`. One per cell, made the first time a run draws into it.
"""

from __future__ import annotations

import numbers
import weakref
from typing import Any

from ..errors import ElementError
from ..rerun.context import RunContext, require_run
from ..rerun.frames import Frame, FrameView
from ..widgets import layout as models
from ..widgets import update_traits
from .layout import Block
from .layout_args import JUSTIFY, check_bool, check_key, css_class, gap_css, height_pixels, one_of, width_layout
from .layout_state import Boxes, boxes, restyle

__all__ = ["grid"]

AUTO_COLUMN_WIDTH = 200  # pixels: Streamlit's theme-based minimum width of a column
MAX_COLUMNS = 24


class GridContainer(Block):
    """What `jr.grid` returns: a block whose elements are cells; `.cell()` groups some."""

    def cell(self, *, column_span: int | str = 1, row_span: int = 1) -> Block:
        """One cell holding several elements, spanning `column_span` columns ("all": the
        whole row) and `row_span` rows."""
        if column_span != "all" and (isinstance(column_span, bool) or not isinstance(
                column_span, numbers.Integral) or not 1 <= column_span <= MAX_COLUMNS):
            raise ElementError(f"grid.cell: column_span is 'all' or a whole number from 1 to "
                               f"{MAX_COLUMNS}, got {column_span!r}")
        if isinstance(row_span, bool) or not isinstance(row_span, numbers.Integral) or row_span < 1:
            raise ElementError(f"grid.cell: row_span is a whole number of at least 1, got {row_span!r}")
        layout = {"grid_column": "1 / -1" if column_span == "all" else f"span {int(column_span)}",
                  "grid_row": f"span {int(row_span)}"}
        with self:
            run = require_run("grid.cell")
            props = {"layout": layout}

            def build() -> Boxes:
                view = FrameView(models.box(["jr-layout-cell"], layout))
                return Boxes(view.box, [view], props)

            item = boxes(run, "grid_cell", "", None, props, build)
            restyle(run, item, props, lambda props: update_traits(item.box, props))
            return Block(run.touch(Frame(item.views[0])))


def grid(columns: int | str = "auto", *, min_column_width: int | str = "auto", wrap: bool = True,
         gap: Any = "small", vertical_alignment: str = "top", border: bool = False,
         row_height: int | str = "content", width: Any = "stretch", height: Any = "content",
         key: Any = None, dense: bool = False) -> GridContainer:
    """A responsive grid of cells: cards, metric walls, galleries (see the module docstring)."""
    run = require_run("grid")
    count = _columns(columns)
    check_bool("grid", "wrap", wrap)
    check_bool("grid", "border", border)
    check_bool("grid", "dense", dense)
    if not wrap and count is None:
        raise ElementError("jr.grid: wrap=False needs a number of columns to keep; pass "
                           "columns=N, or remove wrap=False")
    smallest = _pixels("min_column_width", min_column_width, AUTO_COLUMN_WIDTH)
    rows = _pixels("row_height", row_height, None, word="content")
    row_gap, column_gap = _gaps(gap)
    align = JUSTIFY[one_of("grid", "vertical_alignment", vertical_alignment,
                           ("top", "center", "bottom"))]
    key = check_key("grid", key)
    pixels = height_pixels("grid", height)
    props = {"classes": ["jr-layout-grid"] + ["jr-layout-grid-border"] * bool(border)
             + ([f"st-key-{css_class(key)}"] if key is not None else []),
             "layout": {**width_layout("grid", width),
                        "display": "grid", "grid_template_columns": _tracks(count, smallest, wrap, column_gap),
                        "grid_auto_rows": f"{rows}px" if rows else None,
                        "grid_auto_flow": "row dense" if dense else "row",
                        "grid_gap": f"{row_gap} {column_gap}", "align_items": align,
                        "height": f"{pixels}px" if pixels else None,
                        "overflow": "auto" if pixels or not wrap else None}}

    def build() -> Boxes:
        view = FrameView(models.box(props["classes"], props["layout"]))
        return Boxes(view.box, [view], props)

    item = boxes(run, "grid", "", key, props, build)
    restyle(run, item, props, lambda props: update_traits(item.box, props))
    return GridContainer(run.touch(Frame(item.views[0])))


def _columns(columns: Any) -> int | None:
    if columns == "auto":
        return None
    if isinstance(columns, bool) or not isinstance(columns, numbers.Integral) or not (
            1 <= columns <= MAX_COLUMNS):
        raise ElementError(f"jr.grid: columns is 'auto' or a whole number from 1 to "
                           f"{MAX_COLUMNS}, got {columns!r}")
    return int(columns)


def _pixels(name: str, value: Any, auto: int | None, word: str = "auto") -> int | None:
    if value == word:
        return auto
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ElementError(f"jr.grid: {name} is {word!r} or a whole number of pixels, got {value!r}")
    return int(value)


def _gaps(gap: Any) -> tuple[str, str]:
    """Streamlit's gap: one size for both, or (row gap, column gap)."""
    if isinstance(gap, (tuple, list)):
        if len(gap) != 2:
            raise ElementError(f"jr.grid: a gap pair is (row gap, column gap), got {gap!r}")
        return gap_css("grid", gap[0]), gap_css("grid", gap[1])
    return gap_css("grid", gap), gap_css("grid", gap)


def _tracks(count: int | None, smallest: int, wrap: bool, gap: str) -> str:
    if count is None:
        return f"repeat(auto-fill, minmax(min(100%, {smallest}px), 1fr))"
    if not wrap:
        return f"repeat({count}, minmax({smallest}px, 1fr))"
    # at most `count` columns, fewer when a column would be narrower than `smallest`
    share = f"calc((100% - {count - 1} * {gap}) / {count})"
    return f"repeat(auto-fill, minmax(min(100%, max({smallest}px, {share})), 1fr))"


class Bottom(Block):
    """`jr.bottom`: a block whose frame is the current run's bottom frame."""

    def __init__(self) -> None:  # no frame of its own: each run has one (see _frame)
        pass

    @property
    def _frame(self) -> Frame:  # type: ignore[override]
        return _bottom_frame(require_run("bottom"))

    def __repr__(self) -> str:
        return "<jupyter_rerun bottom>"


_IDENTITY = ("bottom",)  # one per cell
_frames: weakref.WeakKeyDictionary[RunContext, Frame] = weakref.WeakKeyDictionary()


def _bottom_frame(run: RunContext) -> Frame:
    frame = _frames.get(run)
    if frame is not None:
        return frame
    run.checkpoint()
    run.used.add(_IDENTITY)
    item = run.registry.items.get(_IDENTITY)
    if not isinstance(item, Boxes):
        view = FrameView(models.box(["jr-bottom", "jr-chat-bottom"]))  # chat.css pins it
        item = run.registry.items[_IDENTITY] = Boxes(view.box, [view], {})
    frame = Frame(item.views[0])
    if run.fragment is None:
        run.root.add(item.box)
        frame = run.touch(frame)
    _frames[run] = frame
    return frame


bottom = Bottom()
