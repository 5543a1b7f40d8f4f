"""Streamlit's markdown extensions as markdown-it rules: `:blue[…]` directives, emoji
shortcodes and `:material/…:` icons, `$…$` / `$$…$$` math, typographic arrows, heading
anchors. `markdown.py` puts them in a parser; each rule reads the source at the parser's
position, so code spans, escapes and links keep their meaning around and inside them.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from . import icons

# The colours of `:color[…]`, `:color-background[…]`, `:color-badge[…]` (light theme).
PALETTE = {
    "red": (255, 43, 43), "orange": (237, 125, 0), "yellow": (212, 167, 0),
    "green": (33, 161, 66), "blue": (28, 131, 225), "violet": (128, 61, 245),
    "gray": (128, 132, 149), "primary": (255, 75, 75),
}
COLORS = (*PALETTE, "grey", "rainbow")
RAINBOW = "linear-gradient(to right, #ff2b2b, #ed7d00, #d4a700, #21a142, #1c83e1, #803df5)"
BADGE = "display:inline-block;padding:0 0.375em;border-radius:0.25em;font-size:0.875em;line-height:1.5"
SHIMMER = ("background:linear-gradient(90deg, currentColor 40%, rgba(128,132,149,0.35) 50%, "
           "currentColor 60%) 0 0/200% 100%;-webkit-background-clip:text;background-clip:text;"
           "-webkit-text-fill-color:transparent;animation:jr-shimmer 2s linear infinite")

_DIRECTIVE = re.compile(r":([a-z]+)(-background|-badge)?\[")
_ATTRIBUTE = re.compile(r'\s*(foreground|background)\s*=\s*"([^"]*)"\s*')
# what `foreground="…"` takes (it goes into a style attribute: nothing else may pass)
_CSS_COLOR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgba?|hsla?)\([0-9.,%\s]+\)")
SHORTCODE = re.compile(r":([a-zA-Z0-9_+\-]+):")
_ICON = re.compile(r":material/([a-z0-9_]+):")
_TYPOGRAPHY = re.compile(r"<->|->|<-|--|>=|<=|~=")
_SYMBOLS = {"<->": "↔", "->": "→", "<-": "←", "--": "—", ">=": "≥", "<=": "≤", "~=": "≈"}


def color_style(color: str, variant: str) -> str:
    """The inline style of a palette colour: text, "-background" or "-badge"."""
    if color == "rainbow":
        if variant == "-background":
            return f"background:{RAINBOW};color:white;padding:0 0.2em;border-radius:0.25em"
        return (f"background:{RAINBOW};-webkit-background-clip:text;background-clip:text;"
                "-webkit-text-fill-color:transparent")
    red, green, blue = PALETTE["gray" if color == "grey" else color]
    text, tint = f"rgb({red},{green},{blue})", f"rgba({red},{green},{blue},0.15)"
    if variant == "-background":
        return f"background-color:{tint};padding:0 0.2em;border-radius:0.25em"
    if variant == "-badge":
        return f"{BADGE};color:{text};background-color:rgba({red},{green},{blue},0.12)"
    return f"color:{text}"


def _directive_style(name: str, variant: str, src: str, after: int) -> tuple[str, str, int] | None:
    """(classes, style, end) of a directive named `name` whose label ends at `after`."""
    if name in COLORS and not (variant == "-badge" and name == "rainbow"):
        kind = {"": "color", "-background": "background", "-badge": "badge"}[variant]
        return f"jr-{kind} jr-{kind}-{name}", color_style(name, variant), after
    if variant:
        return None
    if name == "small":
        return "jr-small", "font-size:0.875em", after
    if name == "shimmer":
        return "jr-shimmer", SHIMMER, after
    if name == "color" and src.startswith("{", after):
        end = src.find("}", after)
        if end < 0:
            return None
        styles = []
        for attribute, value in _ATTRIBUTE.findall(src[after + 1:end]):
            if _CSS_COLOR.fullmatch(value.strip()):
                styles.append(f"{'color' if attribute == 'foreground' else 'background-color'}:"
                              f"{value.strip()}")
        return "jr-color jr-color-custom", ";".join(styles), end + 1
    return None


def directive(state: Any, silent: bool) -> bool:
    """`:blue[text]`, `:red-background[…]`, `:green-badge[…]`, `:small[…]`, `:shimmer[…]`,
    `:color[…]{foreground="…" background="…"}`: the text inside is markdown too."""
    match = _DIRECTIVE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    label_start = match.end() - 1
    label_end = state.md.helpers.parseLinkLabel(state, label_start)
    if label_end < 0:
        return False
    found = _directive_style(match[1], match[2] or "", state.src, label_end + 1)
    if found is None:
        return False
    classes, style, end = found
    if not silent:
        token = state.push("jr_span_open", "span", 1)
        token.attrs = {"class": classes, **({"style": style} if style else {})}
        old_max, state.pos, state.posMax = state.posMax, label_start + 1, label_end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("jr_span_close", "span", -1)
    state.pos = end
    return True


def shortcode(state: Any, silent: bool) -> bool:
    """`:material/home:` (an icon) and `:sunglasses:` (an emoji); an unknown `:name:` stays
    as it is written."""
    icon = _ICON.match(state.src, state.pos, state.posMax)
    if icon is not None:
        if not silent:
            state.push("jr_icon", "span", 0).content = icon[1]
        state.pos = icon.end()
        return True
    code = SHORTCODE.match(state.src, state.pos, state.posMax)
    emoji = icons.emoji_for(code[1]) if code is not None else None
    if emoji is None:
        return False
    if not silent:
        state.push("text", "", 0).content = emoji
    state.pos = code.end()  # type: ignore[union-attr]
    return True


def math_inline(state: Any, silent: bool) -> bool:
    """`$x^2$` as Streamlit reads it (no space just inside the dollars, no digit right after
    the closing one, so "$5 and $10" stays text), and `$$…$$` inside a line (displayed)."""
    src, start, end_limit = state.src, state.pos, state.posMax
    if src[start] != "$":
        return False
    display = src.startswith("$$", start)
    opening = 2 if display else 1
    if start + opening >= end_limit or src[start + opening].isspace():
        return False
    close = start + opening
    while True:
        close = src.find("$$" if display else "$", close, end_limit)
        if close < 0:
            return False
        if display or not (src[close - 1].isspace() or src[close - 1] == "\\"
                           or src[close + 1:close + 2].isdigit()):
            break
        close += 1
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content, token.markup = src[start + opening:close], "$$" if display else "$"
    state.pos = close + opening
    return True


def math_block(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
    """`$$` on a line of its own, the LaTeX, `$$` again (or `$$…$$` as the whole line)."""
    begin = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[begin:state.eMarks[start_line]].strip()
    if state.is_code_block(start_line) or not first.startswith("$$"):
        return False
    rest = first[2:]
    if "$$" in rest:  # one line: the whole line, or it is inline math in a paragraph
        if rest.index("$$") != len(rest) - 2 or len(rest) == 2:
            return False
        body, line = rest[:-2], start_line + 1
    else:
        lines, line = [rest], start_line + 1
        while line < end_line:
            text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]].rstrip()
            line += 1
            if text.endswith("$$"):
                lines.append(text[:-2])
                break
            lines.append(text)
        else:
            return False
        body = "\n".join(lines)
    if not silent:
        token = state.push("math_block", "math", 0)
        token.block, token.content, token.markup = True, body.strip(), "$$"
        token.map = [start_line, line]
    state.line = line
    return True


def typography(state: Any) -> None:
    """"<- -> <-> -- >= <= ~=" become "← → ↔ — ≥ ≤ ≈", in text only (not in code)."""
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "text" and _TYPOGRAPHY.search(token.content):
                token.content = _TYPOGRAPHY.sub(lambda m: _SYMBOLS[m[0]], token.content)


def heading_ids(state: Any) -> None:
    """Headings get an id made from their text, as Streamlit's do (for #anchor links)."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and token.attrGet("id") is None:
            text = "".join(child.content for child in tokens[index + 1].children or ()
                           if child.type in ("text", "code_inline"))
            token.attrSet("id", slug(text))


def slug(text: str) -> str:
    """'Hello, World!' -> 'hello-world' (a heading's anchor)."""
    words = re.sub(r"[^\w\s-]", "", text.lower()).split()
    return "-".join(words)


def math_html(content: str, display: bool) -> str:
    """Math for the front end's typesetter (ipywidgets.HTMLMath): \\(…\\) or \\[…\\]."""
    if display:
        return f'<div class="jr-math jr-math-display">\\[{escape(content)}\\]</div>'
    return f'<span class="jr-math">\\({escape(content)}\\)</span>'
