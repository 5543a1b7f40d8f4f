"""Charts drawn by their own libraries (jupyter_rerun/ui/charts_other.py) in real kernels,
both event modes: Plotly (plotly.js once per kernel, arrays as buffers, in-place updates,
selections as the front end sends them), pyplot, Graphviz, Bokeh and pydeck."""

from __future__ import annotations

import gzip
import io
import json

import numpy as np
import pytest
from conftest import Cell, make_slider, unique
from media_support import errors, shows_one_line_error, models_with_class, opened, sent_since, updates
from PIL import Image

IMPORTS = """
import numpy as np
import plotly.graph_objects as go
import plotly.express as px
import matplotlib
matplotlib.use("agg")
import matplotlib.pyplot as plt
import graphviz
"""


@pytest.fixture(scope="module")
def kernel(kernel):
    kernel.execute(IMPORTS)
    return kernel


def charts(kernel, cell: Cell, css_class: str = "jr-plotly-chart") -> list[str]:
    return models_with_class(kernel, cell.container, css_class)


def libraries(kernel, name: str) -> list[str]:
    """The ScriptLibrary models named `name` the kernel opened."""
    return [m["content"]["comm_id"] for m in kernel.log if m["msg_type"] == "comm_open"
            and m["content"]["data"]["state"].get("name") == name
            and m["content"]["data"]["state"].get("_model_name") == "AnyModel"]


def test_plotly_js_is_shipped_once_per_kernel_and_arrays_as_buffers(kernel):
    cell = Cell(kernel, """
        x = np.arange(1000, dtype=float)
        jr.plotly_chart(go.Figure(go.Scatter(x=x, y=np.sin(x / 50))))
        jr.plotly_chart(px.bar(x=["a", "b", "c"], y=[1, 3, 2]), key="bars")
    """)
    first, second = charts(kernel, cell)
    (library,) = libraries(kernel, "plotly")  # one for both charts (and for the kernel)
    lib = opened(kernel, library)
    script = gzip.decompress(lib.state["source"])
    assert script.startswith(b"/**\n* plotly.js v") and lib.buffer_bytes < len(script) / 2
    for chart in (first, second):
        state = opened(kernel, chart).state
        assert state["lib"] == f"anywidget:{library}"
        assert len(state["_esm"]) < 20_000  # the glue only: plotly.js is not in each chart
    sent = opened(kernel, first)
    trace = sent.state["figure"]["data"][0]
    assert trace["x"]["dtype"] == "f8" and len(trace["x"]["bdata"]) == 8000  # raw bytes
    assert sent.buffer_bytes >= 16_000 and sent.json_bytes < 40_000  # not the numbers as JSON
    assert sent.state["width"] == "stretch" and sent.state["height"] == 450
    assert sent.state["selection_modes"] == []


def test_a_changed_figure_is_one_update_of_the_same_chart_and_an_unchanged_one_sends_nothing(kernel):
    n = unique("n")
    slider = make_slider(kernel, n, value=1)
    cell = Cell(kernel, f"""
        jr.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])), width=500, height=300)
        jr.plotly_chart(go.Figure(go.Scatter(x=np.arange(100.0), y=np.arange(100.0) * {n}.value)))
        jr.text(f"run {{{n}.value}}")
    """)
    fixed, changing = charts(kernel, cell)
    assert opened(kernel, fixed).state["width"] == 500 and opened(kernel, fixed).state["height"] == 300
    mark = len(kernel.log)
    kernel.update(slider, value=2)
    cell.wait_for("run 2")
    kernel.sync()
    assert charts(kernel, cell) == [fixed, changing]
    assert updates(kernel, mark, fixed) == []
    (update,) = updates(kernel, mark, changing)
    assert set(update.state) == {"figure", "revision"}
    y = np.frombuffer(update.state["figure"]["data"][0]["y"]["bdata"], "<f8")
    assert y[-1] == 198.0 and update.buffer_bytes >= 1600
    assert libraries(kernel, "plotly") and not [  # the library was not sent again
        m for m in sent_since(kernel, mark) if m["msg_type"] == "comm_open"]


def _box_selection(kernel, model: str, y_values) -> dict:
    """What the front end sends after a box selection of the points with these y."""
    points = [{"curve_number": 0, "point_number": i, "point_index": i, "x": i, "y": y}
              for i, y in y_values]
    return {"revision": kernel.models[model]["revision"], "state": {
        "points": points, "point_indices": [i for i, _ in y_values],
        "box": [{"xref": "x", "yref": "y", "x": [0.5, 2.5], "y": [0, 10]}], "lasso": []}}


def test_a_selection_reruns_the_cell_and_is_returned_as_streamlits_plotly_state(kernel):
    key, calls = unique("chart"), unique("calls")
    kernel.execute(f"{calls} = []")
    cell = Cell(kernel, f"""
        event = jr.plotly_chart(go.Figure(go.Scatter(x=[0, 1, 2, 3], y=[5, 6, 7, 8])), key="{key}",
                                on_select=lambda: {calls}.append(len(jr.session_state["{key}"].selection.points)),
                                selection_mode=("box", "points"))
        jr.text(f"selected {{event.selection.point_indices}} box {{len(event['selection']['box'])}}")
    """)
    assert "selected [] box 0" in cell.text()
    (chart,) = charts(kernel, cell)
    assert kernel.models[chart]["selection_modes"] == ["points", "box"]
    kernel.update(chart, selection=_box_selection(kernel, chart, [(1, 6), (2, 7)]))
    cell.wait_for("selected [1, 2] box 1")
    kernel.sync()
    assert kernel.value(calls) == [2]  # the callback ran first, with the new state
    state = kernel.value(f"dict(jr.session_state['{key}'].selection)")
    assert state["point_indices"] == [1, 2] and state["box"][0]["x"] == [0.5, 2.5]
    assert kernel.value(f"type(jr.session_state['{key}']).__name__") == "PlotlyState"


def test_a_selection_made_on_another_figure_is_no_selection(kernel):
    n = unique("n")
    slider = make_slider(kernel, n, value=1)
    cell = Cell(kernel, f"""
        event = jr.plotly_chart(go.Figure(go.Scatter(y=[1, 2, 3 * {n}.value])), on_select="rerun")
        jr.text(f"run {{{n}.value}}: {{event.selection.point_indices}}")
    """)
    (chart,) = charts(kernel, cell)
    kernel.update(chart, selection=_box_selection(kernel, chart, [(0, 1)]))
    cell.wait_for("run 1: [0]")
    kernel.update(slider, value=2)  # a new figure: Streamlit starts it with no selection
    cell.wait_for("run 2: []")


@pytest.mark.parametrize("call, message", [
    ("jr.plotly_chart(go.Figure(), theme='dark')", "theme='dark' is not a theme"),
    ("jr.plotly_chart(go.Figure(), on_select='select')", "on_select='select' is not an option"),
    ("jr.plotly_chart(go.Figure(), on_select='rerun', selection_mode='circle')", "is not a selection mode"),
    ("jr.plotly_chart('a string')", "plotly_chart: "),
    ("jr.plotly_chart(go.Figure(), height=-1)", "height=-1 is not a height"),
    ("jr.pyplot(None)", "give the figure"),
    ("jr.pyplot(plt.subplots()[1])", "give a Matplotlib Figure, not a Axes"),
    ("jr.graphviz_chart(42)", "cannot draw a int"),
    ("jr.graphviz_chart('digraph { a -> }')", "Graphviz could not draw this graph: Error: <stdin>: syntax error"),
    ("jr.bokeh_chart(42)", "bokeh_chart: cannot draw a int"),
])
def test_a_bad_argument_is_one_line_in_the_container_after_what_was_drawn(kernel, call, message):
    shows_one_line_error(kernel, call, message)


def test_pyplot_is_one_png_drawn_once_and_an_unchanged_figure_sends_nothing(kernel):
    n = unique("n")
    slider = make_slider(kernel, n, value=1)
    cell = Cell(kernel, f"""
        plt.close("all")  # what other tests left open
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.plot([1, 2, 3], [1, 4, 9])
        jr.pyplot(fig)
        other, ax = plt.subplots(figsize=(2, 2))
        ax.bar(["a", "b"], [1, {n}.value])
        jr.pyplot(other, clear_figure=True, width=150)
        jr.text(f"run {{{n}.value}}: open figures {{plt.get_fignums()}}, cleared {{len(other.axes) == 0}}")
    """)
    assert "run 1: open figures [], cleared True" in cell.text()  # closed: Jupyter shows it once
    first, second = charts(kernel, cell, "jr-image")
    state = opened(kernel, first).state
    assert state["width"] == "stretch"
    (item,) = state["items"]
    assert item["mime"] == "image/png" and decoded(item["data"]).size[0] > 600  # dpi 200
    assert opened(kernel, second).state["width"] == 150
    assert decoded(opened(kernel, second).state["items"][0]["data"]).size[0] == 150  # cut to 150 px
    assert not [m for m in kernel.log if m["msg_type"] == "display_data"
                and "image/png" in m["content"]["data"]]  # no inline-backend copy
    mark = len(kernel.log)
    kernel.update(slider, value=2)
    cell.wait_for("run 2")
    kernel.sync()
    assert charts(kernel, cell, "jr-image") == [first, second]
    assert updates(kernel, mark, first) == []  # drawn again, the same PNG: nothing sent
    (update,) = updates(kernel, mark, second)
    assert update.buffer_bytes == len(update.state["items"][0]["data"])


def decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_graphviz_is_an_svg_laid_out_in_the_kernel(kernel):
    cell = Cell(kernel, """
        jr.graphviz_chart('digraph { run -> "rerun <3" -> run }')
        graph = graphviz.Digraph(); graph.edge("kernel", "browser")
        jr.graphviz_chart(graph, use_container_width=True)
    """)
    text, from_object = charts(kernel, cell, "jr-graphviz-chart")
    svg = kernel.models[text]["value"]
    assert svg.startswith('<div class="jr-graphviz"><svg') and svg.count('class="node"') == 2
    assert "rerun &lt;3" in svg and "<?xml" not in svg
    assert 'width="100%"' in kernel.models[from_object]["value"]  # stretch


def test_graphviz_without_dot_says_how_to_install_it(kernel):
    cell = Cell(kernel, """
        import os
        path, os.environ["PATH"] = os.environ["PATH"], ""
        try:
            jr.graphviz_chart('graph { only -- here }')
        finally:
            os.environ["PATH"] = path
    """)
    (error,) = errors(kernel, cell.container)
    assert "apt-get install graphviz" in error["evalue"] and "\n" not in error["evalue"]


def test_bokeh_is_drawn_by_bokehjs_from_the_package_and_a_rebuilt_figure_sends_nothing(kernel):
    n = unique("n")
    slider = make_slider(kernel, n, value=1)
    cell = Cell(kernel, f"""
        from bokeh.plotting import figure
        plot = figure(title="squares")
        plot.line([1, 2, 3], [1, 4, 9])
        jr.bokeh_chart(plot)
        jr.text(f"run {{{n}.value // 10}}")
    """)
    (chart,) = charts(kernel, cell, "jr-bokeh-chart")
    (library,) = libraries(kernel, "bokeh")
    assert gzip.decompress(opened(kernel, library).state["source"]).lstrip().startswith(b"'use strict'")
    item = opened(kernel, chart).state["item"]
    assert item["doc"]["roots"][0]["attributes"]["sizing_mode"] == "stretch_width"
    assert "squares" in json.dumps(item)
    mark = len(kernel.log)
    kernel.update(slider, value=2)  # the same figure, built again with new ids
    kernel.sync()
    assert updates(kernel, mark, chart) == []


def test_pydeck_draws_its_layers_points_with_map_offline(kernel):
    cell = Cell(kernel, """
        import pydeck as pdk
        import pandas as pd
        towns = pd.DataFrame({"Latitude": [48.1, 48.2], "Longitude": [11.5, 11.6]})
        deck = pdk.Deck(layers=[
            pdk.Layer("ScatterplotLayer", data=towns, get_position=["Longitude", "Latitude"],
                      get_fill_color=[0, 128, 255], get_radius=500, id="towns"),
            pdk.Layer("HexagonLayer", data=[{"at": [11.55, 48.15]}], get_position="at"),
            pdk.Layer("ScatterplotLayer", data="http://127.0.0.1:9/far.json", get_position="[lon, lat]"),
        ], initial_view_state=pdk.ViewState(latitude=48.1, longitude=11.5, zoom=9))
        event = jr.pydeck_chart(deck, on_select="rerun", key="deck")
        jr.text(f"selection {dict(event.selection)}")
        jr.pydeck_chart(pdk.Deck(layers=[pdk.Layer("ArcLayer", data="http://127.0.0.1:9/arcs.json")]))
    """)
    assert "selection {'indices': {}, 'objects': {}}" in cell.text()  # no picking offline
    (chart,) = charts(kernel, cell, "jr-vega")
    table = opened(kernel, chart).state["datasets"]["table"]
    assert table["rows"] == 3  # 2 towns and the hexagon layer's point; the URL's data not fetched
    columns = {column["name"]: column for column in table["columns"]}
    assert list(np.frombuffer(columns["lat"]["values"], "<f8")) == [48.1, 48.2, 48.15]
    (error,) = errors(kernel, cell.container)  # the deck with nothing drawable offline
    assert "no layer of this deck can be drawn offline" in error["evalue"]


def test_write_draws_plotly_traces_and_their_data_dict_as_a_chart(kernel):
    """As Streamlit tells a Plotly figure: a Figure, a list of traces, a dict of a figure's
    keys holding them; a list of anything else, or a dict with other keys, stays JSON."""
    cell = Cell(kernel, """
        jr.write([go.Scatter(x=[1, 2], y=[2, 1]), go.Bar(x=[1], y=[3])])
        jr.write({"data": [go.Bar(x=["a"], y=[1])], "layout": {"title": {"text": "t"}}})
        jr.write([1, 2])
        jr.write({"data": [go.Bar(x=["a"], y=[1])], "note": "not a figure's key"})
    """)
    assert cell.execution.error is None and "Error" not in cell.text(), cell.text()
    assert len(charts(kernel, cell)) == 2
    assert len(models_with_class(kernel, cell.container, "jr-element-json")) == 2
