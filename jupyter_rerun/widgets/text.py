"""The text elements' models: HTML made in the kernel (headings, markdown, captions, JSON
trees, help), typeset when it holds LaTeX, and `CodeBlock` (highlighted code with a copy
button, static/code_block.js)."""

from __future__ import annotations

from collections.abc import Sequence

import anywidget
import ipywidgets
import traitlets

from .library import static_text


def html(value: str, *, math: bool, classes: Sequence[str], hidden: bool = False) -> ipywidgets.HTML:
    """An HTML model (HTMLMath when `math`: the front end typesets its \\(…\\) and \\[…\\])
    as wide as its column; `hidden`: takes no room (a <style>-only st.html)."""
    cls = ipywidgets.HTMLMath if math else ipywidgets.HTML
    model = cls(value, layout=ipywidgets.Layout(width="100%", display="none" if hidden else None))
    for name in classes:
        model.add_class(name)
    return model


def set_html(model: ipywidgets.HTML, value: str, hidden: bool) -> None:
    """Show `value` in place: one message carrying what changed."""
    if model.value != value:
        model.value = value
    display = "none" if hidden else None
    if model.layout.display != display:
        model.layout.display = display


class CodeBlock(anywidget.AnyWidget):
    """`html`: the highlighted code, one `.jr-code-text` element per line, and the copy
    button, which copies those lines' text (not the line numbers)."""

    _esm = static_text("code_block.js")
    html = traitlets.Unicode("").tag(sync=True)


def code_block(value: str, classes: Sequence[str]) -> CodeBlock:
    model = CodeBlock(html=value, layout=ipywidgets.Layout(width="100%", min_width="0"))
    for name in classes:
        model.add_class(name)
    return model
