"""The model of `jr.bokeh_chart`: a Bokeh document drawn by BokehJS, offline.

BokehJS comes from the installed bokeh package (its `server/static/js` bundles, the same
files `bokeh.resources.INLINE` inlines), once per kernel through a `ScriptLibrary`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets
import traitlets

from . import SharedLayout, layout_model
from .library import script_library, static_text

_BUNDLES = ("bokeh", "bokeh-gl", "bokeh-widgets", "bokeh-tables")  # not bokeh-mathjax (1.8 MB)


def _bokeh_js() -> list[Path]:
    import bokeh

    folder = Path(bokeh.__file__).parent / "server" / "static" / "js"
    return [folder / f"{name}.min.js" for name in _BUNDLES]


class BokehChart(SharedLayout, anywidget.AnyWidget):
    """One Bokeh document (`bokeh.embed.json_item`); `lib` is the kernel's BokehJS."""

    _esm = static_text("bokeh_chart.js")
    lib = anywidget.WidgetTrait().tag(sync=True)
    item = traitlets.Dict().tag(sync=True)


def bokeh_chart(item: dict[str, Any]) -> BokehChart:
    """A chart model showing `item`, drawn with the kernel's BokehJS."""
    chart = BokehChart(lib=script_library("bokeh", _bokeh_js, "Bokeh"), item=item,
                       layout=layout_model(width="100%"))
    chart.add_class("jr-bokeh-chart")
    return chart
