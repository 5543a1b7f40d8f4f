"""Text elements: caption, code, latex, divider, echo, help, html, badge, json (Streamlit's
signatures), and write_stream.

Each element is a small function over the one element mechanism (`element.show`): HTML
made in the kernel (html_element.py), or, for `code`, a model with a copy button.
"""

from __future__ import annotations

import json as json_module
import re
import warnings
from pathlib import Path
from typing import Any

from ..errors import ElementError
from ..widgets import text as models
from . import icons, markdown_rules
from .code_html import code_html
from .display import clean_text, divider_html, markdown_element
from .element import Handle, show
from .help_info import help_html as help_box
from .html_element import layout_style, show_html
from .json_tree import loads, tree_html
from .markdown import render
from .sanitize import sanitize_html
from .source import argument_text, caller, with_block
from .write import write_stream

__all__: list[str] = ["caption", "code", "latex", "divider", "echo", "help", "html", "badge",
                      "json", "write_stream"]

BADGE_COLORS = ("red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary")
_STYLE_ONLY = re.compile(r"(\s|<!--.*?-->|<style[^>]*>.*?</style>)*", re.S | re.I)


def caption(body: Any, unsafe_allow_html: bool = False, *, help: str | None = None,
            width: int | str = "stretch", text_alignment: str = "left",
            wrap: bool = True) -> Handle:
    """Small grey text (markdown) for captions, asides and footnotes."""
    return markdown_element("caption", body, unsafe_allow_html, help, width,
                            ("stretch", "content"), text_alignment, wrap)


def code(body: Any, language: str | None = "python", *, line_numbers: bool = False,
         wrap_lines: bool = False, height: int | str | None = "content",
         width: int | str = "stretch") -> Handle:
    """A code block, highlighted for `language` (Pygments; None or an unknown name: plain
    text), with a copy button; `height` "content", "stretch" or pixels (then it scrolls)."""
    text = re.sub(r"\n\Z", "", re.sub(r"\A\n", "", str(body)))
    height = "content" if height is None else height
    if not (height in ("content", "stretch") or (isinstance(height, int) and height > 0
                                                 and not isinstance(height, bool))):
        raise ElementError(f"jr.code: height={height!r}; it takes 'content', 'stretch' or a "
                           "positive number of pixels")
    inner = code_html(text, language, line_numbers=bool(line_numbers),
                      wrap_lines=bool(wrap_lines), height=height)
    value = f'<div class="jr-code" style="{layout_style("jr.code", width)}">{inner}</div>'
    return _scripted("code", value, scripts=False)


def _scripted(kind: str, value: str, scripts: bool) -> Handle:
    """Element `kind`: HTML with a script of ours (a copy button; the HTML's own scripts)."""
    classes = ("jr-element", f"jr-element-{kind}")
    return show(f"{kind}+scripts" if scripts else kind, {"html": value},
                lambda props: models.html_block(props["html"], classes, scripts))


def latex(body: Any, *, help: str | None = None, width: int | str = "stretch") -> Handle:
    """A LaTeX expression, displayed (a string, or a SymPy expression)."""
    if any(cls.__module__.startswith("sympy") for cls in type(body).__mro__[:-1]):
        import sympy

        body = sympy.latex(body)
    html = markdown_rules.math_html(clean_text(body), display=True)
    return show_html("latex", html, math=True, help=help, style=layout_style("jr.latex", width))


def divider(*, width: int | str = "stretch") -> Handle:
    """A horizontal rule."""
    return show_html("divider", divider_html(), style=layout_style("jr.divider", width,
                                                                   allowed=("stretch",)))


def badge(label: str, *, icon: str | None = None, color: str = "blue",
          width: int | str = "content", help: str | None = None) -> Handle:
    """A coloured badge: `label` (inline markdown), an optional icon (one emoji or
    `:material/name:`), `color` one of red, orange, yellow, blue, green, violet, gray/grey,
    primary."""
    if color not in BADGE_COLORS:
        raise ElementError(f"jr.badge: color={color!r}; it takes "
                           f"{', '.join(repr(name) for name in BADGE_COLORS)}")
    mark = icons.icon_html(icon, parameter="jr.badge: icon")
    body = render(str(label).replace("[", "\\[").replace("]", "\\]"), inline=True)
    style = markdown_rules.color_style(color, "-badge")
    html = (f'<span class="jr-badge jr-badge-{color}" style="{style}">'
            f'{mark}{" " if mark else ""}{body.html}</span>')
    return show_html("badge", html, math=body.math, help=help,
                     style=layout_style("jr.badge", width))


def json(body: Any, *, expanded: bool | int = True, width: int | str = "stretch") -> Handle:
    """An object (or JSON text) as a tree the reader can fold: `expanded` True (all open),
    False (folded), or how many levels start open."""
    if isinstance(expanded, bool) or (isinstance(expanded, int) and expanded >= 0):
        pass
    else:
        raise ElementError(f"jr.json: expanded={expanded!r}; it takes True, False or a "
                           "number of levels (0 or more)")
    value, warning = _json_value(body)
    style = layout_style("jr.json", width, allowed=("stretch",))
    html = (f'<div class="jr-json-warning">{warning}</div>' if warning else "") + tree_html(value, expanded)
    return show_html("json", html, style=style)


def _json_value(body: Any) -> tuple[Any, str]:
    """The value st.json shows for `body` (what json.dumps makes of it: sets as lists,
    anything else as its repr), and a warning when some keys could not be kept."""
    if isinstance(body, str):
        return loads(body), ""
    to_dict = getattr(body, "to_dict", None) or getattr(body, "_asdict", None)
    if callable(to_dict) and not isinstance(body, type):
        body = to_dict()
    elif callable(getattr(body, "model_dump", None)) and not isinstance(body, type):
        body = body.model_dump()
    elif not isinstance(body, (dict, list, tuple)) and hasattr(body, "__iter__") and not hasattr(body, "keys"):
        body = list(body)

    def default(value: Any) -> Any:
        return list(value) if isinstance(value, (set, frozenset)) else repr(value)

    try:
        return json_module.loads(json_module.dumps(body, default=default)), ""
    except TypeError as error:
        text = json_module.dumps(body, default=default, skipkeys=True)
        return json_module.loads(text), (f"Warning: this data was not fully serializable as "
                                         f"JSON, some keys were left out ({error})")


_PACKAGE = object()  # help()'s default: jupyter_rerun itself (being imported while this is)


def help(obj: Any = _PACKAGE, *, width: int | str = "stretch") -> Handle:
    """An object's documentation: its name, type, value or signature, docstring and
    members (without an argument: jupyter_rerun's)."""
    if obj is _PACKAGE:
        import jupyter_rerun as obj
    where = caller()
    name = argument_text(*where, "help", "write") if where else None
    return show_html("help", help_box(obj, name), style=layout_style("jr.help", width,
                                                                       allowed=("stretch",)))


def html(body: Any, *, width: int | str = "stretch", unsafe_allow_javascript: bool = False) -> Handle:
    """HTML, shown as it is, with scripts, event handlers and javascript: links taken out
    (Streamlit sanitises it too). `body`: a string of HTML, a `pathlib.Path` of an HTML
    file (a .css file is wrapped in <style>), or an object with `_repr_html_()`. Only
    <style> sheets: applied to the page, taking no room. `unsafe_allow_javascript=True`:
    shown as it is, and its <script>s run (never pass it HTML you did not write)."""
    content = _html_content(body)
    if content == "":
        raise ElementError("jr.html: the HTML is empty; pass some HTML")
    style = layout_style("jr.html", width)
    if unsafe_allow_javascript:
        return _scripted("html", f'<div class="jr-html" style="{style}">{content}</div>', True)
    style_only = _STYLE_ONLY.fullmatch(content) is not None
    return show_html("html", sanitize_html(content), hidden=style_only, style=style)


def _html_content(body: Any) -> str:
    if callable(getattr(body, "_repr_html_", None)):
        return str(body._repr_html_())
    if isinstance(body, Path):
        text = body.read_text(encoding="utf-8")
        return f"<style>{text}</style>" if body.suffix.lower() == ".css" else text
    text = clean_text(body)
    if len(text) < 4096 and "<" not in text and text and Path(text).is_file():
        warnings.warn(f"jr.html({text!r}): a file path given as a string is shown as text, as "
                      "in Streamlit; to show the file, pass pathlib.Path(...)", stacklevel=3)
    return text


class echo:
    """`with jr.echo():` shows the code of its block, then runs it (`code_location`:
    "above" or "below" what the block draws)."""

    def __init__(self, code_location: str = "above") -> None:
        if code_location not in ("above", "below"):
            raise ElementError(f"jr.echo: code_location={code_location!r}; it takes 'above' "
                               "or 'below'")
        self.code_location = code_location
        self._source: str | None = None

    def __enter__(self) -> None:
        where = caller()
        self._source = with_block(*where) if where else None
        if self.code_location == "above":
            self._show()

    def __exit__(self, *exc_info: Any) -> None:
        if self.code_location == "below" and exc_info[0] is None:
            self._show()

    def _show(self) -> None:
        if self._source is not None:
            code(self._source, "python")
        else:
            caption("jr.echo: unable to display the code: its source is not in a file or a "
                    "notebook cell")
