"""Media elements: image, audio, video.

Each element is a small function over the one element mechanism (`element.show`).
"""

from __future__ import annotations

__all__: list[str] = []
