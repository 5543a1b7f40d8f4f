"""`jr.expander` and `jr.tabs`, with Streamlit 1.67's parameters: an ipywidgets Accordion
and Tab whose blocks are frames (see layout.py).

What the user opened stays open across reruns. With `on_change="rerun"` or a callback they
*track state* (see layout_state.py): opening or closing the expander, or choosing a tab,
reruns the cell (the callback first); the block's `.open` says whether it is open (a tab:
whether it is the one shown), and `session_state[key]` holds True/False (a tab's label),
which code may set to open, close or switch. Otherwise `.open` is None, as in Streamlit.

Their headers show text (Lumino draws titles as text), so a label's markdown is shown as
its text: emoji shortcodes become emoji, `**Owl**` and `:rainbow[Owl]` show "Owl". An
expander's `icon` is drawn before its label (a Material Symbol as a CSS mask, by a small
style sheet of its own).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from ..errors import ElementError
from ..rerun.context import require_run
from ..rerun.frames import Frame, FrameView
from ..widgets import layout as models
from ..widgets import update_traits
from . import icons
from .layout import Block
from .layout_args import (
    callback_mode, check_bind, check_key, height_pixels, one_of, plain_label, width_layout,
)
from .layout_state import Boxes, boxes, restyle, track

__all__ = ["expander", "tabs"]

EXPANDER_TYPES = ("default", "compact", "step")  # "step" is drawn as "default"


class ExpanderContainer(Block):
    """What `jr.expander` returns: a block, with `.open` (None unless it tracks state)."""

    def __init__(self, frame: Frame, open: bool | None) -> None:
        super().__init__(frame)
        self.open = open


class TabContainer(Block):
    """One tab of `jr.tabs`: a block, with `.open` (None unless the tabs track state)."""

    def __init__(self, frame: Frame, open: bool | None) -> None:
        super().__init__(frame)
        self.open = open


def expander(label: str, expanded: bool = False, *, key: Any = None, icon: str | None = None,
             type: str = "default", width: Any = "stretch", on_change: Any = "ignore",
             args: Any = None, kwargs: Any = None, bind: str | None = None) -> ExpanderContainer:
    """A section the user can fold; `expanded` is how it starts (and, when the code changes
    it, how it is now). `icon`: an emoji, ':material/name:' or "spinner"."""
    run = require_run("expander")
    if label is None:
        raise ElementError("jr.expander: The `label` parameter is required; pass the header text")
    if not isinstance(label, str):
        raise ElementError(f"jr.expander: the label must be a string, got {label!r}")
    callback_mode("expander", on_change)
    one_of("expander", "type", type, EXPANDER_TYPES)
    check_bind("expander", bind)
    key = check_key("expander", key)
    title, classes, sheet = _header(label, icon)
    props = {"title": title, "classes": classes + [f"jr-expander-{type}"],
             "layout": width_layout("expander", width)}

    def build() -> Boxes:
        view = FrameView(models.box(["jr-expander-body"]))
        box = models.accordion(view.box, title, bool(expanded), props["classes"], props["layout"])
        item = Boxes(box, [view], props, model=box, trait="selected_index", binding=run.binding)
        item.read, item.write = (lambda index: index == 0), (lambda open: 0 if open else None)
        item.state["expanded"] = bool(expanded)
        return item

    item = boxes(run, "expander", label, key, props, build)
    restyle(run, item, props, lambda props: _style_expander(item, props))
    if item.state["expanded"] != bool(expanded):  # the code changed `expanded`: apply it
        item.state["expanded"] = bool(expanded)
        item.set_value(bool(expanded))
    is_open = track(run, item, key=key, on_change=on_change, args=args, kwargs=kwargs, check=bool)
    frame = run.touch(Frame(item.views[0]))
    if sheet:
        frame.add(_sheet(item, sheet))
    return ExpanderContainer(frame, is_open)


def _style_expander(item: Boxes, props: dict[str, Any]) -> None:
    models.set_titles(item.box, [props["title"]])
    update_traits(item.box, {"classes": props["classes"], "layout": props["layout"]})


def _header(label: str, icon: str | None) -> tuple[str, list[str], str]:
    """The header's text, its classes, and the CSS of a Material Symbol icon ("" if none)."""
    try:
        markup = icons.icon_html(icon, spinner=True)
    except ElementError as error:
        raise ElementError(f"jr.expander: {error}") from None
    title = plain_label(label)
    if not markup:
        return title, ["jr-expander"], ""
    if "jr-emoji" in markup:
        return f"{icon.strip()} {title}", ["jr-expander"], ""  # type: ignore[union-attr]
    if "jr-spinner" in markup:
        return title, ["jr-expander", "jr-expander-spinner"], ""
    url = re.search(r"url\('([^']+)'\)", markup)
    name = "jr-xicon-" + hashlib.sha1(str(icon).encode()).hexdigest()[:10]
    css = (f".jupyter-rerun-cell .{name} .jupyter-widget-Collapse-header::before "
           f"{{ -webkit-mask: url('{url.group(1) if url else ''}') center/contain no-repeat; }}")
    return title, ["jr-expander", "jr-expander-icon", name], css


def _sheet(item: Boxes, css: str) -> Any:
    """The expander's own style sheet (its icon), drawn first in its body (a <style> applies
    wherever it is, shown or not)."""
    sheet = item.state.get("sheet")
    if sheet is None:
        sheet = item.state["sheet"] = models.style_sheet(css)
        item.parts.append(sheet)
    update_traits(sheet, {"value": f"<style>{css}</style>"})
    return sheet


def tabs(tabs: Sequence[str], *, width: Any = "stretch", height: Any = "content",
         default: str | None = None, key: Any = None, on_change: Any = "ignore",
         args: Any = None, kwargs: Any = None, bind: str | None = None) -> tuple[TabContainer, ...]:
    """Tabs: one block per label; `default` is the one shown first. `height` in pixels
    makes each tab's panel scroll."""
    run = require_run("tabs")
    if isinstance(tabs, str) or not tabs or not all(isinstance(x, str) for x in tabs):
        raise ElementError(f"jr.tabs: labels must be a non-empty list of strings, got {tabs!r}")
    labels = list(tabs)
    if default and default not in labels:
        raise ElementError(f"jr.tabs: Invalid `default` value: {default!r} is not in the list of "
                           f"tabs; pass one of {labels!r}, or None for the first")
    callback_mode("tabs", on_change)
    check_bind("tabs", bind)
    key = check_key("tabs", key)
    pixels = height_pixels("tabs", height)
    first = labels.index(default) if default else 0
    props = {"titles": [plain_label(label) for label in labels],
             "layout": width_layout("tabs", width),
             "panel": {"height": f"{pixels}px" if pixels else None,
                       "overflow": "auto" if pixels else None}}

    def build() -> Boxes:
        views = [FrameView(models.box(["jr-tab-panel"], props["panel"])) for _ in labels]
        box = models.tab([view.box for view in views], props["titles"], first, ["jr-tabs"],
                         props["layout"])
        item = Boxes(box, views, props, model=box, trait="selected_index", binding=run.binding)
        item.state["default"] = first
        return item

    item = boxes(run, "tabs", str(len(labels)), key, props, build,
                 fits=lambda item: len(item.views) == len(labels))
    restyle(run, item, props, lambda props: _style_tabs(item, props))
    item.read = lambda index: labels[index] if isinstance(index, int) and 0 <= index < len(labels) \
        else labels[first]
    item.write = labels.index
    if item.state["default"] != first:  # the code changed `default`: show it
        item.state["default"] = first
        item.set_value(labels[first])
    shown = track(run, item, key=key, on_change=on_change, args=args, kwargs=kwargs,
                  check=lambda label: label if label in labels else labels[first])
    return tuple(TabContainer(run.touch(Frame(view)), None if shown is None else label == shown)
                 for view, label in zip(item.views, labels))


def _style_tabs(item: Boxes, props: dict[str, Any]) -> None:
    models.set_titles(item.box, props["titles"])
    update_traits(item.box, {"layout": props["layout"]})
    for view in item.views:
        update_traits(view.box, {"layout": props["panel"]})
