"""`streamlit.components.v1`: `html` and `iframe` show a page in a frame; custom
components (`declare_component`) are not supported yet.

The frame is an `<iframe>` inside an HTML model, so it renders offline in JupyterLab and
Voila like any other element. `html(...)`'s page is the frame's `srcdoc`: its scripts run,
sandboxed. Unlike Streamlit, its sandbox has no `allow-same-origin`: a page made in the
kernel gets an origin of its own, so its scripts cannot reach the notebook's page (and,
through it, the kernel). `iframe(src)` loads the URL, with that URL's own origin.
"""

from __future__ import annotations

import numbers
from html import escape
from typing import Any

from .. import widgets
from ..errors import ElementError, NotSupportedError
from ..ui.element import Handle, show

__all__ = ["declare_component", "html", "iframe"]

DEFAULT_HEIGHT = 150  # CSS pixels, as in Streamlit
_SANDBOX = ("allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox "
            "allow-scripts allow-downloads")


def html(html: str, width: int | None = None, height: int | None = None, scrolling: bool = False,
         *, tab_index: int | None = None) -> Handle:
    """Show an HTML page (with its scripts) in a sandboxed frame, 150 px high unless
    `height` says otherwise; `scrolling` shows scroll bars when the page is larger."""
    if not isinstance(html, str):
        raise ElementError(f"components.html: html must be a string of HTML, got "
                           f"{type(html).__name__}; pass str(...) of it")
    attributes = {"srcdoc": html, "sandbox": _SANDBOX}
    return _frame("components.html", attributes, width, height, scrolling, tab_index)


def iframe(src: str, width: int | None = None, height: int | None = None,
           scrolling: bool = False, *, tab_index: int | None = None) -> Handle:
    """Show the page at URL `src` in a frame (the browser loads it: offline, only what it
    can reach loads)."""
    if not isinstance(src, str):
        raise ElementError(f"components.iframe: src must be a URL string, got "
                           f"{type(src).__name__}")
    attributes = {"src": src, "sandbox": _SANDBOX + " allow-same-origin"}
    return _frame("components.iframe", attributes, width, height, scrolling, tab_index)


def declare_component(name: str, path: Any = None, url: Any = None) -> Any:
    """Streamlit's custom components need Streamlit's front end; not supported yet."""
    raise NotSupportedError(
        f"custom components are not supported yet: declare_component({name!r}) needs "
        "Streamlit's own front end; show HTML and JavaScript with components.html(...) instead")


def _frame(function: str, attributes: dict[str, str], width: Any, height: Any,
           scrolling: Any, tab_index: Any) -> Handle:
    pixels_wide = _pixels(function, "width", width)
    pixels_high = _pixels(function, "height", height)
    _check_tab_index(function, tab_index)
    attributes = {**attributes,
                  "width": "100%" if pixels_wide is None else str(pixels_wide),
                  "height": str(DEFAULT_HEIGHT if pixels_high is None else pixels_high),
                  "scrolling": "auto" if scrolling else "no",
                  "style": "border: none; display: block; max-width: 100%"}
    if tab_index is not None:
        attributes["tabindex"] = str(tab_index)
    markup = "<iframe " + " ".join(f'{name}="{escape(value, quote=True)}"'
                                   for name, value in attributes.items()) + "></iframe>"
    return show(function, {"value": markup}, lambda props: widgets.html(props["value"]))


def _pixels(function: str, name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ElementError(f"{function}: {name} is a whole number of pixels (at least 1) or "
                           f"None, got {value!r}")
    return int(value)


def _check_tab_index(function: str, tab_index: Any) -> None:
    """Streamlit's rule: None, -1, or a non-negative integer."""
    if tab_index is None:
        return
    if isinstance(tab_index, bool) or not isinstance(tab_index, int) or tab_index < -1:
        raise ElementError(f"{function}: tab_index is None, -1 (focusable only from code) or "
                           f"a non-negative integer (its place in the Tab order), got "
                           f"{tab_index!r}")
