"""Streamlit 1.67's other elements: `iframe`, `pdf`, `skeleton`, `logo`, and the two
charts whose renderers are not shipped offline (`mermaid_chart`, `echarts_chart`).

- `iframe(src)` is components.v1's frame at the top level: a URL (http, https, data, or a
  path from "/") is loaded, a `Path` to an HTML file or any other string is the frame's
  page (`srcdoc`); any other file is shown by the browser's own viewer from a data: URL.
- `pdf(data)` is the browser's own PDF viewer in a frame, fed a data: URL of the bytes, so
  it needs no network and no pdf.js (Chromium's viewer, seen in headless Chromium here).
- `skeleton()` is an empty() placeholder holding a grey, shimmering box; `with
  jr.skeleton():` shows it while the block runs and clears it after (the block's elements
  go to the container, as in Streamlit).
- `logo(image)` is a small image fixed to the Voila page's upper-left corner; in
  JupyterLab the page is JupyterLab's, so it is checked and draws nothing.
"""

from __future__ import annotations

import base64
import mimetypes
import numbers
from html import escape
from pathlib import Path
from typing import Any

from .. import widgets
from ..components.v1 import _SANDBOX, _check_tab_index
from ..errors import ElementError, NotSupportedError
from ..page import under_voila
from .element import Handle, show
from .layout import Placeholder, empty

__all__ = ["echarts_chart", "iframe", "mermaid_chart", "pdf", "skeleton"]

URL_HEIGHT = 400  # pixels: Streamlit's height for a frame whose content it cannot measure
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
LOGO_HEIGHTS = {"small": 20, "medium": 24, "large": 32}  # Streamlit's max heights, pixels


def iframe(src: str | Path, *, width: int | str = "stretch", height: int | str = "content",
           tab_index: int | None = None, alt: str | None = None) -> Handle:
    """Show a URL, an HTML string or a local file in a frame (see the module docstring).
    `height="content"` is 400 px: the kernel cannot measure the page."""
    if not isinstance(src, (str, Path)):
        raise ElementError(f"jr.iframe: src is a URL, an HTML string or a pathlib.Path, got "
                           f"{type(src).__name__}")
    _check_tab_index("jr.iframe", tab_index)
    attributes = _source(src)
    attributes["title"] = alt.strip() if isinstance(alt, str) and alt.strip() else "st.iframe"
    if tab_index is not None:
        attributes["tabindex"] = str(tab_index)
    return _frame("iframe", attributes, _size("jr.iframe", "width", width, "100%"),
                  _size("jr.iframe", "height", height, f"{URL_HEIGHT}px"))


def _source(src: str | Path) -> dict[str, str]:
    if isinstance(src, Path):
        if not src.is_file():
            raise ElementError(f"jr.iframe: no file at {str(src)!r}; give an existing file's path")
        if src.suffix.lower() in HTML_SUFFIXES:
            return {"srcdoc": src.read_text(), "sandbox": _SANDBOX}
        mime = mimetypes.guess_type(src.name)[0] or "application/octet-stream"
        return {"src": _data_url(src.read_bytes(), mime)}
    if src.startswith(("http://", "https://", "data:", "/")):
        return {"src": src, "sandbox": _SANDBOX + " allow-same-origin"}
    return {"srcdoc": src, "sandbox": _SANDBOX}


def pdf(data: Any, *, height: int | str = 500, key: str | None = None,
        alt: str | None = None) -> Handle:
    """Show a PDF (bytes, a file-like object, a path, or a URL) in the browser's viewer."""
    if isinstance(height, str) and height != "stretch" or not isinstance(height, str) and (
            isinstance(height, bool) or not isinstance(height, numbers.Integral) or height < 1):
        raise ElementError(f"jr.pdf: height is a whole number of pixels or 'stretch', got {height!r}")
    source = _pdf_source(data)
    attributes = {"src": source,
                  "title": alt.strip() if isinstance(alt, str) and alt.strip() else "st.pdf"}
    pixels = "100%" if height == "stretch" else f"{int(height)}px"
    return _frame("pdf", attributes, "100%", pixels, key=key)


def _pdf_source(data: Any) -> str:
    if isinstance(data, str) and data.startswith(("http://", "https://")):
        return data  # the browser fetches it (offline: only what it can reach)
    if isinstance(data, (str, Path)):
        path = Path(data)
        if not path.is_file():
            raise ElementError(f"jr.pdf: no file at {str(data)!r}; give a PDF's path, a URL, "
                               "bytes or a file-like object")
        data = path.read_bytes()
    elif hasattr(data, "read"):
        if hasattr(data, "seek"):
            data.seek(0)
        data = data.read()
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise ElementError(f"jr.pdf: cannot show a {type(data).__name__}; give a PDF's path, "
                           "a URL, bytes or a file-like object")
    return _data_url(data, "application/pdf")


def _data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _size(function: str, name: str, value: Any, content: str) -> str:
    """CSS of a frame's width or height: "stretch" fills, "content" is `content`, an int
    is pixels."""
    if value == "stretch":
        return "100%"
    if value == "content":
        return content
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ElementError(f"{function}: {name} is 'stretch', 'content' or a whole number of "
                           f"pixels (at least 1), got {value!r}")
    return f"{int(value)}px"


def _frame(kind: str, attributes: dict[str, str], width: str, height: str,
           key: Any = None) -> Handle:
    style = f"border: none; display: block; max-width: 100%; width: {width}; height: {height}"
    markup = "<iframe " + " ".join(f'{name}="{escape(value, quote=True)}"'
                                   for name, value in {**attributes, "style": style}.items())
    return show(kind, {"value": markup + "></iframe>"},
                lambda props: widgets.html(props["value"]), key=key)


class SkeletonPlaceholder:
    """What `jr.skeleton()` returns: a placeholder (its element methods replace the
    skeleton, as empty()'s do) and a context manager that clears the skeleton when its
    block ends."""

    def __init__(self, holder: Placeholder) -> None:
        self._holder = holder

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._holder, name)

    def __enter__(self) -> SkeletonPlaceholder:
        return self  # the block's elements go to the container, not into the skeleton

    def __exit__(self, *exc_info: Any) -> None:
        self._holder.empty()

    def __repr__(self) -> str:
        return "<jupyter_rerun skeleton>"


def skeleton(height: int | str | None = None, *, width: int | str = "stretch") -> SkeletonPlaceholder:
    """A shimmering grey box that says content is coming (see the module docstring)."""
    tall = "2.5rem" if height is None else _size("jr.skeleton", "height", height, "")
    if height == "content" or width == "content":
        raise ElementError("jr.skeleton: 'content' is not a size of a skeleton; pass "
                           "'stretch' or a whole number of pixels")
    wide = _size("jr.skeleton", "width", width, "")
    holder = empty()
    style = (f"height: {tall}; width: {wide}; border-radius: 0.5rem; background: "
             "linear-gradient(90deg, #f0f2f6 25%, #e4e6eb 50%, #f0f2f6 75%); "
             "background-size: 200% 100%; animation: jr-skeleton 1.5s ease-in-out infinite")
    markup = (f'<div class="jr-skeleton" role="status" aria-label="Loading" style="{style}"></div>'
              "<style>@keyframes jr-skeleton { from { background-position: 100% 0; } "
              "to { background-position: -100% 0; } }</style>")
    with holder:
        holder._held = show("skeleton", {"value": markup}, lambda props: widgets.html(props["value"]))
    return SkeletonPlaceholder(holder)


def mermaid_chart(body: str, *, width: int | str = "stretch", alt: str | None = None) -> Any:
    """Mermaid's renderer is JavaScript that no Python package ships for offline use."""
    raise NotSupportedError(
        "jr.mermaid_chart is not available offline (no Python package ships Mermaid's "
        "renderer); draw the diagram with jr.graphviz_chart(...) instead")


def echarts_chart(spec: Any, *, width: int | str = "stretch", height: int | str = "content",
                  theme: str | None = "streamlit", key: Any = None, on_select: Any = "ignore",
                  renderer: str = "canvas", alt: str | None = None) -> Any:
    """ECharts is JavaScript that no Python package ships for offline use."""
    raise NotSupportedError(
        "jr.echarts_chart is not available offline (no Python package ships ECharts' "
        "renderer); draw the chart with jr.altair_chart(...) or jr.plotly_chart(...) instead")


def logo(image: Any, *, size: str = "medium", link: str | None = None,
         icon_image: Any = None) -> None:
    """Show `image` in the Voila page's upper-left corner (`link` opens on a click); in
    JupyterLab it is checked and shows nothing. `icon_image` is accepted (there is no
    folded sidebar to show it in)."""
    if size not in LOGO_HEIGHTS:
        raise ElementError(f"jr.logo: size is one of {', '.join(map(repr, LOGO_HEIGHTS))}, got {size!r}")
    if link is not None and not (isinstance(link, str) and link.startswith(("http://", "https://"))):
        raise ElementError(f"jr.logo: Invalid link: {link!r}; a logo's link must start with "
                           "http:// or https://")
    picture = _logo_markup(image, LOGO_HEIGHTS[size])
    if link is not None:
        picture = f'<a href="{escape(link, quote=True)}" target="_blank" rel="noopener">{picture}</a>'
    if not under_voila():
        return
    # fixed to the corner; its place in the cell keeps the logo's height free, so a logo
    # drawn first does not cover what follows
    markup = (f'<div style="height: {LOGO_HEIGHTS[size] + 8}px"><div class="jr-logo" style="'
              f'position: fixed; top: 0.75rem; left: 1rem; z-index: 1000; line-height: 0">'
              f'{picture}</div></div>')
    show("logo", {"value": markup}, lambda props: widgets.html(props["value"]))


def _logo_markup(image: Any, pixels: int) -> str:
    from .icons import icon_html, is_emoji
    from .images import encode_image

    if isinstance(image, str) and (image.startswith(":material/") or is_emoji(image)):
        return f'<span style="font-size: {pixels}px">{icon_html(image, parameter="image")}</span>'
    if isinstance(image, (list, tuple)):
        raise ElementError("jr.logo: image is one image, not a list")
    encoded = encode_image(image)
    source = encoded.url or _data_url(encoded.data or b"", encoded.mime)
    return f'<img src="{escape(source, quote=True)}" alt="logo" style="max-height: {pixels}px">'
