"""Layout: columns, tabs, expander, container, empty — as in Streamlit.

Each returns frame objects usable as context managers (`with col:`) and with the element
functions as methods (`col.slider(...)`, `tab.write(...)`). Their box models are created
once and updated in place on each rerun; a user's open tab or expander stays as it is.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

from .. import widgets
from ..errors import WidgetError
from ..rerun.context import RunContext, require_run
from ..rerun.frames import Frame, FrameView

_GAPS = {"small": "1rem", "medium": "2rem", "large": "4rem"}
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

        def in_block(*args: Any, **kwargs: Any) -> Any:
            with self:
                return function(*args, **kwargs)

        return in_block


class Placeholder(Block):
    """`jr.empty()`: holds one element at a time, shown at once (for progress)."""

    _held: Any = None  # the handle of the element it holds, if that has a model of its own

    def __getattr__(self, name: str) -> Any:
        draw = super().__getattr__(name)

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

    def container(self) -> Block:
        with self:
            return container()


class _BoxSet:
    """A box model holding fixed child frames (columns, tabs, an expander)."""

    def __init__(self, box: Any, views: list[FrameView], shape: Any) -> None:
        self.box, self.views, self.shape = box, views, shape

    def close(self) -> None:
        for view in self.views:
            view.close()
        widgets.close(self.box)


def columns(spec: int | Sequence[float], *, gap: str = "small",
            vertical_alignment: str = "top", border: bool = False) -> list[Block]:
    """Side-by-side columns: `spec` is how many, or their relative widths ([2, 1])."""
    run = require_run("columns")
    widths = _widths(spec)
    if gap not in _GAPS:
        raise WidgetError(f"jr.columns: gap must be 'small', 'medium' or 'large', got {gap!r}")
    boxes = _box_set(run, "columns", str(len(widths)), (tuple(widths), gap),
                     lambda views: widgets.hbox([v.box for v in views], widths, _GAPS[gap]),
                     len(widths))
    return [Block(run.touch(Frame(view))) for view in boxes.views]


def tabs(labels: Sequence[str]) -> list[Block]:
    """Tabs: one block per label."""
    run = require_run("tabs")
    if isinstance(labels, str) or not labels or not all(isinstance(x, str) for x in labels):
        raise WidgetError(f"jr.tabs: labels must be a non-empty list of strings, got {labels!r}")
    boxes = _box_set(run, "tabs", str(len(labels)), None,
                     lambda views: widgets.tab([v.box for v in views], labels), len(labels))
    if list(boxes.box.titles) != list(labels):
        boxes.box.titles = list(labels)
    return [Block(run.touch(Frame(view))) for view in boxes.views]


def expander(label: str, expanded: bool = False, *, icon: str | None = None) -> Block:
    """A section the user can fold; `expanded` is how it starts."""
    run = require_run("expander")
    if not isinstance(label, str):
        raise WidgetError(f"jr.expander: the label must be a string, got {label!r}")
    boxes = _box_set(run, "expander", label, None,
                     lambda views: widgets.accordion(views[0].box, label, bool(expanded)), 1)
    if boxes.shape != bool(expanded):  # the code changed `expanded`: apply it
        boxes.box.selected_index = 0 if expanded else None
    boxes.shape = bool(expanded)
    return Block(run.touch(Frame(boxes.views[0])))


def container(*, border: bool = False, height: int | None = None) -> Block:
    """A block to put elements in, in order, here or later in the run."""
    run = require_run("container")
    view = _view(run, "container")
    return Block(run.touch(Frame(view)))


def empty() -> Placeholder:
    """A placeholder holding one element; each new element replaces the last. Once a run
    has taken 0.1 s, each change shows at once: use it for progress
    (`status = jr.empty(); status.text("loading…")`)."""
    run = require_run("empty")
    view = _view(run, "empty")
    return Placeholder(run.touch(Frame(view, live_from=run.started + LIVE_AFTER)))


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


def _box_set(run: RunContext, kind: str, label: str, shape: Any, build: Any, count: int) -> _BoxSet:
    run.checkpoint()
    identity = run.claim(kind, label)
    boxes = run.registry.items.get(identity)
    if not isinstance(boxes, _BoxSet) or len(boxes.views) != count or (
            shape is not None and boxes.shape != shape):
        if boxes is not None:
            boxes.close()
        views = [FrameView() for _ in range(count)]
        boxes = run.registry.items[identity] = _BoxSet(build(views), views, shape)
    run.frame.add(boxes.box)
    return boxes


def _widths(spec: Any) -> list[float]:
    if isinstance(spec, numbers.Integral) and not isinstance(spec, bool):
        if spec < 1:
            raise WidgetError(f"jr.columns: the number of columns must be at least 1, got {spec}")
        return [1.0] * int(spec)
    if isinstance(spec, Sequence) and spec and all(
            isinstance(w, numbers.Real) and not isinstance(w, bool) and w > 0 for w in spec):
        return [float(w) for w in spec]
    raise WidgetError(f"jr.columns: spec is a number of columns or a list of positive widths "
                      f"like [2, 1], got {spec!r}")
