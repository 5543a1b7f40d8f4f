"""The run in progress: where its elements go, what it drew, what it read.

Element functions (`jr.slider`, `jr.write`, `jr.columns`, ...) find the run through
`current_run()`. Every one of them is a *checkpoint*: if newer input has arrived for the
cell, the run stops there and the cell starts over with the newest values.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from ..errors import RerunError
from .frames import Frame

Identity = tuple  # ("key", key) or (kind, label, nth occurrence in the run)

# A quick run shows only its final state. From LIVE_AFTER seconds into a run on, what it
# draws shows as it is drawn (a progress bar, a chart a loop extends), at most every
# LIVE_EVERY seconds, with the last run's elements it has not redrawn yet dimmed after it.
LIVE_AFTER = 0.15
LIVE_EVERY = 1 / 30


class StopRun(BaseException):
    """`jr.stop()`: end this run quietly. (A BaseException, so `except Exception` in the
    cell does not swallow it.)"""

    def _render_traceback_(self) -> list[str]:
        return []  # outside a %%rerun cell, it ends the cell without a traceback


class RerunRequested(BaseException):
    """Start this cell over: `jr.rerun()`, or newer input arrived (`superseded`)."""

    def __init__(self, superseded: bool) -> None:
        super().__init__("superseded by newer input" if superseded else "jr.rerun()")
        self.superseded = superseded


class DuplicateWidgetError(RerunError, ValueError):
    """Two widgets with the same key in one run."""


class Registry:
    """What a binding drew, kept across runs by identity: widget entries and frame views.
    Each item has `close()`."""

    def __init__(self) -> None:
        self.items: dict[Identity, Any] = {}

    def sweep(self, used: set[Identity]) -> None:
        """Close what a finished run did not draw."""
        for identity in [i for i in self.items if i not in used]:
            self.items.pop(identity).close()

    def close(self) -> None:
        self.sweep(set())


class RunContext:
    """One run of one binding. It is also the output target its prints are routed to."""

    def __init__(self, binding: Any, registry: Registry, superseded: Callable[[], bool],
                 view: Any = None) -> None:
        self.binding = binding
        self.registry = registry
        self.recordings: list[Any] = []  # cached calls computing now (caching/replay.py)
        # `view`: the fragment's box, in a run of one fragment alone (rerun/fragment_runs.py)
        self.root = self._watch(Frame(view if view is not None else binding.view))
        self._stack = [self.root]
        self._touched = [self.root]  # frames to commit, parents before children
        self._counts: Counter[tuple] = Counter()
        self._superseded = superseded
        self.thread = threading.get_ident()
        self.started = time.monotonic()
        self.used: set[Identity] = set()
        self.locked_keys: set[str] = set()  # keys of widgets drawn in this run
        self.written: set[str] = set()  # session_state keys set in this run (callbacks too)
        self.reads: set[str] = set()  # session_state keys this run read
        self.clicked: set[Identity] = set()  # buttons whose click this run answers
        self.in_callback = False  # a widget callback runs (before the body)
        self.fragment: Any = None  # the fragment this run reruns alone, if it does
        self.scope: list[Identity] = []  # the fragments being drawn, innermost last
        self.owners: dict[Identity, Identity] = {}  # identity -> the fragment that drew it
        self._outside: dict[int, Frame] = {}  # id(a frame of the cell's run) -> stand-in (push)
        self._shown_live = 0.0  # time.monotonic() of the last live drawing
        # live drawing may also come from a timer thread (jr.spinner, jr.status drawn once
        # the run turns slow while its code is busy): one drawing at a time
        self._drawing = threading.RLock()
        # elements whose props changed: applied when the run shows (a quick run sends only
        # its final state; a loop updating a progress bar sends at most every LIVE_EVERY)
        self.updates: dict[int, Callable[[], None]] = {}
        self._replacing: Any = None  # a Handle whose element the next element replaces

    # -- where elements go ----------------------------------------------------------------
    @property
    def frame(self) -> Frame:
        return self._stack[-1]

    def push(self, frame: Frame) -> None:
        """Elements go into `frame` until the matching `pop` (`with block:`).

        A run of a fragment alone draws nothing new into a box made outside the fragment
        (a column of the cell's last run): what it draws there again updates in place,
        what is new shows at the cell's next run. (Adding to that run's frame would grow
        it on every tick and redraw the cell from that run.)"""
        if self.fragment is not None and frame not in self._touched:
            self._outside[id(frame)] = scratch = Frame(frame.view)  # never committed
            scratch.form = frame.form
            frame = scratch
        self._stack.append(frame)

    def pop(self, frame: Frame) -> None:
        frame = self._outside.pop(id(frame), frame)
        if len(self._stack) > 1 and self._stack[-1] is frame:
            self._stack.pop()

    def touch(self, frame: Frame) -> Frame:
        """Remember to commit `frame` when the run ends. A block made inside a form is in
        that form (Frame.form)."""
        if frame.form is None:
            frame.form = self.frame.form
        self._touched.append(frame)
        for recording in self.recordings:
            recording.touched(frame)
        return self._watch(frame)

    def frame_for(self, view: Any) -> Frame:
        """This run's frame for `view` (a box drawn in it), else the current frame."""
        return next((frame for frame in reversed(self._touched) if frame.view is view), self.frame)

    # -- recording what cached functions draw (replayed on their hits) --------------------
    def _watch(self, frame: Frame) -> Frame:
        frame.on_add = self._added
        return frame

    def _added(self, frame: Frame, element: Any) -> None:
        for recording in self.recordings:
            recording.added(frame, element)
        self.show_live()

    def show_live(self, now: bool = False) -> None:
        """In a slow run, show what it drew so far (see LIVE_AFTER); `now`: whatever the
        clock says (a spinner shown from its timer, or taken away when its block ends)."""
        moment = time.monotonic()
        if not now and (moment - self.started < LIVE_AFTER or moment - self._shown_live < LIVE_EVERY):
            return
        with self._drawing:
            self._shown_live = moment
            self._apply_updates()
            for frame in reversed(self._touched):
                frame.commit(partial=True)

    def defer(self, key: int, apply: Callable[[], None]) -> None:
        """Update an element's model when the run shows (the newest update of it wins)."""
        with self._drawing:
            self.updates[key] = apply
        self.show_live()

    def _apply_updates(self) -> None:
        updates, self.updates = self.updates, {}
        for apply in updates.values():
            apply()

    # -- placing an element: appended to the current frame, or replacing one --------------
    def replacing(self, handle: Any) -> Any:
        """The next element drawn takes the place (and identity) of `handle`'s element."""
        self._replacing = handle
        return handle

    def take_replacement(self) -> Any:
        handle, self._replacing = self._replacing, None
        return handle

    def place(self, item: Any, handle: Any = None) -> tuple[Frame, int]:
        """Put an element's view (or output buffer) in the current frame, or where
        `handle`'s element is; return where it went."""
        if handle is not None and handle.frame.replace(handle.index, item):
            return handle.frame, handle.index
        self.frame.add(item)
        return self.frame, len(self.frame.elements) - 1

    def drew_widget(self, function: str) -> None:
        """A widget was drawn: a cached function computing now warns (CachedWidgetWarning)."""
        for recording in self.recordings:
            recording.widgets.append(function)

    def commit(self) -> None:
        with self._drawing:
            self._apply_updates()
            for frame in reversed(self._touched):  # children first: no half-built box shows
                frame.commit()

    # -- identity -------------------------------------------------------------------------
    def claim(self, kind: str, label: str, key: str | None = None) -> Identity:
        """The identity of the next element of this kind and label (or with this key)."""
        if key is not None:
            identity: Identity = ("key", key)
            if identity in self.used:
                raise DuplicateWidgetError(
                    f"two widgets in this run have key={key!r}; keys must be unique, "
                    "give one of them another key")
        else:
            # inside a fragment, numbered within it: the same whether it runs alone or as
            # part of the cell's run
            where = tuple(self.scope[-1:])
            nth = self._counts[(*where, kind, label)]
            self._counts[(*where, kind, label)] += 1
            identity = (*where, kind, label, nth)
        self.used.add(identity)
        if self.scope:
            self.owners[identity] = self.scope[-1]
        for recording in self.recordings:
            recording.claimed(kind, label, key, identity)
        return identity

    # -- supersession ---------------------------------------------------------------------
    def checkpoint(self) -> None:
        """Stop here if newer input arrived for this cell (it starts over with it)."""
        if self._superseded():
            raise RerunRequested(superseded=True)

    # -- the output target protocol (prints and displays land in the current frame) -------
    def stream(self, name: str, text: str) -> None:
        self.frame.output().stream(name, text)

    def display(self, data: dict, metadata: dict, display_id: str | None, update: bool) -> None:
        self.frame.output().display(data, metadata, display_id, update)

    def clear(self) -> None:
        self.frame.output().clear()


_current: ContextVar[RunContext | None] = ContextVar("jupyter_rerun_run", default=None)


def current_run() -> RunContext | None:
    """The run in progress in this context, if any."""
    return _current.get()


@contextmanager
def running(context: RunContext) -> Iterator[RunContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def require_run(function: str) -> RunContext:
    """The current run, or a clear error naming the fix."""
    context = _current.get()
    if context is None:
        from .. import runtime

        fix = ("put %%rerun on the first line of this cell" if runtime.current() is not None
               else "run %load_ext jupyter_rerun, then put %%rerun on the first line of this cell")
        raise RerunError(f"jr.{function}() works inside a %%rerun cell, which reruns when its "
                         f"widgets change: {fix}")
    return context
