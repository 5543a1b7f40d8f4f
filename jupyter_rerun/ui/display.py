"""Display elements, with Streamlit's signatures: title, header, subheader, markdown, text,
and `write` (write.py), which dispatches to these and to the other families' elements.

Each draws one HTML model made in the kernel (html_element.py): inside a %%rerun cell it
keeps its model across reruns and updates it in place; outside one it is shown once.
Bodies are Streamlit markdown (markdown.py), dedented and stripped as Streamlit does.
"""

from __future__ import annotations

import html as html_module
import re
import textwrap
import weakref
from html import escape
from typing import Any

from ..capture import OutputBuffer, routed_to
from ..errors import ElementError
from ..rerun.context import current_run
from . import icons, markdown_rules
from .element import Handle
from .html_element import NO_WRAP, check_wrap, help_html, layout_style, show_html
from .markdown import render

DIVIDER_COLORS = ("blue", "green", "orange", "red", "violet", "yellow")  # divider=True, in turn
DIVIDER_NAMES = (*DIVIDER_COLORS, "gray", "grey", "rainbow")
_dividers_drawn: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def clean_text(body: Any) -> str:
    """Streamlit's body text: `str(body)`, dedented, stripped."""
    return textwrap.dedent(str(body)).strip()


def title(body: Any, anchor: str | bool | None = None, *, help: str | None = None,
          icon: str | None = None, width: int | str = "stretch", text_alignment: str = "left",
          wrap: bool = True) -> Handle:
    """A page title (a level-1 heading). `body` is markdown; `anchor` names its #anchor
    (made from the text when None; False hides the link); `icon` is an emoji, a
    `:material/name:` icon or "spinner"; `help` is a tooltip (markdown)."""
    return _heading("title", "h1", body, anchor, help, icon, False, width, text_alignment, wrap)


def header(body: Any, anchor: str | bool | None = None, *, help: str | None = None,
           icon: str | None = None, divider: bool | str = False, width: int | str = "stretch",
           text_alignment: str = "left", wrap: bool = True) -> Handle:
    """A section header (a level-2 heading); `divider` draws a coloured line under it
    (True: blue, then green, orange, red, violet, yellow for the next ones; or a colour
    name: blue, green, orange, red, violet, yellow, gray/grey, rainbow)."""
    return _heading("header", "h2", body, anchor, help, icon, divider, width, text_alignment, wrap)


def subheader(body: Any, anchor: str | bool | None = None, *, help: str | None = None,
              icon: str | None = None, divider: bool | str = False,
              width: int | str = "stretch", text_alignment: str = "left",
              wrap: bool = True) -> Handle:
    """A subsection header (a level-3 heading); the parameters are header's."""
    return _heading("subheader", "h3", body, anchor, help, icon, divider, width,
                    text_alignment, wrap)


def _heading(kind: str, tag: str, body: Any, anchor: Any, help: Any, icon: Any, divider: Any,
             width: Any, text_alignment: str, wrap: Any) -> Handle:
    where = f"jr.{kind}"
    text = clean_text(body)
    if not check_wrap(where, wrap):
        text = text.split("\n", 1)[0]
    rendered = render(text, inline=True)
    name = _anchor(where, anchor, rendered.html)
    link = "" if anchor is False else (
        f'<a class="jr-anchor" href="#{escape(name)}" aria-hidden="true" tabindex="-1">'
        f'{icons.material_icon("link")}</a>')
    mark = icons.icon_html(icon, parameter=f"{where}: icon", spinner=True)
    mark = f'<span class="jr-heading-icon">{mark}</span>' if mark else ""
    nowrap = f' style="{NO_WRAP}"' if not wrap else ""
    heading = (f'<{tag} id="{escape(name)}" class="jr-heading-text"{nowrap}>{mark}'
               f'{rendered.html}{link}{help_html(help)}</{tag}>')
    style = layout_style(where, width, text_alignment=text_alignment)
    return show_html(kind, heading + _divider(where, divider), math=rendered.math, style=style)


def _anchor(where: str, anchor: Any, html: str) -> str:
    if anchor is None or anchor is False:
        return markdown_rules.slug(_plain(html))
    if isinstance(anchor, str) and anchor:
        return anchor
    raise ElementError(f"{where}: anchor={anchor!r}; it takes None (an anchor made from the "
                       "text), False (no anchor link) or a string")


def _plain(html: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]*>", "", html))


def _divider(where: str, divider: Any) -> str:
    if divider is False or divider is None:
        return ""
    if divider is True:
        run = current_run()
        drawn = _dividers_drawn.get(run, 0) if run is not None else 0
        if run is not None:
            _dividers_drawn[run] = drawn + 1
        divider = DIVIDER_COLORS[drawn % len(DIVIDER_COLORS)]
    elif divider not in DIVIDER_NAMES:
        raise ElementError(f"{where}: divider={divider!r}; it takes True, False or a colour: "
                           f"{', '.join(repr(name) for name in DIVIDER_NAMES)}")
    return divider_html(divider)


def divider_html(color: str | None = None) -> str:
    """A horizontal rule; under a heading, in a palette colour (or rainbow)."""
    if color is None:
        return '<hr class="jr-rule">'
    if color == "rainbow":
        fill = markdown_rules.RAINBOW
    else:
        fill = markdown_rules.color_style(color, "").removeprefix("color:")
    return (f'<hr class="jr-rule jr-rule-{color}" style="background:{fill};border:none;'
            'height:2px;margin:0.5rem 0 1rem 0">')


def markdown(body: Any, unsafe_allow_html: bool = False, *, help: str | None = None,
             width: int | str = "auto", text_alignment: str = "left", anchors: bool = True,
             wrap: bool = True) -> Handle:
    """Streamlit markdown (see markdown.py for the extensions: colours, badges, emoji,
    icons, LaTeX). Raw HTML is escaped unless `unsafe_allow_html`; `wrap=False` keeps it
    to one line (inline markdown, cut with an ellipsis); `anchors` is accepted (headings
    get ids; no link icon is drawn next to them here)."""
    return markdown_element("markdown", body, unsafe_allow_html, help, width,
                            ("auto", "stretch", "content"), text_alignment, wrap)


def markdown_element(kind: str, body: Any, allow_html: Any, help: Any, width: Any,
                     widths: tuple[str, ...], text_alignment: str, wrap: Any) -> Handle:
    """Element `kind` showing `body` as markdown (markdown and caption)."""
    where = f"jr.{kind}"
    if not check_wrap(where, wrap) and allow_html:
        raise ElementError(f"{where}: wrap=False cannot be combined with unsafe_allow_html="
                           "True (one line cannot cut raw HTML short); pass wrap=True to "
                           "show the HTML, or leave out unsafe_allow_html")
    rendered = render(clean_text(body), allow_html=bool(allow_html), inline=not wrap)
    style = layout_style(where, width, allowed=widths, text_alignment=text_alignment)
    style = ";".join(part for part in (style, "" if wrap else NO_WRAP) if part)
    return show_html(kind, rendered.html, math=rendered.math, help=help, style=style)


def text(body: Any, *, help: str | None = None, width: int | str = "content",
         text_alignment: str = "left", wrap: bool = True) -> Handle:
    """Text as it is: no markdown, no HTML; whitespace and line breaks kept."""
    where = "jr.text"
    value = clean_text(body)
    if not check_wrap(where, wrap):
        value = " ".join(value.splitlines())
    style = layout_style(where, width, text_alignment=text_alignment)
    style = ";".join(part for part in (style, "white-space:pre-wrap" if wrap else NO_WRAP) if part)
    return show_html("text", escape(value, quote=False), help=help, style=style)


def _element(fill: Any) -> Handle:
    """An element of output mime data (what `display()` shows): `fill(display_data)`
    produces its outputs. Inside a run it is an output slot of its own."""
    run = current_run()
    if run is None:
        from IPython.display import publish_display_data

        fill(lambda data, metadata=None: publish_display_data(data, metadata))
        return Handle(None)
    run.checkpoint()
    replaced = run.take_replacement()
    element = OutputBuffer()
    with routed_to(element):
        fill(lambda data, metadata=None: element.display(data, metadata or {}, None, False))
    return Handle(run, None, *run.place(element, replaced),
                  identity=replaced.identity if replaced is not None else ())


from .write import write, write_stream  # noqa: E402  (write dispatches to the elements above)
