"""Icons and emoji, drawn offline: `:material/home:` icons, `:sunglasses:` shortcodes, and
the `icon=` parameter of headings, badges and alerts.

Streamlit draws Material Symbols with Google's icon font, fetched from a CDN. Here each
icon's outline ships with the package (static/material-symbols-rounded.json.xz, built by
tools/build_material_symbols.py) and is drawn as a CSS mask filled with the text colour:
a `<span style="-webkit-mask: url('data:image/svg+xml,…')">`. A span with a style is what
survives everywhere markdown is shown: HTML models, and widget labels, whose sanitiser
drops `<svg>` and `data:` image sources but keeps `style`.
"""

from __future__ import annotations

import json
import lzma
from functools import cache
from html import escape
from importlib import resources

from ..errors import ElementError

ICON_STYLE = ("display:inline-block;width:1.25em;height:1.25em;vertical-align:-0.25em;"
              "background-color:currentColor;-webkit-mask:url('{url}') center/contain no-repeat")
MISSING_STYLE = ("font-family:monospace;font-size:0.8em;padding:0 0.25em;border-radius:0.25em;"
                 "background:rgba(128,132,149,0.15)")
SPINNER_STYLE = ("display:inline-block;width:0.9em;height:0.9em;vertical-align:-0.1em;"
                 "border:0.15em solid rgba(128,132,149,0.3);border-top-color:currentColor;"
                 "border-radius:50%;animation:jr-spin 0.8s linear infinite")


@cache
def _material_paths() -> dict[str, str]:
    data = resources.files("jupyter_rerun").joinpath("static/material-symbols-rounded.json.xz")
    return json.loads(lzma.decompress(data.read_bytes()))


def material_icon(name: str) -> str:
    """The HTML of Material Symbol `name` (snake case, as in `:material/name:`). A name the
    package has no outline for shows as its name, in a grey box: Streamlit's list also
    holds ~370 old Material Icons aliases (`access_alarm`) that the Symbols set renamed."""
    path = _material_paths().get(name)
    if path is None:
        return (f'<span class="jr-icon jr-icon-missing" title="material/{escape(name)}" '
                f'style="{MISSING_STYLE}">{escape(name)}</span>')
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 -960 960 960'>"
           f"<path d='{path}'/></svg>")
    url = "data:image/svg+xml," + (svg.replace("%", "%25").replace("<", "%3C").replace(
        ">", "%3E").replace("#", "%23").replace("'", "%27"))
    return (f'<span class="jr-icon" role="img" aria-label="{escape(name)}" '
            f'style="{ICON_STYLE.format(url=url)}"></span>')


def has_material_icon(name: str) -> bool:
    return name in _material_paths()


@cache
def _shortcodes() -> dict[str, str]:
    """Shortcode -> emoji: GitHub's aliases (`+1`, `sunglasses`, `tada`), as Streamlit's
    markdown knows them, then the Unicode names (`thumbs_up`), from the `emoji` package."""
    import emoji

    codes: dict[str, str] = {}
    short: dict[str, str] = {}
    for character, data in emoji.EMOJI_DATA.items():
        if data.get("status") != emoji.STATUS["fully_qualified"]:
            continue
        for name in (name.strip(":") for name in [data["en"], *data.get("alias", ())]):
            codes.setdefault(name, character)
            if name.endswith("_face"):  # Streamlit's :zany:, :partying:, :monocle:
                short.setdefault(name.removesuffix("_face"), character)
    return {**short, **codes}


def emoji_for(shortcode: str) -> str | None:
    """The emoji of `:shortcode:` (without the colons), or None."""
    return _shortcodes().get(shortcode)


def is_emoji(text: str) -> bool:
    import emoji

    return emoji.purely_emoji(text) and emoji.emoji_count(text) == 1


def icon_html(icon: str | None, *, parameter: str = "icon", spinner: bool = False) -> str:
    """The HTML of an element's `icon=`: one emoji, or `:material/icon_name:` (and, where
    Streamlit takes it, "spinner"); "" for none. A bad value is an ElementError naming
    what `icon=` takes."""
    if icon is None:
        return ""
    if not isinstance(icon, str):
        raise ElementError(f"{parameter}={icon!r}: an icon is a string, one emoji like '🔥' "
                           "or ':material/thumb_up:'")
    icon = icon.strip()
    if not icon:
        return ""
    if spinner and icon == "spinner":
        return f'<span class="jr-icon jr-spinner" style="{SPINNER_STYLE}"></span>'
    if icon.startswith(":material/") and icon.endswith(":") and len(icon) > len(":material/:"):
        name = icon[len(":material/"):-1]
        if has_material_icon(name):
            return material_icon(name)
        raise ElementError(f"{parameter}={icon!r} is not a Material Symbol; use a name from "
                           "fonts.google.com/icons in snake case, like ':material/thumb_up:'")
    if is_emoji(icon):
        return f'<span class="jr-emoji">{escape(icon)}</span>'
    raise ElementError(f"{parameter}={icon!r}: use one emoji like '🔥' or a Material Symbol "
                       "like ':material/thumb_up:' (emoji shortcodes are not taken here)")
