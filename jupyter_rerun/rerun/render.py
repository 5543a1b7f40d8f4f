"""A %%rerun cell's output container, updated in place by each run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

from .. import widgets
from ..capture import Output, OutputBuffer

Block = Union[OutputBuffer, "widgets.Widget"]  # what a run produced, top to bottom


class CellView:
    """The one container a %%rerun cell owns.

    `show(blocks)` lays out a run's result without re-creating anything: the k-th output
    block of every run lands in the same Output slot, a slot is re-sent only when its
    outputs differ from what it last showed, and the box's children are re-sent only when
    the list of models changes. A run that changes nothing sends nothing.
    """

    def __init__(self) -> None:
        self.container = widgets.container()
        self._slots: list[Any] = []
        self._shown: list[tuple[Output, ...]] = []  # what each slot last sent, by ordinal
        self._note = widgets.note()
        self._note_text = ""
        self._body: tuple[Any, ...] = ()  # the children above the note, from the last run
        self.messages_sent = 0  # model updates sent by show(); read by tests and benchmarks

    def show(self, blocks: Sequence[Block]) -> None:
        children = []
        ordinal = 0
        for block in blocks:
            if isinstance(block, OutputBuffer):
                outputs = block.snapshot()
                slot = self._slot(ordinal, outputs)
                ordinal += 1
                if outputs:
                    children.append(slot)
            else:
                children.append(block)
        self._body = tuple(children)
        self._layout()

    def _layout(self) -> None:
        children = self._body + ((self._note,) if self._note_text else ())
        if children != self.container.children:
            widgets.set_children(self.container, children)
            self.messages_sent += 1

    def _slot(self, ordinal: int, outputs: tuple[Output, ...]) -> Any:
        if ordinal == len(self._slots):
            self._slots.append(widgets.output_slot())
            self._shown.append(())
        slot = self._slots[ordinal]
        # Compare with what we sent, not with `slot.outputs`: JupyterLab syncs its rendered
        # copy back into that trait, which need not be equal to ours.
        if outputs and outputs != self._shown[ordinal]:
            widgets.set_outputs(slot, outputs)
            self._shown[ordinal] = outputs
            self.messages_sent += 1
        return slot

    def set_note(self, text: str) -> None:
        """The small grey line under the outputs ("reruns on: s, t")."""
        if text != self._note_text:
            self._note_text = text
            widgets.set_note(self._note, text)
            self.messages_sent += 1
            self._layout()

    def close(self) -> None:
        for slot in self._slots:
            widgets.close(slot)
        widgets.close(self._note)
        widgets.close(self.container)
        self._slots.clear()
        self._shown.clear()
