"""The status elements' models: `Effect` (jr.toast, jr.balloons, jr.snow, drawn over the
page by static/effects.js) and the status container's box (an accordion whose state,
running / complete / error, is a class that static/status.css draws as its icon)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import anywidget
import ipywidgets
import traitlets

from . import SharedLayout, layout_model, style_model
from .library import static_text


class Effect(SharedLayout, anywidget.AnyWidget):
    """Shows itself over the page, not where it is placed (its own box is hidden): a toast
    in the top-right corner, or balloons or snow across the window. Each new `token` is
    one showing; a page that has shown a token never shows it again (a view drawn again,
    a page reloaded), so only what the kernel asks for appears.

    kind: "toast" | "balloons" | "snow"; body, icon: HTML (toasts); duration: seconds a
    toast stays (0: until its close button is clicked)."""

    _esm = static_text("effects.js")
    kind = traitlets.Unicode("toast").tag(sync=True)
    token = traitlets.Unicode("").tag(sync=True)
    body = traitlets.Unicode("").tag(sync=True)
    icon = traitlets.Unicode("").tag(sync=True)
    duration = traitlets.Int(4).tag(sync=True)


def html_box(value: str) -> ipywidgets.HTML:
    """An alert, exception or progress bar: HTML made in the kernel, as wide as its column,
    updated in place by setting `value`."""
    return ipywidgets.HTML(value, layout=layout_model(width="100%"), style=style_model(ipywidgets.HTML),
                           _dom_classes=("jr-status-element",))


def effect(traits: dict[str, Any]) -> Effect:
    """An Effect with these traits, placed as a hidden box."""
    return Effect(**traits, layout=layout_model(display="none"),
                  _dom_classes=(f"jr-{traits.get('kind', 'toast')}",))


def set_effect(model: Effect, traits: dict[str, Any]) -> None:
    """Show it again or anew (a new token), in one message."""
    with model.hold_sync():
        for name, value in traits.items():
            if getattr(model, name) != value:
                setattr(model, name, value)


def status_box(child: ipywidgets.Widget, title: str, expanded: bool, classes: Sequence[str],
               pixels: int | None) -> ipywidgets.Accordion:
    """The accordion of `jr.status`: `child` (the box its elements go in) under a header
    showing `title`; its classes carry the state that static/status.css draws."""
    return ipywidgets.Accordion([child], titles=[title], selected_index=0 if expanded else None,
                                _dom_classes=tuple(classes), layout=layout_model(**_width(pixels)))


def update_status_box(box: ipywidgets.Accordion, title: str, classes: Sequence[str],
                      opened: bool | None, pixels: int | None) -> None:
    """Set what differs, in one message: the title, the state classes (those starting
    "jr-status"; others, like the dimming of a slow rerun, stay), opened or closed (None: as
    the user left it), and the width."""
    kept = [name for name in box._dom_classes if not name.startswith("jr-status")]
    wanted = {"titles": (title,), "_dom_classes": tuple(kept + list(classes))}
    if opened is not None:
        wanted["selected_index"] = 0 if opened else None
    with box.hold_sync():
        for name, value in wanted.items():
            current = getattr(box, name)
            if (tuple(current) if isinstance(current, (list, tuple)) else current) != value:
                setattr(box, name, value)
    layout = _width(pixels)
    if (box.layout.width, box.layout.max_width) != (layout["width"], layout["max_width"]):
        box.layout = layout_model(**layout)  # shared layouts are swapped, never changed


def _width(pixels: int | None) -> dict[str, Any]:
    """A box `pixels` wide but no wider than its column, or as wide as its column."""
    return {"width": f"{pixels}px", "max_width": "100%"} if pixels else \
        {"width": "100%", "max_width": None}
