"""The models of `jr.form`: its box (a bordered column of its elements) and `FormKeys`, a
hidden model of ours (static/forms.js) that tells the kernel when Enter is pressed in one
of the form's text or number fields (Streamlit's `enter_to_submit`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import ipywidgets

from . import update_traits
from .library import static_text


class FormKeys(anywidget.AnyWidget):
    """Never seen: it listens to the keys pressed in the form box it is placed in and sends
    {"event": "enter"} once the field Enter was pressed in has sent its value."""

    _esm = static_text("forms.js")


def form_box(classes: list[str], layout: dict[str, Any]) -> ipywidgets.VBox:
    box = ipywidgets.VBox(layout=ipywidgets.Layout(**{"width": "100%", "min_width": "0", **layout}))
    for name in ("jr-form", *classes):
        box.add_class(name)
    return box


def style_form(box: ipywidgets.VBox, classes: list[str], layout: dict[str, Any]) -> None:
    """The code changed the form's border or size: only what differs is sent (the box
    keeps `jr-form`, which its Enter listener and its styles look for)."""
    update_traits(box, {"classes": ["jr-form", *classes], "layout": layout})


def form_keys() -> FormKeys:
    return FormKeys(layout=ipywidgets.Layout(display="none"))


def on_enter(model: FormKeys, callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback()` when Enter is pressed in the form (any thread); return the undo."""
    def handle(_model: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "enter":
            callback()

    model.on_msg(handle)
    return lambda: model.on_msg(handle, remove=True)


def notice(html: str) -> ipywidgets.HTML:
    """A line of HTML made in the kernel (the missing-submit-button warning)."""
    model = ipywidgets.HTML(html, layout=ipywidgets.Layout(width="100%"))
    model.add_class("jr-form-notice")
    return model
