"""Status elements: success, info, warning, error, exception, progress, spinner, status, toast, balloons, snow.

Each element is a small function over the one element mechanism (`element.show`).
"""

from __future__ import annotations

__all__: list[str] = []
