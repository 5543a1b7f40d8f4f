"""What the status elements share: Streamlit's argument checks (width, text, icons) and the
HTML they are drawn with (the look is in static/status.css, light and dark).

    width_style("success", 300)               -> 'width:300px;max-width:100%'
    leading_icon(":material/info: Note")     -> (':material/info:', 'Note')
"""

from __future__ import annotations

import re
import textwrap
from functools import cache
from html import escape
from typing import Any

from ..errors import ElementError
from ..widgets import status as models
from ..widgets.library import static_text
from . import icons
from .element import Handle, show
from .markdown import to_html

_MATERIAL = re.compile(r"(:material/[a-z0-9_]+:)\s*(.*)", re.DOTALL)


def clean_text(value: Any) -> str:
    """A body or label as Streamlit takes it: `str()`, dedented, stripped."""
    return textwrap.dedent(str(value)).strip()


def width_style(element: str, width: Any, *, content: bool = False) -> str:
    """The inline CSS of Streamlit's `width=`: "stretch" (its column's width), a number of
    pixels (no wider than the column), and for some elements "content" (as wide as what
    they show). Anything else is an ElementError naming what `width` takes."""
    allowed = ("stretch", "content") if content else ("stretch",)
    if isinstance(width, str) and width in allowed:
        return "width:fit-content;max-width:100%" if width == "content" else ""
    if isinstance(width, int) and width > 0:  # bool is an int here, as in Streamlit
        return f"width:{int(width)}px;max-width:100%"
    words = "a positive number of pixels, 'stretch' or 'content'" if content else \
        "a positive number of pixels or 'stretch'"
    raise ElementError(f"jr.{element}: width={width!r} is not a width; pass {words}")


def optional_text(element: str, parameter: str, value: Any) -> str | None:
    """A `text=`/`label=` that must be a string or None (Streamlit's type check)."""
    if value is None or isinstance(value, str):
        return None if value is None else clean_text(value)
    raise ElementError(f"jr.{element}: {parameter} must be a string or None, got "
                       f"{type(value).__name__}; pass str({parameter}) to show it")


def leading_icon(body: str) -> tuple[str, str]:
    """A leading `:material/name:` or emoji of an alert's body, taken out to be its icon (as
    Streamlit does when `icon=None`): (icon, rest), or ("", body)."""
    match = _MATERIAL.match(body)
    if match and icons.has_material_icon(match.group(1)[len(":material/"):-1]):
        return match.group(1), match.group(2)
    if body.isascii():
        return "", body
    import emoji

    found = emoji.emoji_list(body[:32])
    if found and found[0]["match_start"] == 0:
        end = found[0]["match_end"]
        return body[:end], body[end:].lstrip("_ -")
    return "", body


def icon_html(element: str, icon: Any) -> str:
    """The HTML of an `icon=` (one emoji, `:material/name:` or "spinner"); "" for none."""
    try:
        return icons.icon_html(icon, parameter="icon", spinner=True)
    except ElementError as error:
        raise ElementError(f"jr.{element}: {error}") from None


def markdown_html(text: str, *, inline: bool = False) -> str:
    """Streamlit markdown as HTML, in the block that gives it JupyterLab's typography."""
    tag = "span" if inline else "div"
    return f'<{tag} class="jr-markdown">{to_html(text, inline=inline)}</{tag}>'


def show_html(kind: str, html: str) -> Handle:
    """Draw element `kind` as an HTML model showing `html` (updated in place on reruns)."""
    return show(kind, {"value": html}, _html_model)


def standalone(html: str) -> str:
    """HTML shown as a plain output (a spinner in a plain cell) that looks as it does in a
    %%rerun cell: inside a container of its own, with the page's stylesheets."""
    return f'<div class="jupyter-rerun-cell"><style>{_stylesheets()}</style>{html}</div>'


def _html_model(props: Any) -> Any:
    return models.html_box(props["value"])


@cache
def _stylesheets() -> str:
    return static_text("text.css") + static_text("status.css")  # markdown, then our boxes


def box(classes: str, style: str, *parts: str, **attributes: Any) -> str:
    """One element's outer `<div>`: its classes, its width, more attributes (`aria_valuenow=3`
    is `aria-valuenow="3"`), and its inner parts in order."""
    named = {"class": classes, "style": style,
             **{name.replace("_", "-"): str(value) for name, value in attributes.items()}}
    text = "".join(f' {name}="{escape(value)}"' for name, value in named.items() if value)
    return f"<div{text}>{''.join(parts)}</div>"
