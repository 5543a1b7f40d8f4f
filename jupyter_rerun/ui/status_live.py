"""jr.spinner and jr.status: elements that say a block of the run is busy.

A %%rerun run shows what it drew when it ends or, once it has taken LIVE_AFTER seconds, as
each element is drawn. A block busy in code of its own (`time.sleep`, a query) draws
nothing meanwhile, so each of these, on entering its block, sets a timer: if the block is
still busy once the run has turned slow (and the block has lasted a frame, LIVE_EVERY),
the timer draws the run as it is. A quick run never shows a spinner.

- `spinner` holds a place in its frame (an empty output); the timer puts the spinner
  there, and leaving the block empties it again, drawn at once.
- `status` is a container: an accordion whose header shows its label and its state
  (running, complete, error: static/status.css draws the icons), changed by `update()`.
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from html import unescape
from typing import Any

from .. import widgets
from ..capture import OutputBuffer
from ..errors import ElementError
from ..rerun import context
from ..rerun.context import RunContext, current_run, require_run
from ..rerun.frames import Frame, FrameView
from ..widgets import status as models
from .layout import Block
from .markdown import to_html
from .status_format import box, clean_text, markdown_html, standalone, width_style

_STATES = ("running", "complete", "error")
_TYPES = ("default", "compact", "step")


class _Busy:
    """A block of a run whose code may keep the run busy: once the run is slow, a timer
    thread calls `draw()` and shows the run as it is (unless the block has ended)."""

    def __init__(self, run: RunContext, draw: Callable[[], None] = lambda: None) -> None:
        self._run, self._draw = run, draw
        self._lock = threading.Lock()
        self._inside, self.drawn = True, False
        delay = max(run.started + context.LIVE_AFTER - time.monotonic(), context.LIVE_EVERY)
        self._timer = threading.Timer(delay, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._inside:
                self._draw()
                self.drawn = True
                self._run.show_live(now=True)

    def leave(self, undraw: Callable[[], None] = lambda: None) -> None:
        """The block ended: no more drawing from the timer; if it drew, `undraw()` and
        show that at once."""
        self._timer.cancel()
        with self._lock:
            self._inside = False
            if self.drawn:
                undraw()
                self._run.show_live(now=True)


@contextlib.contextmanager
def spinner(text: str = "In progress...", *, show_time: bool = False, _cache: bool = False,
            width: Any = "content") -> Iterator[None]:
    """A spinner with `text` (markdown) while the block runs: `with jr.spinner("Wait…"):`,
    or as a decorator, `@jr.spinner("Loading…")`. `show_time` adds the seconds elapsed;
    `width` is "content", "stretch" or pixels. In a %%rerun cell it shows once the run has
    taken 0.15 s, while the block is still busy, and is gone when the block ends."""
    width_style("spinner", width, content=True)
    label = clean_text(text)
    html = _spinner_html(label, show_time, width)
    run = current_run()
    if run is None:
        with _shown_in_plain_cell(html, label):
            yield
        return
    run.checkpoint()
    place = OutputBuffer()
    run.place(place, run.take_replacement())

    def draw() -> None:
        place.display({"text/html": html, "text/plain": label}, {}, None, False)

    busy = _Busy(run, draw)
    try:
        yield
    finally:
        busy.leave(place.clear)


def _spinner_html(label: str, show_time: bool, width: Any) -> str:
    # shown in an output, whose HTML the front end sanitises: classes, not inline styles
    # (a width in pixels is a plain `width`, which it keeps); the browser counts the seconds
    # (static/status.css) from when the spinner is drawn
    style, mode = (f"width:{int(width)}px;max-width:100%", "pixels") if isinstance(width, int) else ("", width)
    clock = '<span class="jr-spinner-time"></span>' if show_time else ""
    return box(f"jr-spinner-box jr-width-{mode}", style, '<span class="jr-spinner-icon"></span>',
               markdown_html(label, inline=True), clock, role="status")


@contextlib.contextmanager
def _shown_in_plain_cell(html: str, text: str) -> Iterator[None]:
    """Outside a %%rerun cell: shown at once under the cell, blanked when the block ends."""
    if "ipykernel" not in sys.modules:
        yield  # plain Python: nothing to draw in
        return
    from IPython.display import display, update_display

    shown = display({"text/html": standalone(html), "text/plain": text}, raw=True, display_id=True)
    try:
        yield
    finally:
        update_display({"text/plain": ""}, raw=True, display_id=shown.display_id)


class _StatusBox:
    """A status container kept across runs: its accordion, the frame view inside it, and
    what the code last asked it to show (applied when the run shows)."""

    def __init__(self, label: str, expanded: bool, state: str, kind: str, pixels: int | None):
        self.label, self.state, self.kind, self.pixels = label, state, kind, pixels
        self.expanded = expanded  # as the code last said: the user's toggle stays till it changes
        self._open: bool | None = None  # to apply: open (True), close (False), leave (None)
        self.view = FrameView()
        self.box = models.status_box(self.view.box, label, expanded, self._classes(), pixels)

    def want(self, *, label: str | None = None, expanded: Any = None, state: str | None = None,
             **layout: Any) -> None:
        self.label = self.label if label is None else label
        self.state = state or self.state
        if expanded is not None and bool(expanded) != self.expanded:
            self.expanded = self._open = bool(expanded)
        self.kind, self.pixels = layout.get("kind", self.kind), layout.get("pixels", self.pixels)

    def _classes(self) -> list[str]:
        return ["jr-status", f"jr-status-{self.state}", f"jr-status-type-{self.kind}"]

    def apply(self) -> None:
        models.update_status_box(self.box, self.label, self._classes(), self._open, self.pixels)
        self._open = None

    def close(self) -> None:
        self.view.close()
        widgets.close(self.box)


class StatusContainer(Block):
    """What `jr.status` returns: a container (`with status:`, `status.write(...)`) whose
    header shows a label and a state; `update()` changes them."""

    def __init__(self, run: RunContext, frame: Frame, item: _StatusBox) -> None:
        super().__init__(frame)
        self._run, self._item = run, item
        self._busy: _Busy | None = None

    def update(self, *, label: str | None = None, expanded: bool | None = None,
               state: str | None = None) -> None:
        """Change the label, whether it is open, or the state ("running", "complete",
        "error"); what is None stays as it is."""
        if state is not None:
            _check("state", state, _STATES)
        self._item.want(label=None if label is None else _label_text(label),
                        expanded=expanded, state=state)
        self._run.defer(id(self._item), self._item.apply)

    def __getattr__(self, name: str) -> Any:
        # an element method (`status.write(...)`) draws inside it, but is not a `with` block:
        # it must not mark the status complete
        return getattr(Block(self._frame), name)

    def __enter__(self) -> StatusContainer:
        super().__enter__()
        self._busy = _Busy(self._run)
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> bool:
        """Leaving the block: still "running" becomes "complete", or "error" if the block
        raised (as in Streamlit); the exception goes on."""
        if self._item.state == "running":
            self.update(state="complete" if kind is None else "error")
        super().__exit__(kind, error, traceback)
        if self._busy is not None:
            self._busy.leave()
            self._busy = None
        return False


def status(label: str, *, expanded: bool = False, state: str = "running", type: str = "default",
           width: Any = "stretch") -> StatusContainer:
    """A container for the steps of a long task, with its state in the header: "running"
    (a spinner), "complete" (a check) or "error". Used as `with jr.status("Downloading…"):`
    it is complete when the block ends, or error if it raises. `expanded`: open at first;
    `type`: "default" or "compact" (no border; "step" is drawn as "default"); `width`:
    "stretch" or pixels."""
    run = require_run("status")
    _check("state", state, _STATES)
    _check("type", type, _TYPES)
    width_style("status", width)
    pixels = width if isinstance(width, int) else None
    run.checkpoint()
    identity = run.claim("status", "")
    item = run.registry.items.get(identity)
    if isinstance(item, _StatusBox):
        item.want(label=_label_text(label), expanded=expanded, state=state, kind=type, pixels=pixels)
        run.defer(id(item), item.apply)
    else:
        if item is not None:
            item.close()
        item = run.registry.items[identity] = _StatusBox(
            _label_text(label), bool(expanded), state, type, pixels)
    run.frame.add(item.box)
    return StatusContainer(run, run.touch(Frame(item.view)), item)


def _check(parameter: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        words = ", ".join(repr(name) for name in allowed)
        raise ElementError(f"jr.status: {parameter}={value!r} is not one of {words}; pass one of them")


def _label_text(label: Any) -> str:
    """A label's markdown as the plain text an accordion header shows (`**Done**` -> Done)."""
    text = clean_text(label) if label is not None else ""
    return unescape(re.sub(r"<[^>]+>", "", to_html(text, inline=True)))
