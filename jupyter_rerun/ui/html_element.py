"""Elements that are HTML made in the kernel (headings, markdown, captions, text, JSON,
help): one HTML model each, drawn through the element mechanism, so a rerun updates it in
place, an unchanged one sends nothing, and a cached function's are replayed on a hit.

The model is an HTMLMath when the HTML holds LaTeX (the front end typesets it), an HTML
otherwise. Outside a %%rerun cell an element is shown once, with the text stylesheet in
its HTML (the page stylesheet only comes with %%rerun containers).
"""

from __future__ import annotations

import numbers
from typing import Any

from ..errors import ElementError
from ..widgets import text as models
from . import icons
from .element import Handle, show
from .markdown import render

ALIGNMENTS = ("left", "center", "right", "justify")


def show_html(kind: str, body: str, *, math: bool = False, help: Any = None, style: str = "",
              classes: str = "", hidden: bool = False) -> Handle:
    """Draw element `kind` showing `body` (HTML), in a `<div class="jr-{kind}">` with
    `style`, and a help tooltip when `help` is given."""
    tip = help_html(help)
    names = " ".join(name for name in (f"jr-{kind}", classes, "jr-has-tip" if tip else "") if name)
    value = (f'<div class="{names}"{f" style={_quoted(style)}" if style else ""}>'
             f'{body}{tip}</div>')
    model_classes = ("jr-element", f"jr-element-{kind}")

    def make(props: Any) -> Any:
        return models.html(props["value"], math=math, classes=model_classes,
                           hidden=props["hidden"])

    def update(model: Any, props: Any, previous: Any) -> None:
        models.set_html(model, props["value"], props["hidden"])

    # LaTeX needs the typesetting model: another kind, so a text that gains math gets one
    return show(f"{kind}+math" if math else kind, {"value": value, "hidden": hidden},
                make, update)


def help_html(help: Any) -> str:
    """Streamlit's help icon: a ⓘ-like mark whose tooltip shows `help` (markdown)."""
    if help is None or help == "":
        return ""
    tip = render(str(help)).html
    return (f'<span class="jr-tip" tabindex="0">{icons.material_icon("help")}'
            f'<span class="jr-tip-text" style="display:none">{tip}</span></span>')


def layout_style(where: str, width: Any, *, allowed: tuple[str, ...] = ("stretch", "content"),
                 text_alignment: str | None = None) -> str:
    """The CSS of Streamlit's `width` ("stretch", "content", pixels) and `text_alignment`;
    a value Streamlit refuses is an ElementError naming what it takes."""
    styles = []
    if isinstance(width, numbers.Integral) and not isinstance(width, bool) and width > 0:
        styles.append(f"width:{int(width)}px;max-width:100%")
    elif width == "content" and "content" in allowed:
        styles.append("width:fit-content;max-width:100%")
    elif width not in allowed:
        takes = " or ".join(repr(name) for name in allowed if name != "auto")
        raise ElementError(f"{where}: width={width!r}; it takes {takes}, or a positive "
                           "number of pixels")
    if text_alignment is not None:
        if text_alignment not in ALIGNMENTS:
            raise ElementError(f"{where}: text_alignment={text_alignment!r}; it takes "
                               "'left', 'center', 'right' or 'justify'")
        if text_alignment != "left":
            styles.append(f"text-align:{text_alignment}")
    return ";".join(styles)


def check_wrap(where: str, wrap: Any) -> bool:
    if not isinstance(wrap, bool):
        raise ElementError(f"{where}: wrap={wrap!r}; it takes True or False")
    return wrap


NO_WRAP = "white-space:nowrap;overflow:hidden;text-overflow:ellipsis"


def _quoted(style: str) -> str:
    return '"' + style.replace('"', "&quot;") + '"'
