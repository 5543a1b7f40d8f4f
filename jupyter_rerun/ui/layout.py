"""Layout: columns, container, empty and space, with Streamlit 1.67's parameters.

Each container returns frame objects usable as context managers (`with col:`) and with the
element functions as methods (`col.slider(...)`, `tab.write(...)`). Their box models are
created once and updated in place on each rerun (a changed gap or border is one update of
the box's layout, nothing when nothing changed). Expanders and tabs are in sections.py,
popovers and dialogs in overlays.py, the sidebar in sidebar.py; layout.css draws them.

The gaps, alignments, borders and heights are CSS of the boxes; how Streamlit's sizes map:
a gap "small" is 1rem, ... "xxlarge" 8rem, an int is pixels, None no gap. Elements of a
vertical container keep the spacing they have everywhere in a cell (Streamlit's "small"),
so there `gap` adds what it asks for beyond that.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Sequence
from typing import Any

from ..errors import ElementError
from ..rerun.context import RunContext, require_run
from ..rerun.frames import Frame, FrameView
from ..widgets import layout as models
from ..widgets import update_traits
from .element import Handle, show
from .layout_args import (
    HORIZONTAL, JUSTIFY, SPACES, VERTICAL, check_bool, check_key, css_class, gap_css,
    height_pixels, one_of, width_layout,
)
from .layout_state import Boxes, boxes, restyle

__all__ = ["columns", "container", "empty", "space"]

LIVE_AFTER = 0.1  # seconds into a run from which a placeholder shows each change at once


class Block:
    """A place elements go: `with block:` or `block.write(...)`, `block.slider(...)`, ..."""

    def __init__(self, frame: Frame) -> None:
        self._frame = frame

    def __enter__(self) -> Block:
        require_run("container").push(self._frame)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        require_run("container").pop(self._frame)

    def __getattr__(self, name: str) -> Any:
        from . import elements

        function = elements().get(name)
        if function is None:
            raise AttributeError(f"{type(self).__name__} has no element {name!r}; "
                                 f"elements: {', '.join(sorted(elements()))}")

        @functools.wraps(function)  # col.slider? shows jr.slider's signature and docstring
        def in_block(*args: Any, **kwargs: Any) -> Any:
            with self:
                return function(*args, **kwargs)

        return in_block

    def __dir__(self) -> list[str]:  # Tab completion offers the elements: col.<Tab>
        from . import elements

        return sorted({*super().__dir__(), *elements()})


class Placeholder(Block):
    """`jr.empty()`: holds one element at a time, shown at once (for progress)."""

    _held: Any = None  # the handle of the element it holds, if that has a model of its own

    def __getattr__(self, name: str) -> Any:
        draw = super().__getattr__(name)

        @functools.wraps(draw)
        def in_place(*args: Any, **kwargs: Any) -> Any:
            # the next element takes the place of the one it holds, as in Streamlit: in a
            # loop, `placeholder.progress(i)` updates one bar's model, it does not make more
            held = self._held
            result = held.redraw(draw, *args, **kwargs) if held is not None else draw(*args, **kwargs)
            self._held = result if getattr(result, "element", None) is not None else None
            return result

        return in_place

    def empty(self) -> None:
        self._frame.clear()
        self._held = None

    def container(self, **options: Any) -> Block:
        with self:
            return container(**options)


def columns(spec: int | Sequence[float], *, gap: str | int | None = "small",
            vertical_alignment: str = "top", border: bool = False, width: Any = "stretch",
            wrap: bool = True) -> list[Block]:
    """Side-by-side columns: `spec` is how many, or their relative widths ([2, 1]).
    `wrap`: on a window at most 640px wide they stack, as Streamlit's do."""
    run = require_run("columns")
    widths = _widths(spec)
    props = {"widths": tuple(widths), "gap": gap_css("columns", gap),
             "align": JUSTIFY[one_of("columns", "vertical_alignment", vertical_alignment,
                                     ("top", "center", "bottom"))],
             "border": bool(border), "wrap": _wrap("columns", wrap),
             "width": width_layout("columns", width)}

    def build() -> Boxes:
        views = [FrameView(models.box(**_column_style(props, weight))) for weight in widths]
        return Boxes(models.row([view.box for view in views], **_row_style(props)), views, props)

    item = boxes(run, "columns", str(len(widths)), None, props, build,
                 fits=lambda item: len(item.views) == len(widths))
    restyle(run, item, props, lambda props: _style_columns(item, props))
    return [Block(run.touch(Frame(view))) for view in item.views]


def _row_style(props: dict[str, Any]) -> dict[str, Any]:
    return {"classes": ["jr-columns"] + ["jr-wrap"] * props["wrap"],
            "layout": {**props["width"], "grid_gap": props["gap"]}}


def _column_style(props: dict[str, Any], weight: float) -> dict[str, Any]:
    return {"classes": ["jr-column"] + ["jr-border"] * props["border"],
            "layout": {"width": "100%", "min_width": "0", "flex": f"{weight} 1 0",
                       "justify_content": props["align"]}}


def _style_columns(item: Boxes, props: dict[str, Any]) -> None:
    update_traits(item.box, _row_style(props))
    for view, weight in zip(item.views, props["widths"]):
        update_traits(view.box, _column_style(props, weight))


def container(*, border: bool | None = None, key: Any = None, width: Any = "stretch",
              height: Any = "content", horizontal: bool = False, wrap: bool = True,
              horizontal_alignment: str = "left", vertical_alignment: str = "top",
              gap: str | int | None = "small", autoscroll: bool | None = None) -> Block:
    """A block to put elements in, in order, here or later in the run. `height` in pixels
    makes it a box that scrolls (with a border, unless `border=False`); `horizontal` lays
    its elements out in a row (wrapping unless `wrap=False`). `autoscroll` is accepted."""
    run = require_run("container")
    one_of("container", "horizontal_alignment", horizontal_alignment, HORIZONTAL)
    one_of("container", "vertical_alignment", vertical_alignment, VERTICAL)
    if not _wrap("container", wrap) and not horizontal:
        raise ElementError("jr.container: `wrap=False` and `horizontal=False` cannot be used "
                           "together: a vertical container has no row to keep on one line; set "
                           "horizontal=True to use wrap=False, or remove the wrap argument")
    if autoscroll is not None:
        check_bool("container", "autoscroll", autoscroll)
    key = check_key("container", key)
    pixels = height_pixels("container", height)
    framed = border if border is not None else pixels is not None
    props = {"classes": (["jr-container"] + ["jr-border"] * bool(framed)
                         + (["jr-horizontal"] + ["jr-nowrap"] * (not wrap) if horizontal else [])),
             "layout": {**width_layout("container", width, content=True),
                        **_flow(bool(horizontal), wrap, horizontal_alignment, vertical_alignment,
                                gap_css("container", gap)),
                        "height": f"{pixels}px" if pixels else None,
                        "overflow": "auto" if pixels or (horizontal and not wrap) else None}}
    keyed = [f"st-key-{css_class(key)}"] if key is not None else []  # Streamlit's class

    def build() -> Boxes:
        view = FrameView(models.box(keyed + props["classes"], props["layout"]))
        return Boxes(view.box, [view], props)

    item = boxes(run, "container", "", key, props, build)
    restyle(run, item, props, lambda props: update_traits(item.box, props))
    return Block(run.touch(Frame(item.views[0])))


def _flow(horizontal: bool, wrap: bool, across: str, down: str, gap: str) -> dict[str, Any]:
    """The flexbox of a container: which way its elements go, how they align, the gap."""
    if horizontal:
        return {"flex_flow": "row wrap" if wrap else "row nowrap", "justify_content": JUSTIFY[across],
                "align_items": "stretch" if down == "distribute" else JUSTIFY[down],
                "grid_gap": gap}
    return {"flex_flow": "column nowrap", "justify_content": JUSTIFY[down],
            "align_items": None if across in ("left", "distribute") else JUSTIFY[across],
            "grid_gap": f"max(0px, calc({gap} - 1rem))" if gap not in ("0px", "1rem") else None}


def _wrap(element: str, wrap: Any) -> bool:
    if isinstance(wrap, bool):
        return wrap
    raise ElementError(f"jr.{element}: Invalid `wrap` value {wrap!r}; pass True or False")


def empty() -> Placeholder:
    """A placeholder holding one element; each new element replaces the last. Once a run
    has taken 0.1 s, each change shows at once: use it for progress
    (`status = jr.empty(); status.text("loading…")`)."""
    run = require_run("empty")
    view = _view(run, "empty")
    return Placeholder(run.touch(Frame(view, live_from=run.started + LIVE_AFTER)))


def space(size: str | int = "small") -> Handle:
    """Empty space: down the page in a vertical container, across in a horizontal one.
    "small" (0.75rem, a label's height) ... "xxlarge" (8rem), pixels, or "stretch" (what
    is left of the container's row)."""
    stretch = size == "stretch"
    if not stretch and not (isinstance(size, str) and size in SPACES) and not (
            isinstance(size, numbers.Integral) and size > 0):
        raise ElementError(f"jr.space: Invalid `size` value {size!r}; pass 'stretch', "
                           f"{', '.join(repr(name) for name in SPACES)} or a positive integer (pixels)")
    length = None if stretch else SPACES.get(size) or f"{int(size)}px"  # type: ignore[arg-type]
    props = {"classes": ["jr-space"] + ["jr-space-stretch"] * stretch,
             "layout": {"width": length, "height": length}}
    return show("space", props, lambda props: models.spacer(props["layout"], props["classes"]))


def _view(run: RunContext, kind: str) -> FrameView:
    run.checkpoint()
    identity = run.claim(kind, "")
    view = run.registry.items.get(identity)
    if not isinstance(view, FrameView):
        view = run.registry.items[identity] = FrameView()
    # called on an element's handle (`bar.empty()`), it takes that element's place, as in
    # Streamlit: the bar is gone, an empty placeholder stands where it was
    run.place(view.box, run.take_replacement())
    return view


def _widths(spec: Any) -> list[float]:
    if isinstance(spec, numbers.Integral) and not isinstance(spec, bool):
        if spec < 1:
            raise ElementError(f"jr.columns: the number of columns must be at least 1, got {spec}; "
                               "pass a positive integer or a list of positive widths like [2, 1]")
        return [1.0] * int(spec)
    if isinstance(spec, Sequence) and spec and all(
            isinstance(w, numbers.Real) and not isinstance(w, bool) and w > 0 for w in spec):
        return [float(w) for w in spec]
    raise ElementError(f"jr.columns: spec is a number of columns or a list of positive widths "
                       f"like [2, 1], got {spec!r}")
