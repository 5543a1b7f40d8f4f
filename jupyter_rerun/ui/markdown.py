"""Streamlit's markdown, rendered to HTML in the kernel, so JupyterLab and Voila show it
alike: CommonMark with tables and strikethrough, and Streamlit's extensions (the rules are
in markdown_rules.py):

- colours `:blue[…]` (red, orange, yellow, green, blue, violet, gray/grey, rainbow,
  primary), `:red-background[…]`, badges `:green-badge[…]`, `:small[…]`, `:shimmer[…]`,
  `:color[…]{foreground="#d50000" background="…"}`; the text inside is markdown too;
- emoji shortcodes (`:sunglasses:`), Material Symbols (`:material/home:`, drawn offline);
- LaTeX: `$…$` inline and `$$…$$` displayed;
- "<- -> <-> -- >= <= ~=" as "← → ↔ — ≥ ≤ ≈"; links open in a new tab; headings get ids.

    to_html("**bold** :blue[blue]")   -> '<p><strong>bold</strong> <span class="jr-color …</p>'
    to_html("a label", inline=True)   -> 'a label' (no paragraph)

Raw HTML in the text is escaped unless `allow_html=True` (Streamlit's unsafe_allow_html);
even then scripts and event handlers are taken out (sanitize.py), as they never run in
Streamlit's markdown either.

Text with math must be shown by a model that typesets it (`widgets.html_math`):
`render(text).math` says whether it has any. There, every dollar that is not math is
written `\\$`, so the typesetter leaves it alone.
"""

from __future__ import annotations

from functools import cache, lru_cache
from html import escape
from typing import Any, NamedTuple

from . import icons, markdown_rules as rules
from .sanitize import sanitize_html


class Rendered(NamedTuple):
    html: str
    math: bool  # it holds LaTeX: show it in a model that typesets (widgets.html_math)


@cache
def _parser(allow_html: bool) -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": allow_html, "linkify": False}).enable(
        ["table", "strikethrough"])
    md.inline.ruler.before("link", "jr_directive", rules.directive)
    md.inline.ruler.before("link", "jr_shortcode", rules.shortcode)
    md.inline.ruler.before("escape", "math_inline", rules.math_inline)
    md.block.ruler.before("fence", "math_block", rules.math_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.core.ruler.before("text_join", "jr_typography", rules.typography)
    md.core.ruler.push("jr_heading_ids", rules.heading_ids)
    for name, rule in _RENDER_RULES.items():
        md.add_render_rule(name, rule)
    return md


def to_html(text: str, allow_html: bool = False, inline: bool = False) -> str:
    """`text` (Streamlit markdown) as HTML; `inline`: without the enclosing paragraph."""
    return render(str(text), allow_html=allow_html, inline=inline).html


@lru_cache(maxsize=2048)  # a rerun renders the same texts again
def render(text: str, *, allow_html: bool = False, inline: bool = False,
           label: bool = False) -> Rendered:
    """`text` as HTML, and whether it holds math. `label`: for a widget's description,
    which ipywidgets always typesets and sanitises (see label_html)."""
    md = _parser(allow_html)
    env: dict[str, Any] = {"label": label}
    tokens = md.parseInline(text, env) if inline or label else md.parse(text, env)
    math = any(token.type.startswith("math") for token in _walk(tokens))
    env["typeset"] = math or label
    html = md.renderer.render(tokens, md.options, env).rstrip()
    return Rendered(sanitize_html(html) if allow_html else html, math)


def label_html(text: str) -> str:
    """A widget label (`description`, shown with description_allow_html): inline markdown,
    with strikethrough as a styled span (the label sanitiser drops `<del>`)."""
    return render(str(text), label=True).html


def label_text(text: str) -> str:
    """A label for a control that shows text only (a button): emoji shortcodes replaced,
    markdown marks kept as typed."""
    return rules.SHORTCODE.sub(lambda m: icons.emoji_for(m[1]) or m[0], str(text))


def _walk(tokens: list[Any]) -> Any:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


# -- how the extension tokens are written -----------------------------------------------
def _text(self: Any, tokens: list, index: int, options: Any, env: dict) -> str:
    text = escape(tokens[index].content, quote=False)
    return text.replace("$", "\\$") if env.get("typeset") else text


def _math(self: Any, tokens: list, index: int, options: Any, env: dict) -> str:
    token = tokens[index]
    return rules.math_html(token.content, display=token.block or token.markup == "$$")


def _icon(self: Any, tokens: list, index: int, options: Any, env: dict) -> str:
    return icons.material_icon(tokens[index].content)


def _link_open(self: Any, tokens: list, index: int, options: Any, env: dict) -> str:
    """Links open in a new tab (a click must not take the notebook's page away)."""
    token = tokens[index]
    if not str(token.attrGet("href") or "").startswith("#"):
        token.attrSet("target", "_blank")
        token.attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, index, options, env)


def _strike(self: Any, tokens: list, index: int, options: Any, env: dict) -> str:
    if not env.get("label"):
        return self.renderToken(tokens, index, options, env)
    opening = tokens[index].nesting == 1
    return '<span style="text-decoration:line-through">' if opening else "</span>"


_RENDER_RULES = {"text": _text, "math_inline": _math, "math_block": _math, "jr_icon": _icon,
                 "link_open": _link_open, "s_open": _strike, "s_close": _strike}
