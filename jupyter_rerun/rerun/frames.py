"""A run's layout. Every place elements go (the cell itself, a column, a tab, an expander, a
container, a placeholder) is a *frame*: a box model that lives across runs (`FrameView`)
filled by one run's elements (`Frame`). Committing a frame updates its box in place."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from .. import widgets
from ..capture import Output, OutputBuffer
from ..page import under_voila

Element = Any  # an OutputBuffer or a widget model


class FrameView:
    """The persistent part of a frame: its box, and the output slots shown in it.

    `show(elements)` lays out a run's elements without re-creating anything: the k-th
    output element of every run lands in the same Output slot, a slot is re-sent only when
    its outputs differ from what it last showed, and the box's children are re-sent only
    when the list of models changes. A run that changes nothing sends nothing.
    """

    def __init__(self, box: Any = None) -> None:
        self.box = box if box is not None else widgets.vbox()
        self._slots: list[Any] = []
        self._shown: list[tuple[Output, ...]] = []  # what each slot last sent, by ordinal
        self._children: list[Any] = []  # the models a whole run last showed
        self._stale: list[Any] = []  # the last run's models still shown, dimmed

    def show(self, elements: Sequence[Element], partial: bool = False) -> None:
        """Lay out a run's elements. `partial`: the run is still going (live drawing), so
        what the last run showed and this one has not drawn yet stays, dimmed, after them
        (as Streamlit shows a slow rerun)."""
        children = []
        ordinal = 0
        for element in elements:
            if isinstance(element, OutputBuffer):
                outputs = element.snapshot()
                slot = self._slot(ordinal, outputs)
                ordinal += 1
                if outputs:
                    children.append(slot)
            else:
                children.append(element)
        # a model closed since the last run showed it (an element replaced by one of another
        # kind, `slot.write(...)` on a skeleton) is gone, not stale
        stale = [model for model in self._children if model not in children
                 and getattr(model, "comm", None) is not None] if partial else []
        self._dim(stale)
        if not partial:
            self._children = children
        self._set_children(children + stale)

    def _dim(self, stale: list[Any]) -> None:
        for model in self._stale:
            if model not in stale:
                widgets.set_stale(model, False)
        for model in stale:
            if model not in self._stale:
                widgets.set_stale(model, True)
        self._stale = stale

    def _set_children(self, children: list[Any]) -> None:
        widgets.set_children(self.box, children)

    def _slot(self, ordinal: int, outputs: tuple[Output, ...]) -> Any:
        if ordinal == len(self._slots):
            self._slots.append(widgets.output_slot())
            self._shown.append(())
        slot = self._slots[ordinal]
        # Compare with what we sent, not with `slot.outputs`: JupyterLab may sync its
        # rendered copy back into that trait, which need not be equal to ours.
        if outputs and outputs != self._shown[ordinal]:
            widgets.set_outputs(slot, outputs)
            self._shown[ordinal] = outputs
        return slot

    def close(self) -> None:
        for slot in self._slots:
            widgets.close(slot)
        widgets.close(self.box)
        self._slots.clear()
        self._shown.clear()


class CellView(FrameView):
    """The root frame: the container a %%rerun cell shows, with a note under it."""

    def __init__(self) -> None:
        super().__init__(widgets.container())
        # the two grey lines are made when they first have text: most cells on a Voila
        # page never show either, and each would be a model for the page to make
        self._note: Any = None
        self._note_text = ""
        self._status: Any = None
        self._status_text = ""
        self._body: list[Any] = []
        self._lock = threading.Lock()  # the status line is set from a timer thread

    def _set_children(self, children: list[Any]) -> None:
        with self._lock:
            self._body = children
            extra = ([self._status] if self._status_text else []) + (
                [self._note] if self._note_text else [])
            widgets.set_children(self.box, [widgets.stylesheet(), *children, *extra])

    def set_status(self, text: str) -> None:
        """A transient line under the outputs (e.g. a cache miss's spinner); "" hides it."""
        if text != self._status_text:
            self._status_text = text
            self._status = self._line(self._status, text)
            self._set_children(self._body)

    def set_note(self, text: str) -> None:
        """The small grey line under the outputs ("reruns on: s, t"): for the notebook's
        authors, so not on a Voila page, which is for viewers."""
        if under_voila():
            text = ""
        if text != self._note_text:
            self._note_text = text
            self._note = self._line(self._note, text)
            self._set_children(self._body)

    @staticmethod
    def _line(widget: Any, text: str) -> Any:
        """The grey line `widget` showing `text`: made with its first text, else updated."""
        if widget is None:
            return widgets.note(text) if text else None
        widgets.set_note(widget, text)
        return widget

    def close(self) -> None:
        for line in (self._note, self._status):
            if line is not None:
                widgets.close(line)
        super().close()


class Frame:
    """One run's content for a FrameView: elements in the order the run added them.

    Prints and displays go to the open output element, which a following widget or
    element closes. A live frame (a placeholder) holds one element and, from `live_from`
    (a time.monotonic() value) on, shows each change at once: progress in a slow run shows,
    while a quick rerun sends only its final state (nothing, if that did not change).
    """

    def __init__(self, view: FrameView, *, live_from: float | None = None) -> None:
        self.view = view
        self.live = live_from is not None
        self._live_from = live_from or 0.0
        self.elements: list[Element] = []
        self._open: OutputBuffer | None = None
        # the form (ui/form_state.py) whose inputs this frame holds: a form's own frame, and
        # every block made inside it (RunContext.touch), as Streamlit's blocks in a form
        self.form: Any = None
        # the run's hook (RunContext.added): a cached function computing now records what it
        # adds (None: a clear), so a hit can draw it again
        self.on_add: Callable[[Frame, Element | None], None] | None = None

    def output(self) -> OutputBuffer:
        """The element that prints and displays go to now."""
        if self._open is None:
            self._open = OutputBuffer()
            self.elements.append(self._open)
        return self._open

    def add(self, element: Element) -> None:
        self._open = None
        if self.on_add is not None:
            self.on_add(self, element)
        if self.live:
            self.elements = [element]
            self._show_live()
        else:
            self.elements.append(element)

    def replace(self, index: int, element: Element) -> bool:
        """Put `element` where element `index` is (`bar.progress(50)` on an element's
        handle); False if that place is gone (a placeholder emptied since)."""
        if not 0 <= index < len(self.elements):
            return False
        if self.elements[index] is self._open:
            self._open = None
        self.elements[index] = element
        if self.on_add is not None:
            self.on_add(self, element)
        self._show_live()
        return True

    def clear(self) -> None:
        self._open = None
        if self.on_add is not None:
            self.on_add(self, None)
        self.elements = []
        self._show_live()

    def _show_live(self) -> None:
        if self.live and time.monotonic() >= self._live_from:
            self.commit()

    def commit(self, partial: bool = False) -> None:
        self.view.show(self.elements, partial)
