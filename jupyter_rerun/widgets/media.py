"""The model of `jr.image`, `jr.pyplot`, `jr.audio` and `jr.video`: media the kernel
encoded, sent as binary buffers (the `data` of each item), or URLs the browser loads.

One model shows one element: an image or a row of images with their captions, or one audio
or video player (with its start and end time, loop, autoplay, muted, and subtitle tracks).
Setting its traits redraws it in place: an image keeps its box while the new one decodes.
"""

from __future__ import annotations

from typing import Any

import anywidget
import ipywidgets
import traitlets

from . import SharedLayout, layout_model
from .library import static_text


class Media(SharedLayout, anywidget.AnyWidget):
    """kind: "image" | "audio" | "video"; items: [{"data": bytes | None, "url", "mime",
    "caption" (HTML), "alt"}]; width: "content" | "stretch" | pixels."""

    _esm = static_text("media.js")
    kind = traitlets.Unicode("image").tag(sync=True)
    items = traitlets.List(traitlets.Dict()).tag(sync=True)
    width = traitlets.Union([traitlets.Int(), traitlets.Unicode()], default_value="content").tag(sync=True)
    link = traitlets.Unicode("").tag(sync=True)
    options = traitlets.Dict().tag(sync=True)  # start, end, loop, autoplay, muted
    tracks = traitlets.List(traitlets.Dict()).tag(sync=True)  # [{"label", "data": VTT bytes}]


def media(traits: dict[str, Any]) -> Media:
    """A media model with these traits (see Media), as wide as its column allows."""
    model = Media(**traits, layout=layout_model(width="100%", min_width="0"))
    model.add_class(f"jr-{model.kind}")
    return model
