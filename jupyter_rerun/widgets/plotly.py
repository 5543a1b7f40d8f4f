"""The model of `jr.plotly_chart`: a Plotly figure drawn by plotly.js, offline.

plotly.js comes from the plotly package itself (`plotly/package_data/plotly.min.js`), once
per kernel through a `ScriptLibrary`; each chart's own module is a few KB. A figure's numeric
arrays travel as binary buffers (Plotly's typed-array form, `{"dtype", "bdata", "shape"}`,
with raw bytes for `bdata`), and a new figure is drawn into the same chart with
`Plotly.react`. With selections on, the front end writes Streamlit's selection state into
`selection`, tagged with the `revision` of the figure it was made on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets
import traitlets

from . import SharedLayout, layout_model
from .library import script_library, static_text


def _plotly_js() -> list[Path]:
    import plotly

    return [Path(plotly.__file__).parent / "package_data" / "plotly.min.js"]


class PlotlyChart(SharedLayout, anywidget.AnyWidget):
    """One chart; `lib` is the kernel's plotly.js library model."""

    _esm = static_text("plotly_chart.js")
    lib = anywidget.WidgetTrait().tag(sync=True)
    figure = traitlets.Dict().tag(sync=True)
    revision = traitlets.Unicode("").tag(sync=True)  # the figure's digest (hex)
    config = traitlets.Dict().tag(sync=True)
    width = traitlets.Union([traitlets.Int(), traitlets.Unicode()], default_value="stretch").tag(sync=True)
    height = traitlets.Int(450).tag(sync=True)
    theme = traitlets.Unicode("streamlit").tag(sync=True)  # "streamlit": compact margins; "": Plotly's
    selection_modes = traitlets.List(traitlets.Unicode()).tag(sync=True)  # [] = selections off
    selection = traitlets.Dict().tag(sync=True)  # the front end's: {"revision", "state"}
    alt = traitlets.Unicode("").tag(sync=True)  # the chart's name for screen readers


def plotly_chart(traits: dict[str, Any]) -> PlotlyChart:
    """A chart model with these traits (see PlotlyChart), drawn with the kernel's plotly.js."""
    chart = PlotlyChart(lib=script_library("plotly", _plotly_js, "Plotly"), **traits,
                        layout=layout_model(width="100%"))
    chart.add_class("jr-plotly-chart")
    return chart
