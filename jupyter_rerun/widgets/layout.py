"""The layout's models: the boxes elements go in (a row of columns, a container, a tab's
panel) and the controls of the containers that open and close, whose front ends are ours
(static/popover.js, dialog.js, sidebar.js):

- `PopoverButton`: the button of `jr.popover`; a click opens the panel beside it, in the
  browser at once (`is_open` follows, for the kernel);
- `DialogHeader`: the title bar of `jr.dialog`, with its close button; it shows and hides
  the modal it is in (ESC and a click beside it dismiss it, when it is dismissible);
- `SidebarControl`: the first child of a cell's sidebar; in JupyterLab a button that folds
  the side column, on a Voila page what moves the cell's sidebar into the page's one.

Each control finds the box it belongs to in the page (`el.closest(...)`) and opens it by a
class (`jr-open`): the box's children are ipywidgets views like any others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import anywidget
import ipywidgets
import traitlets

from . import SharedLayout, layout_model, style_model
from .library import static_text


def _module(name: str) -> str:
    return "\n".join(static_text(part) for part in ("layout_common.js", name))


def box(classes: Sequence[str] = (), layout: dict[str, Any] | None = None,
        children: Sequence[ipywidgets.Widget] = ()) -> ipywidgets.VBox:
    """A box elements go in, with these classes and CSS layout (as wide as its column)."""
    return ipywidgets.VBox(list(children), _dom_classes=tuple(classes),
                           layout=layout_model(**{"width": "100%", "min_width": "0",
                                                       **(layout or {})}))


def row(children: Sequence[ipywidgets.Widget], classes: Sequence[str],
        layout: dict[str, Any]) -> ipywidgets.HBox:
    """A row of columns (`jr.columns`)."""
    return ipywidgets.HBox(list(children), _dom_classes=tuple(classes),
                           layout=layout_model(**layout))


def tab(children: Sequence[ipywidgets.Widget], titles: Sequence[str], selected: int,
        classes: Sequence[str], layout: dict[str, Any]) -> ipywidgets.Tab:
    return ipywidgets.Tab(list(children), titles=list(titles), selected_index=selected,
                          _dom_classes=tuple(classes), layout=layout_model(**layout))


def accordion(child: ipywidgets.Widget, title: str, expanded: bool, classes: Sequence[str],
              layout: dict[str, Any]) -> ipywidgets.Accordion:
    return ipywidgets.Accordion([child], titles=[title], selected_index=0 if expanded else None,
                                _dom_classes=tuple(classes), layout=layout_model(**layout))


def style_sheet(css: str) -> ipywidgets.HTML:
    """A hidden model holding rules of one element's own (an expander's icon)."""
    return ipywidgets.HTML(f"<style>{css}</style>", layout=layout_model(display="none"),
                           style=style_model(ipywidgets.HTML))


def spacer(layout: dict[str, Any], classes: Sequence[str]) -> ipywidgets.Box:
    """`jr.space`: an empty box of a size (which way depends on its container: layout.css)."""
    return ipywidgets.Box(_dom_classes=tuple(classes), layout=layout_model(**layout))


def set_titles(widget: ipywidgets.Widget, titles: Sequence[str]) -> None:
    if tuple(widget.titles) != tuple(titles):
        widget.titles = list(titles)


class PopoverButton(SharedLayout, anywidget.AnyWidget):
    """label, icon: HTML made in the kernel (markdown, an emoji or a Material Symbol);
    kind: "primary" | "secondary" | "tertiary"; help: the tooltip; is_open: the panel shows."""

    _esm = _module("popover.js")
    label = traitlets.Unicode("").tag(sync=True)
    icon = traitlets.Unicode("").tag(sync=True)
    kind = traitlets.Unicode("secondary").tag(sync=True)
    help = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    is_open = traitlets.Bool(False).tag(sync=True)


class DialogHeader(SharedLayout, anywidget.AnyWidget):
    """title, icon: HTML; dismissible: the close button, ESC and a click beside the dialog
    close it (the front end sets `is_open` to False); is_open: the modal shows."""

    _esm = _module("dialog.js")
    title = traitlets.Unicode("").tag(sync=True)
    icon = traitlets.Unicode("").tag(sync=True)
    dismissible = traitlets.Bool(True).tag(sync=True)
    is_open = traitlets.Bool(False).tag(sync=True)


class SidebarControl(SharedLayout, anywidget.AnyWidget):
    """page: this cell's sidebar joins the page's sidebar (Voila), in `order` (the cells'
    order); else it is a side column of its cell, folded when `collapsed`."""

    _esm = _module("sidebar.js")
    page = traitlets.Bool(False).tag(sync=True)
    order = traitlets.Int(0).tag(sync=True)
    collapsed = traitlets.Bool(False).tag(sync=True)


def control(cls: type[anywidget.AnyWidget], traits: dict[str, Any]) -> anywidget.AnyWidget:
    return cls(**traits, layout=layout_model(width="100%", min_width="0"))
