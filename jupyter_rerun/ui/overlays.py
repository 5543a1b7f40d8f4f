"""`jr.popover` and `jr.dialog`: containers drawn over the page, as in Streamlit 1.67.

- popover: a button; a click opens a floating panel under it holding the block's elements
  (in the browser at once; a click elsewhere or ESC closes it). Widgets in it rerun the cell
  with the panel left open. With `on_change` it tracks state as an expander does.
- dialog: a decorator. Calling the decorated function in a run opens a modal holding what
  it draws. The function is a fragment (jupyter_rerun/fragments.py): its widgets rerun it
  alone, so the dialog stays open; `jr.rerun()` in it reruns the whole cell, which closes the
  dialog unless the cell calls the function again. Closing it by its X, ESC or a click
  beside it (when `dismissible`) reruns the cell only with `on_dismiss="rerun"` or a
  callback. One dialog per run (Streamlit's error), none inside another; a dialog that
  opens closes any other dialog still open in this kernel, so the page shows one at a time.

Both draw `position: fixed` (static/layout.css): on a Voila page over the window; in
JupyterLab over the notebook's panel (a JupyterLab notebook contains what is fixed in it).
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from ..errors import ElementError
from ..fragments import fragment
from ..rerun.context import RunContext, require_run
from ..rerun.frames import Frame, FrameView
from ..widgets import layout as models
from ..widgets import update_traits
from . import icons
from .layout import Block
from .layout_args import callback_mode, check_key, is_int, one_of, width_layout
from .layout_state import Boxes, boxes, restyle, track
from .markdown import to_html

__all__ = ["popover", "dialog"]

F = TypeVar("F", bound=Callable[..., Any])
BUTTON_TYPES = ("primary", "secondary", "tertiary")
DIALOG_WIDTHS = ("small", "medium", "large")
POSITIONS = ("left", "center", "right")

_inside_dialog: ContextVar[bool] = ContextVar("jupyter_rerun_inside_dialog", default=False)
_opened: weakref.WeakKeyDictionary[RunContext, bool] = weakref.WeakKeyDictionary()
_dialogs: weakref.WeakSet[Boxes] = weakref.WeakSet()  # every dialog drawn in this kernel


class PopoverContainer(Block):
    """What `jr.popover` returns: a block, with `.open` (None unless it tracks state)."""

    def __init__(self, frame: Frame, open: bool | None) -> None:
        super().__init__(frame)
        self.open = open


def popover(label: str, *, type: str = "secondary", help: str | None = None,
            icon: str | None = None, disabled: bool = False,
            use_container_width: bool | None = None, width: Any = "content",
            wrap: bool | None = None, key: Any = None, on_change: Any = "ignore",
            args: Any = None, kwargs: Any = None) -> PopoverContainer:
    """A button that opens a floating panel; the block's elements are in the panel."""
    run = require_run("popover")
    if label is None:
        raise ElementError("jr.popover: The `label` parameter is required; pass the button's text")
    one_of("popover", "type", type, BUTTON_TYPES)
    callback_mode("popover", on_change)
    key = check_key("popover", key)
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    traits = {"label": to_html(str(label), inline=True), "icon": _icon("popover", icon),
              "kind": type, "help": "" if help is None else str(help), "disabled": bool(disabled)}
    props = {"traits": traits, "layout": width_layout("popover", width, content=True),
             "classes": ["jr-popover"] + ["jr-nowrap"] * (wrap is False)}

    def build() -> Boxes:
        view = FrameView(models.box(["jr-popover-panel"], {"width": None}))
        button = models.control(models.PopoverButton, traits)
        box = models.box(props["classes"], props["layout"], children=[button, view.box])
        return Boxes(box, [view], props, model=button, trait="is_open", binding=run.binding,
                     parts=[button])

    item = boxes(run, "popover", str(label), key, props, build)
    restyle(run, item, props, lambda props: (update_traits(item.model, props["traits"]),
                                             update_traits(item.box, props)))
    is_open = track(run, item, key=key, on_change=on_change, args=args, kwargs=kwargs, check=bool)
    return PopoverContainer(run.touch(Frame(item.views[0])), is_open)


def dialog(title: Any, *, width: str | int = "small", position: str = "center",
           dismissible: bool = True, icon: str | None = None, on_dismiss: Any = "ignore") -> Any:
    """Make a function a modal dialog: `@jr.dialog("Cast your vote")` above a def; calling
    it opens the dialog with what it draws. `width`: "small" (500px), "medium" (750px),
    "large" (1280px) or pixels; `position`: "center", or "left"/"right" (a drawer)."""
    options = {"width": width, "position": position, "dismissible": dismissible, "icon": icon,
               "on_dismiss": on_dismiss}
    if isinstance(title, str) and title:
        return lambda func: _decorate(func, title, options)
    raise ElementError("jr.dialog: The `title` parameter is required. For example: "
                       '`@jr.dialog("Example Title")` above the function')


def _decorate(func: F, title: str, options: dict[str, Any]) -> F:
    if not callable(func):
        raise ElementError(f"jr.dialog decorates a function, got {type(func).__name__}; write "
                           f"@jr.dialog({title!r}) above a def")

    @functools.wraps(func)
    def content(*args: Any, **kwargs: Any) -> None:
        token = _inside_dialog.set(True)
        try:
            func(*args, **kwargs)
        finally:
            _inside_dialog.reset(token)

    body = fragment(content)  # its widgets rerun it alone, as Streamlit's dialogs

    @functools.wraps(func)
    def open_dialog(*args: Any, **kwargs: Any) -> None:
        run = require_run("dialog")
        if _inside_dialog.get():
            raise ElementError("jr.dialog: Dialogs may not be nested inside other dialogs; close "
                               "this one (jr.rerun()) and open the other from the cell")
        if _opened.get(run):
            raise ElementError("jr.dialog: Only one dialog is allowed to be opened at the same "
                               "time; call a dialog function at most once in a run")
        item = _dialog_box(run, title, options)
        _opened[run] = True
        with Block(run.touch(Frame(item.views[0]))):
            body(*args, **kwargs)

    return open_dialog  # type: ignore[return-value]


def _dialog_box(run: RunContext, title: str, options: dict[str, Any]) -> Boxes:
    """The modal, drawn (or drawn again) in this run, and open."""
    callback_mode("dialog", options["on_dismiss"], "on_dismiss")
    one_of("dialog", "position", options["position"], POSITIONS)
    width = options["width"]
    if not (width in DIALOG_WIDTHS or (is_int(width) and width > 0)):
        raise ElementError(f"jr.dialog: Invalid `width` value {width!r}; pass 'small', 'medium', "
                           "'large' or a positive integer (pixels)")
    header = {"title": to_html(title, inline=True), "icon": _icon("dialog", options["icon"]),
              "dismissible": bool(options["dismissible"])}
    props = {"header": header, "classes": [
        "jr-dialog", f"jr-dialog-{width if isinstance(width, str) else 'pixels'}",
        f"jr-dialog-{options['position']}"],
        "panel": {"width": f"{int(width)}px" if is_int(width) else None}}

    def build() -> Boxes:
        view = FrameView(models.box(["jr-dialog-body"]))
        control = models.control(models.DialogHeader, {**header, "is_open": True})
        panel = models.box(["jr-dialog-panel"], props["panel"], children=[control, view.box])
        box = models.box(props["classes"], {}, children=[panel])
        return Boxes(box, [view], props, model=control, trait="is_open", binding=run.binding,
                     parts=[control, panel])

    item = boxes(run, "dialog", title, None, props, build)
    restyle(run, item, props, lambda props: _style_dialog(item, props))
    # dismissing it is its only input (the kernel opens it): "rerun" or a callback rerun
    track(run, item, key=None, on_change=options["on_dismiss"], args=None, kwargs=None)
    if not item.value():  # dismissed since, or closed: it opens again, as each call does
        run.defer(id(item.model), lambda: item.set_value(True))
    for other in list(_dialogs):
        if other is not item and other.model.comm is not None and other.value():
            other.set_value(False)
    _dialogs.add(item)
    return item


def _style_dialog(item: Boxes, props: dict[str, Any]) -> None:
    update_traits(item.model, props["header"])
    update_traits(item.box, {"classes": props["classes"]})
    update_traits(item.parts[1], {"layout": props["panel"]})


def _icon(element: str, icon: Any) -> str:
    try:
        return icons.icon_html(icon, spinner=True)
    except ElementError as error:
        raise ElementError(f"jr.{element}: {error}") from None
