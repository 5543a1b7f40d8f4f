"""Streamlit's markdown, rendered to HTML in the kernel, so JupyterLab and Voila show it
alike: CommonMark with tables and strikethrough, and Streamlit's extensions.

    to_html("**bold** :blue[blue]")        -> '<p><strong>bold</strong> <span …>blue</span></p>'
    to_html("a label", inline=True)        -> 'a label' (no paragraph: for labels)

Raw HTML in the text is escaped unless `allow_html=True` (Streamlit's unsafe_allow_html).
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _parser(allow_html: bool) -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": allow_html, "linkify": False}).enable(
        ["table", "strikethrough"])


def to_html(text: str, *, allow_html: bool = False, inline: bool = False) -> str:
    """`text` (Streamlit markdown) as HTML; `inline`: without the enclosing paragraph."""
    parser = _parser(allow_html)
    return parser.renderInline(text) if inline else parser.render(text)
