"""Streamlit 1.67's checks of the layout arguments, and the CSS they become.

Each check raises a one-line ElementError naming the argument, what it got and what it
takes (Streamlit's words where it has them), and is no stricter than Streamlit.

    gap_css("columns", "medium")          -> '2rem'
    width_layout("container", 300, True)  -> {'width': '300px', 'max_width': '100%', ...}
"""

from __future__ import annotations

import numbers
import re
from html import unescape
from typing import Any

from ..errors import ElementError
from .markdown import to_html

GAPS = {"xxsmall": "0.25rem", "xsmall": "0.5rem", "small": "1rem", "medium": "2rem",
        "large": "4rem", "xlarge": "6rem", "xxlarge": "8rem"}
SPACES = {"xxsmall": "0.25rem", "xsmall": "0.5rem", "small": "0.75rem", "medium": "2.5rem",
          "large": "4.25rem", "xlarge": "6rem", "xxlarge": "8rem"}
HORIZONTAL = ("left", "center", "right", "distribute")
VERTICAL = ("top", "center", "bottom", "distribute")
ON_CHANGE = ("rerun", "ignore")
# flexbox words for Streamlit's alignments, along the main axis and across it
JUSTIFY = {"left": "flex-start", "top": "flex-start", "center": "center", "right": "flex-end",
           "bottom": "flex-end", "distribute": "space-between"}


def is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def listed(values: tuple[str, ...]) -> str:
    words = [repr(value) for value in values]
    return ", ".join(words[:-1]) + f" or {words[-1]}"


def one_of(element: str, name: str, value: Any, allowed: tuple[str, ...]) -> str:
    if isinstance(value, str) and value in allowed:
        return value
    raise ElementError(f"jr.{element}: Invalid `{name}` value {value!r}; pass {listed(allowed)}")


def gap_css(element: str, gap: Any) -> str:
    """A gap's CSS length: a size name, pixels (0 or more) or None (no gap)."""
    if gap is None:
        return "0px"
    if is_int(gap) and gap >= 0:
        return f"{int(gap)}px"
    if isinstance(gap, str) and gap.lower() in GAPS:
        return GAPS[gap.lower()]
    raise ElementError(f"jr.{element}: gap must be 'small', 'medium' or 'large' (or 'xxsmall', "
                       f"'xsmall', 'xlarge', 'xxlarge'), a number of pixels, or None; got {gap!r}")


def width_layout(element: str, width: Any, *, content: bool = False) -> dict[str, Any]:
    """Streamlit's `width`: "stretch" (its column's width), pixels (at most that) and, where
    Streamlit takes it, "content" (as wide as what it holds)."""
    words = ("stretch", "content") if content else ("stretch",)
    if isinstance(width, str) and width in words:
        if width == "content":
            return {"width": "fit-content", "max_width": "100%", "align_self": "flex-start"}
        return {"width": "100%", "max_width": None, "align_self": None}
    if is_int(width) and width > 0:
        return {"width": f"{int(width)}px", "max_width": "100%", "align_self": "flex-start"}
    kinds = "a positive integer (pixels), 'stretch', or 'content'" if content else \
        "a positive integer (pixels) or 'stretch'"
    raise ElementError(f"jr.{element}: Invalid width value: {width!r}. Width must be either {kinds}")


def height_pixels(element: str, height: Any) -> int | None:
    """Streamlit's `height`: "content", "stretch" (drawn as "content" here) or pixels (a
    box that scrolls); the pixels, or None."""
    if isinstance(height, str) and height in ("content", "stretch"):
        return None
    if is_int(height) and height > 0:
        return int(height)
    raise ElementError(f"jr.{element}: Invalid height value: {height!r}. Height must be either "
                       "a positive integer (pixels), 'stretch', or 'content'")


def callback_mode(element: str, on_change: Any, parameter: str = "on_change") -> None:
    """`on_change`: "ignore" (the default: no state, no rerun), "rerun", or a callback."""
    if callable(on_change) or (isinstance(on_change, str) and on_change in ON_CHANGE):
        return
    raise ElementError(f"jr.{element}: Invalid `{parameter}` value {on_change!r}; pass 'rerun', "
                       "'ignore' or a callback function")


def check_bind(element: str, bind: Any) -> None:
    """Streamlit's `bind="query-params"`: accepted, not acted on (the state lives in the
    kernel, not in the page's address)."""
    if bind is not None and bind != "query-params":
        raise ElementError(f"jr.{element}: Invalid `bind` value {bind!r}; pass 'query-params' or None")


def check_bool(element: str, name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ElementError(f"jr.{element}: `{name}` must be True or False, got {value!r}")


def check_key(element: str, key: Any) -> str | None:
    if key is None:
        return None
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        raise ElementError(f"jr.{element}: key must be a string (or an int), got "
                           f"{type(key).__name__} {key!r}")
    return str(key)


def plain_label(text: Any) -> str:
    """A markdown label as the plain text a tab or an expander header shows (`**Owl**` ->
    Owl, `:cat:` -> 🐈): those headers take text, not HTML."""
    return unescape(re.sub(r"<[^>]+>", "", to_html(str(text), inline=True))).strip()


def css_class(text: str) -> str:
    """A CSS class name made of `text` (Streamlit's `st-key-<key>`)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)
