"""Chart elements: line, area, bar and scatter charts, map, Altair, Vega-Lite, Plotly, pyplot, Bokeh, Graphviz, pydeck.

Each element is a small function over the one element mechanism (`element.show`).
"""

from __future__ import annotations

__all__: list[str] = []
