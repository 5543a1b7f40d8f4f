"""HTML with the parts that run code taken out, as Streamlit's st.html does (DOMPurify).

An HTML model sets `innerHTML`: `<script>` elements never run there, but event handler
attributes (`<img src=x onerror=…>`) and `javascript:` links do. So this keeps the markup,
the styles and `<style>` sheets, and drops: elements that run or embed code or pages
(script, iframe, object, embed, …) with their content; `base`, `meta`, `link`; `on*`
attributes, `srcdoc`, and any attribute whose value is a `javascript:`/`vbscript:` URL, or
a `data:` URL other than an image's source; comments and declarations.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

_DROPPED_WITH_CONTENT = {"script", "iframe", "frame", "frameset", "object", "embed", "applet",
                         "noscript", "template", "noembed", "noframes"}
_DROPPED = {"base", "meta", "link"}
_CODE_URL = re.compile(r"^(javascript|vbscript|data):", re.I)
_IMAGE_DATA = re.compile(r"^data:image/(png|gif|jpe?g|webp|bmp|svg\+xml)[;,]", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028\u2029\ufeff]+")


def sanitize_html(html: str) -> str:
    """`html` without scripts, event handlers and code URLs (see the module docstring)."""
    parser = _Sanitizer()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def _safe_attribute(tag: str, name: str, value: str | None) -> bool:
    if name.startswith("on") or name == "srcdoc":
        return False
    if value is None:
        return True
    url = _INVISIBLE.sub("", value)
    if not _CODE_URL.match(url):
        return True
    return tag == "img" and name == "src" and bool(_IMAGE_DATA.match(url))


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self._skipping: list[str] = []  # dropped elements we are inside

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
        kept = "".join(f" {name}" if value is None else f' {name}="{escape(value)}"'
                       for name, value in attrs if _safe_attribute(tag, name, value))
        return f"<{tag}{kept}{' /' if closed else ''}>"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping.append(tag)
        elif not self._skipping and tag not in _DROPPED:
            self.out.append(self._tag(tag, attrs, closed=False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skipping and tag not in _DROPPED | _DROPPED_WITH_CONTENT:
            self.out.append(self._tag(tag, attrs, closed=True))

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
        elif tag not in _DROPPED | _DROPPED_WITH_CONTENT:
                self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # a "<" the parser did not take for a tag is escaped, so no browser takes it for
            # one either; in a <style> sheet too (inside <svg> a browser parses tags there)
            self.out.append(data.replace("<", "&lt;"))

    def handle_entityref(self, name: str) -> None:
        if not self._skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self._skipping:
            self.out.append(f"&#{name};")
