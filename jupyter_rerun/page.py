"""What the kernel knows about the page its cells are shown on.

Voila sets `VOILA_*` variables in the environment of every kernel it starts (in both its
plain and its preheated mode), and nothing else does. A Voila page is for viewers, so the
authors' notes ("reruns on: …") are not shown there.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources


def under_voila() -> bool:
    """True in a kernel that Voila started."""
    return "VOILA_BASE_URL" in os.environ or "VOILA_PREHEAT" in os.environ


@cache
def stylesheet() -> str:
    """The package's page styles: static/page.css, then each element family's .css."""
    static = resources.files("jupyter_rerun").joinpath("static")
    sheets = sorted((item for item in static.iterdir() if item.name.endswith(".css")),
                    key=lambda item: (item.name != "page.css", item.name))
    return "\n".join(sheet.read_text() for sheet in sheets)
