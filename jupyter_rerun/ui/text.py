"""Text elements: caption, code, latex, divider, echo, help, html, badge, json (Streamlit's signatures).

Each element is a small function over the one element mechanism (`element.show`).
"""

from __future__ import annotations

__all__: list[str] = []
