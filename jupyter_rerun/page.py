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
    """The package's page styles (static/page.css)."""
    return resources.files("jupyter_rerun").joinpath("static/page.css").read_text()
