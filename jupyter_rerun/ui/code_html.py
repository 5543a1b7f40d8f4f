"""Code highlighted in the kernel with Pygments, as HTML that needs no stylesheet: one row
per line (`.jr-code-line`: an optional line number that selection and the copy button
skip, then `.jr-code-text`), each token coloured by an inline style."""

from __future__ import annotations

from functools import cache
from html import escape
from typing import Any

from . import icons

STYLE = "default"  # Pygments' default: readable on Streamlit's light grey code background
BOX = "position:relative;background:#f0f2f6;border-radius:0.5rem;margin:0 0 1rem 0"
LINES = ("margin:0;padding:1rem 2.75rem 1rem 1rem;overflow:auto;font-family:'Source Code Pro',"
         "SFMono-Regular,Menlo,Consolas,monospace;font-size:14px;line-height:1.6;color:#31333f;"
         "background:transparent")
NUMBER = ("user-select:none;flex:0 0 auto;min-width:2em;padding-right:1em;text-align:right;"
          "color:rgba(49,51,63,0.4)")
COPY = ("position:absolute;top:0.35rem;right:0.35rem;border:none;border-radius:0.25rem;"
        "background:transparent;color:rgba(49,51,63,0.6);cursor:pointer;padding:0.25rem;"
        "line-height:0;font-size:16px")


def code_html(code: str, language: str | None, *, line_numbers: bool, wrap_lines: bool,
              height: Any) -> str:
    """The HTML of a code block (see the module docstring); `height` "content", "stretch"
    or pixels (a taller block scrolls)."""
    lines = "".join(_line(number, tokens, line_numbers)
                    for number, tokens in enumerate(_lines(code, language), start=1))
    space = "pre-wrap;overflow-wrap:anywhere" if wrap_lines else "pre"
    size = {"content": "", "stretch": ";height:100%"}.get(height, f";max-height:{height}px")
    button = (f'<button class="jr-code-copy" type="button" title="Copy to clipboard" '
              f'style="{COPY}">{icons.material_icon("content_copy")}</button>')
    return (f'<div class="jr-code-box" style="{BOX}">{button}<pre class="jr-code-lines" '
            f'style="{LINES};white-space:{space}{size}">{lines}</pre></div>')


def _line(number: int, tokens: list[str], line_numbers: bool) -> str:
    label = f'<span class="jr-line-number" style="{NUMBER}">{number}</span>' if line_numbers else ""
    return (f'<div class="jr-code-line" style="display:flex;min-height:1.6em">{label}'
            f'<span class="jr-code-text" style="flex:1 1 auto;min-width:0">{"".join(tokens)}</span></div>')


def _lines(code: str, language: str | None) -> list[list[str]]:
    """The code's lines, each a list of token HTML (a token spanning lines is cut)."""
    lines: list[list[str]] = [[]]
    for kind, value in _lexer(language or "text").get_tokens(code):
        style = _token_style(kind)
        for index, part in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if part:
                text = escape(part, quote=False)
                lines[-1].append(f'<span style="{style}">{text}</span>' if style else text)
    return lines


@cache
def _lexer(language: str) -> Any:
    """The Pygments lexer for Streamlit's `language` (Prism's names); plain text for one
    Pygments does not know, as Streamlit shows it."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return get_lexer_by_name("text", stripnl=False, ensurenl=False)


@cache
def _token_style(kind: Any) -> str:
    from pygments.styles import get_style_by_name

    found = get_style_by_name(STYLE).style_for_token(kind)
    parts = [f"color:#{found['color']}"] if found["color"] else []
    parts += ["font-weight:bold"] * bool(found["bold"]) + ["font-style:italic"] * bool(found["italic"])
    return ";".join(parts)
