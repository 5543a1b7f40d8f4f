"""Status elements: success, info, warning, error, exception, progress, spinner, status,
toast, balloons, snow (Streamlit's signatures, defaults and errors).

Each element is a small function over the one element mechanism (`element.show`): an HTML
model whose `value` the kernel renders (alerts, exception, progress), the status container
(status_live.py: spinner and status, drawn while a slow run is busy), or a model of our own
front end that draws over the page (status_effects.py: toast, balloons, snow).

    jr.success("Saved", icon=":material/check:")
    bar = jr.progress(0, text="Loading…")
    for i in range(100):
        bar.progress(i + 1)      # the same model, updated in place (≤ 30 times a second)
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import ElementError
from .element import Handle
from .status_effects import balloons, snow, toast
from .status_exception import exception
from .status_format import (
    box, clean_text, icon_html, leading_icon, markdown_html, optional_text, show_html, width_style,
)
from .status_live import spinner, status

__all__: list[str] = ["success", "info", "warning", "error", "exception", "progress", "spinner",
                      "status", "toast", "balloons", "snow"]


def alert(kind: str, body: Any, icon: str | None, width: Any, title: Any) -> Handle:
    """The box `success`/`info`/`warning`/`error` draw: an optional icon, an optional bold
    title, and the body as markdown. With `icon=None`, a leading emoji or `:material/…:` of
    the body becomes the icon, as in Streamlit; `icon=""` keeps the body as it is."""
    text = clean_text(body)
    if icon is None:
        icon, text = leading_icon(text)
    symbol = icon_html(kind, icon)
    parts = [f'<div class="jr-alert-icon">{symbol}</div>'] if symbol else []
    content = [f'<div class="jr-alert-title">{markdown_html(clean_text(title), inline=True)}</div>'
               ] if title is not None else []
    content.append(f'<div class="jr-alert-body">{markdown_html(text)}</div>')
    parts.append(box("jr-alert-content", "", *content))
    html = box(f"jr-alert jr-alert-{kind}", width_style(kind, width), *parts,
               role="alert" if kind == "error" else "status")
    return show_html("alert", html)


def success(body: Any, *, icon: str | None = None, width: Any = "stretch",
            title: Any = None) -> Handle:
    """A green box: something went well. `body` is markdown; `icon` one emoji or
    `:material/icon_name:` (or "spinner"); `width` "stretch" or pixels; `title` bold, above."""
    return alert("success", body, icon, width, title)


def info(body: Any, *, icon: str | None = None, width: Any = "stretch",
         title: Any = None) -> Handle:
    """A blue box: something to know. Parameters as `success`."""
    return alert("info", body, icon, width, title)


def warning(body: Any, *, icon: str | None = None, width: Any = "stretch",
            title: Any = None) -> Handle:
    """A yellow box: something to watch. Parameters as `success`."""
    return alert("warning", body, icon, width, title)


def error(body: Any, *, icon: str | None = None, width: Any = "stretch",
          title: Any = None) -> Handle:
    """A red box: something went wrong. Parameters as `success`."""
    return alert("error", body, icon, width, title)


def progress(value: int | float, text: str | None = None, width: Any = "stretch") -> Handle:
    """A progress bar: `value` an int from 0 to 100 or a float from 0.0 to 1.0; `text`
    (markdown) above it. Returns a handle: `bar.progress(v)` moves the same bar (in a
    slow run it shows at once, at most ~30 times a second; a quick run sends its last
    value only), `bar.empty()` takes it away."""
    percent = _percent(value)
    label = optional_text("progress", "text", text)
    parts = [f'<div class="jr-progress-text">{markdown_html(label, inline=True)}</div>'] if label else []
    parts.append(f'<div class="jr-progress-track"><div class="jr-progress-fill" '
                 f'style="width:{percent}%"></div></div>')
    html = box("jr-progress", width_style("progress", width), *parts, role="progressbar",
               aria_valuemin=0, aria_valuemax=100, aria_valuenow=percent)
    return show_html("progress", html)


def _percent(value: Any) -> int:
    """Streamlit's reading of a progress value: ints are percent, floats fractions (a float
    a rounding error outside [0, 1] counts as 0 or 1)."""
    if isinstance(value, int):
        if not 0 <= value <= 100:
            raise ElementError(f"jr.progress: value={value} is outside [0, 100]; an int is a "
                               "percentage from 0 to 100 (a float, a fraction from 0.0 to 1.0)")
        return int(value)
    if isinstance(value, float):
        if not (0.0 <= value <= 1.0 or math.isclose(value, 0.0, abs_tol=1e-9)
                or math.isclose(value, 1.0, rel_tol=1e-9, abs_tol=1e-9)):
            raise ElementError(f"jr.progress: value={value} is outside [0.0, 1.0]; a float is a "
                               "fraction from 0.0 to 1.0 (an int, a percentage from 0 to 100)")
        return min(100, max(0, int(value * 100)))
    raise ElementError(f"jr.progress: value must be an int (0 to 100) or a float (0.0 to 1.0), "
                       f"got {type(value).__name__}; convert it, e.g. int(value) or float(value)")
