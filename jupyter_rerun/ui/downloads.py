"""`download_button` and `link_button`, with Streamlit 1.67's signatures.

A download is a real one, saved by the browser (JupyterLab or Voila): of bytes, a string,
a file-like object, or a callable, called when the button is clicked (Streamlit's
deferred download). Data up to EAGER_BYTES comes with the button (equal data on a rerun
sends nothing), so a click saves it at once, even while the kernel is busy; bigger data
and a callable's result travel only when clicked, as one binary message. A click reruns
the cell (True in that run), unless on_click="ignore".

A link button opens its URL in a new tab. With on_click="ignore" (its default) it is an
element, not an input, and returns the element's handle, as Streamlit returns its
placeholder; with "rerun" or a callback it is a button that returns True in the run its
click caused.
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import Callable
from typing import Any

from ..errors import ElementError, WidgetError
from ..widgets.files import link_model
from . import icons
from .buttons import button_look
from .element import Handle, show
from .entries import Spec, draw
from .input_args import where
from .markdown import to_html

__all__ = ["download_button", "link_button"]

EAGER_BYTES = 256 * 1024
_MODES = ("rerun", "ignore")


def download_button(label: str, data: Any, file_name: str | None = None, mime: str | None = None,
                    key: Any = None, help: str | None = None, on_click: Any = "rerun",
                    args: Any = None, kwargs: Any = None, *, type: str = "secondary",
                    icon: str | None = None, icon_position: str = "left", disabled: bool = False,
                    use_container_width: bool | None = None, width: Any = "content",
                    shortcut: str | None = None, wrap: bool | None = None) -> bool:
    """A button that downloads `data` as `file_name`; returns True in the run its click
    caused (never, with on_click="ignore")."""
    here = where("download_button", label)
    callback = _callback(here, on_click)
    traits = _face(here, label, type, icon, icon_position, width, use_container_width, shortcut)
    traits.update(rerun=on_click != "ignore", provide=None, lazy=False, data=b"")
    if callable(data):
        def provide(made: Callable[[], Any] = data) -> tuple[bytes, str, str]:
            content, inferred = as_bytes(made(), "the data callable returned")
            return content, mime or inferred, file_name or default_name(mime or inferred)

        traits.update(lazy=True, file_name=file_name or "", mime=mime or "")
        traits["provide"] = None if disabled else provide
    else:
        file_name, mime = _named(data, file_name, mime)
        content, inferred = as_bytes(data, "data is")
        mime = mime or inferred
        name = file_name or default_name(mime)
        traits.update(file_name=name, mime=mime)
        if len(content) <= EAGER_BYTES:
            traits["data"] = content
        else:
            traits.update(lazy=True, provide=lambda: (content, mime, name))
    return draw(Spec("download_button", "download_button", label, traits, None),
                key=key, callback=callback, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility="visible")


def link_button(label: str, url: str, *, key: Any = None, on_click: Any = "ignore",
                args: Any = None, kwargs: Any = None, help: str | None = None,
                type: str = "secondary", icon: str | None = None, icon_position: str = "left",
                disabled: bool = False, use_container_width: bool | None = None,
                width: Any = "content", shortcut: str | None = None,
                wrap: bool | None = None) -> bool | Handle:
    """A button that opens `url` in a new tab."""
    here = where("link_button", label)
    callback = _callback(here, on_click)
    if not isinstance(url, str):
        raise WidgetError(f"{here}: url must be a string like 'https://example.com', got {url!r}")
    traits = _face(here, label, type, icon, icon_position, width, use_container_width, shortcut)
    traits.update(url=url, rerun=on_click != "ignore")
    if on_click != "ignore":
        return draw(Spec("link_button", "link_button", label, traits, None), key=key,
                    callback=callback, args=args, kwargs=kwargs, help=help, disabled=disabled,
                    label_visibility="visible")
    props = {**traits, "disabled": bool(disabled), "tooltip": help}
    return show("link_button", props, lambda props: link_model(dict(props)), key=key)


def _callback(here: str, on_click: Any) -> Callable[..., Any] | None:
    """Streamlit's on_click: a callback, "rerun" (or None) or "ignore"."""
    if on_click is None or callable(on_click):
        return on_click
    if isinstance(on_click, str) and on_click in _MODES:
        return None
    raise WidgetError(f"{here}: on_click must be a function, 'rerun' or 'ignore', got {on_click!r}")


def _face(here: str, label: Any, type: str, icon: Any, icon_position: Any, width: Any,
          use_container_width: bool | None, shortcut: Any) -> dict[str, Any]:
    """What the button shows and how wide it is, as jr.button's arguments say it."""
    look = button_look(here, type, icon_position, shortcut, width, use_container_width)
    try:
        markup = icons.icon_html(icon, spinner=True)
    except ElementError as error:
        raise WidgetError(f"{here}: {error}") from None
    return {**look, "icon": markup, "icon_position": icon_position or "left",
            "description": to_html("" if label is None else str(label), inline=True),
            "description_allow_html": True}


def as_bytes(data: Any, what: str) -> tuple[bytes, str]:
    """The bytes to download and the MIME type they suggest, as Streamlit reads `data`."""
    if isinstance(data, str):
        return data.encode(), "text/plain"
    if isinstance(data, io.TextIOBase):  # an open text file, a StringIO
        text = data.getvalue() if isinstance(data, io.StringIO) else data.read()
        return text.encode(), "text/plain"
    if isinstance(data, bytes):
        return data, "application/octet-stream"
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data), "application/octet-stream"
    if isinstance(data, io.BytesIO):
        return data.getvalue(), "application/octet-stream"
    if isinstance(data, io.IOBase) and data.readable():  # an open binary file
        data.seek(0)
        return data.read() or b"", "application/octet-stream"
    raise WidgetError(f"Invalid binary data format: {data.__class__}; {what} a "
                      f"{data.__class__.__name__}, give bytes, a string, a file-like object "
                      "or a function returning one")


def _named(data: Any, file_name: str | None, mime: str | None) -> tuple[str | None, str | None]:
    """A file opened from disk names the download (and so its type), unless given."""
    try:
        name = getattr(data, "name", None)
    except (AttributeError, ValueError, OSError):  # a detached or closed file
        return file_name, mime
    if not isinstance(name, str) or not name or isinstance(data, (str, bytes)):
        return file_name, mime
    file_name = file_name or os.path.basename(name)
    return file_name, mime or mimetypes.guess_type(file_name)[0]


def default_name(mime: str) -> str:
    """Streamlit's name for a download without file_name: 'streamlit_download.txt'."""
    return "streamlit_download" + (mimetypes.guess_extension(mime, strict=False) or "")
