"""The only module that imports ipywidgets: the models a cell's container is built from,
and how the engine listens to the widgets a cell reruns on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets

Widget = ipywidgets.Widget

_NOTE_STYLE = "color: var(--jp-ui-font-color2, #888); font-size: 11px; line-height: 16px;"


def container() -> ipywidgets.VBox:
    """The box a %%rerun cell shows; its children are replaced in place on each run."""
    box = ipywidgets.VBox(layout=ipywidgets.Layout(width="100%"))
    box.add_class("jupyter-rerun-cell")
    return box


def output_slot() -> ipywidgets.Output:
    """A slot for printed and displayed output; its `outputs` are set from the kernel side."""
    return ipywidgets.Output(layout=ipywidgets.Layout(width="100%"))


def note(text: str = "") -> ipywidgets.HTML:
    """A small grey line, e.g. "reruns on: s, t"."""
    return ipywidgets.HTML(note_html(text))


def note_html(text: str) -> str:
    from html import escape

    return f'<span style="{_NOTE_STYLE}">{escape(text)}</span>' if text else ""


def set_outputs(slot: ipywidgets.Output, outputs: Sequence[dict]) -> None:
    """Swap a slot's outputs in one comm message (no blank frame in between)."""
    slot.outputs = tuple(outputs)


def set_children(box: ipywidgets.Box, children: Sequence[Widget]) -> None:
    children = tuple(children)
    if box.children != children:
        box.children = children


def set_note(widget: ipywidgets.HTML, text: str) -> None:
    html = note_html(text)
    if widget.value != html:
        widget.value = html


def is_widget(value: object) -> bool:
    return isinstance(value, Widget)


def is_trigger(value: object) -> bool:
    """Widgets a cell can rerun on: anything with a value, and buttons (clicks)."""
    return isinstance(value, (ipywidgets.ValueWidget, ipywidgets.Button))


def describe(value: object) -> str:
    """'IntSlider' for widgets, the type name for anything else."""
    return type(value).__name__


def listen(widget: Widget, callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback()` when the front end changes `widget`; return the undo."""
    if isinstance(widget, ipywidgets.Button):

        def on_click(_button: Any) -> None:
            callback()

        widget.on_click(on_click)
        return lambda: widget.on_click(on_click, remove=True)

    def on_value(_change: Any) -> None:
        callback()

    widget.observe(on_value, names="value")
    return lambda: widget.unobserve(on_value, names="value")


def close(widget: Widget) -> None:
    """Close a widget and the layout/style models that `close()` leaves open."""
    for part in ("layout", "style"):
        model = getattr(widget, part, None)
        if isinstance(model, Widget):
            model.close()
    widget.close()


def live_widget_count() -> int:
    """Widgets with an open comm in this kernel (for leak checks)."""
    from ipywidgets.widgets.widget import _instances  # `Widget.widgets` warns in ipywidgets 8

    return len(_instances)
