"""The text elements' models: HTML made in the kernel (headings, markdown, captions, JSON
trees, help), typeset when it holds LaTeX, and `HTMLBlock`, HTML with a script of ours
(static/html_block.js): jr.code's copy button, jr.html's scripts when they may run."""

from __future__ import annotations

from collections.abc import Sequence

import anywidget
import ipywidgets
import traitlets

from . import SharedLayout, layout_model, style_model
from .library import static_text


def html(value: str, *, math: bool, classes: Sequence[str], hidden: bool = False) -> ipywidgets.HTML:
    """An HTML model (HTMLMath when `math`: the front end typesets its \\(…\\) and \\[…\\])
    as wide as its column; `hidden`: takes no room (a <style>-only st.html)."""
    cls = ipywidgets.HTMLMath if math else ipywidgets.HTML
    model = cls(value, layout=layout_model(width="100%", display="none" if hidden else None),
                style=style_model(cls))
    for name in classes:
        model.add_class(name)
    return model


def set_html(model: ipywidgets.HTML, value: str, hidden: bool) -> None:
    """Show `value` in place: one message carrying what changed."""
    if model.value != value:
        model.value = value
    display = "none" if hidden else None
    if model.layout.display != display:  # shared layouts are swapped, never changed
        model.layout = layout_model(width="100%", display=display)


class HTMLBlock(SharedLayout, anywidget.AnyWidget):
    """`html`, drawn by static/html_block.js: a `.jr-code-copy` button in it copies the
    text of its `.jr-code-text` lines (not the line numbers); `scripts`: its <script>
    elements run."""

    _esm = static_text("html_block.js")
    html = traitlets.Unicode("").tag(sync=True)
    scripts = traitlets.Bool(False).tag(sync=True)


def html_block(value: str, classes: Sequence[str], scripts: bool = False) -> HTMLBlock:
    model = HTMLBlock(html=value, scripts=scripts,
                      layout=layout_model(width="100%", min_width="0"))
    for name in classes:
        model.add_class(name)
    return model
