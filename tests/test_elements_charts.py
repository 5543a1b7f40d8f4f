"""Vega-Lite charts (jupyter_rerun/ui/charts.py) in real kernels, both event modes: the specs
Streamlit makes for its documented examples (Streamlit's own spec builder, run here), the data
as column buffers, in-place updates counted in messages and bytes, selections as the front
end sends them, the shared Vega library, and one-line errors."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import Cell, make_slider, unique
from media_support import full_state, models_with_class, opened, sent_since, shows_one_line_error, updates

import streamlit

SETUP = ("import pandas as pd, numpy as np, altair as alt\n"
         "from numpy.random import default_rng as rng\n"
         "from vega_datasets import local_data as data\n")


@pytest.fixture(scope="module")
def kernel(kernel):
    kernel.execute(SETUP)
    return kernel


def charts(kernel, cell: Cell) -> list[str]:
    return models_with_class(kernel, cell.container, "jr-vega")


def only_chart(kernel, cell: Cell) -> str:
    (model,) = charts(kernel, cell)
    return model


def decoded(dataset: dict) -> pd.DataFrame:
    """A dataset as the front end reads it: float64, ms times, uint8 booleans, coded text."""
    columns = {}
    for column in dataset["columns"]:
        kind, values = column["kind"], column["values"]
        if kind in ("number", "time", "wall-time"):
            columns[column["name"]] = np.frombuffer(values, "<f8")
        elif kind == "boolean":
            columns[column["name"]] = [None if v == 2 else bool(v) for v in np.frombuffer(values, "u1")]
        else:
            offsets = np.frombuffer(column["offsets"], "<i4")
            labels = [column["labels"][a:b].decode() for a, b in zip(offsets[:-1], offsets[1:])]
            columns[column["name"]] = [None if c < 0 else labels[c] for c in np.frombuffer(values, "<i4")]
    return pd.DataFrame(columns)


# -- Streamlit's specs, made by Streamlit in this process ------------------------------------
class StreamlitSpecs:
    """`st.line_chart(...)` and friends, returning (spec, frames) as Streamlit would send
    them: the spec after its preparation and stabilisation, the data from its Arrow bytes."""

    def __init__(self) -> None:
        from streamlit.elements import vega_charts
        from streamlit.elements.lib import built_in_chart_utils

        self._charts, self._utils = vega_charts, built_in_chart_utils

    def _built_in(self, chart_type, data, width="stretch", height="content", sort=None, **kw):
        names = {"x": "x_from_user", "y": "y_from_user", "x_label": "x_axis_label",
                 "y_label": "y_axis_label", "color": "color_from_user", "size": "size_from_user"}
        kw.pop("alt", None)
        arguments = {names.get(k, k): v for k, v in kw.items()}
        if sort is not None:
            arguments["sort_from_user"] = sort
        chart = self._utils.generate_chart(chart_type, data, width=width, height=height, **arguments)
        return self._send(self._charts._convert_altair_to_vega_lite_spec(chart), None, width == "stretch")

    def _send(self, spec, data, stretch):
        from streamlit.proto.VegaLiteChart_pb2 import VegaLiteChart

        spec = self._charts._prepare_vega_lite_spec(spec, stretch)
        proto = VegaLiteChart()
        self._charts._marshall_chart_data(proto, spec, data)
        frames = {d.name: _arrow(d.data.data) for d in proto.datasets}
        if proto.data.data:
            frames[None] = _arrow(proto.data.data)
        return json.loads(self._charts._stabilize_vega_json_spec(json.dumps(spec))), frames

    def line_chart(self, data, **kw):
        return self._built_in(self._utils.ChartType.LINE, data, **kw)

    def area_chart(self, data, **kw):
        return self._built_in(self._utils.ChartType.AREA, data, **kw)

    def bar_chart(self, data, horizontal=False, sort=True, **kw):
        kind = self._utils.ChartType.HORIZONTAL_BAR if horizontal else self._utils.ChartType.VERTICAL_BAR
        return self._built_in(kind, data, sort=sort, **kw)

    def scatter_chart(self, data, **kw):
        return self._built_in(self._utils.ChartType.SCATTER, data, **kw)

    def altair_chart(self, chart, **kw):
        return self._send(self._charts._convert_altair_to_vega_lite_spec(chart), None, True)

    def vega_lite_chart(self, data, spec, **kw):
        return self._send(dict(spec), data, True)


def _arrow(payload: bytes) -> pd.DataFrame:
    import pyarrow as pa

    return pa.ipc.open_stream(payload).read_pandas()


def _without_data_names(spec: dict) -> dict:
    """The spec with its dataset names numbered in order (Streamlit names them by a hash
    of the data, we by their order) and no $schema (Altair's version, or ours)."""
    names: dict[str, str] = {}

    def walk(value, key=None):
        if isinstance(value, dict):
            if key == "data" and set(value) == {"name"}:
                return {"name": names.setdefault(value["name"], f"dataset-{len(names) + 1}")}
            return {k: walk(v, k) for k, v in value.items() if k != "$schema"}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(spec)


EXAMPLES = {  # Streamlit's documented examples, as its API reference gives them
    "line, wide": ("df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=['a', 'b', 'c'])",
                   "line_chart(df)"),
    "line, long": ("df = pd.DataFrame({'col1': list(range(20)) * 3, 'col2': rng(0).standard_normal(60),"
                   " 'col3': ['a'] * 20 + ['b'] * 20 + ['c'] * 20})",
                   "line_chart(df, x='col1', y='col2', color='col3', alt='Three series')"),
    "line, y list and colours": ("df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=['a', 'b', 'c'])",
                                 "line_chart(df, x='a', y=['b', 'c'], color=['#FF0000', '#0000FF'])"),
    "area, wide": ("df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=['a', 'b', 'c'])",
                   "area_chart(df)"),
    "area, y list, alpha colours": (
        "df = pd.DataFrame({'col1': list(range(20)), 'col2': rng(0).standard_normal(20),"
        " 'col3': rng(1).standard_normal(20)})",
        "area_chart(df, x='col1', y=['col2', 'col3'], color=['#FF000080', '#0000FF80'])"),
    "area, stack center": ("df = data.iowa_electricity()",
                           "area_chart(df, x='year', y='net_generation', color='source', stack='center')"),
    "bar, wide": ("df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=['a', 'b', 'c'])",
                  "bar_chart(df)"),
    "bar, long": ("df = pd.DataFrame({'col1': list(range(20)) * 3, 'col2': rng(0).standard_normal(60),"
                  " 'col3': ['a'] * 20 + ['b'] * 20 + ['c'] * 20})",
                  "bar_chart(df, x='col1', y='col2', color='col3')"),
    "bar, horizontal": ("source = data.barley()",
                        "bar_chart(source, x='variety', y='yield', color='site', horizontal=True)"),
    "bar, unstacked": ("source = data.barley()",
                       "bar_chart(source, x='year', y='yield', color='site', stack=False)"),
    "bar, sorted descending": ("source = data.barley()",
                               "bar_chart(source, x='variety', y='yield', sort='-yield')"),
    "scatter, wide": ("df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=['a', 'b', 'c'])",
                      "scatter_chart(df)"),
    "scatter, colour and size columns": (
        "df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=['col1', 'col2', 'col3'])\n"
        "df['col4'] = rng(0).choice(['a', 'b', 'c'], 20)",
        "scatter_chart(df, x='col1', y='col2', color='col4', size='col3')"),
    "scatter, y list": ("df = pd.DataFrame(rng(0).standard_normal((20, 4)), columns=['col1', 'col2', 'col3', 'col4'])",
                        "scatter_chart(df, x='col1', y=['col2', 'col3'], size='col4', color=['#FF0000', '#0000FF'])"),
    "altair": ("df = pd.DataFrame(rng(0).standard_normal((60, 3)), columns=['a', 'b', 'c'])\n"
               "chart = alt.Chart(df).mark_circle().encode(x='a', y='b', size='c', color='c', tooltip=['a', 'b', 'c'])",
               "altair_chart(chart)"),
    "altair, layered": ("df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=['a', 'b', 'c'])\n"
                        "brush = alt.selection_interval()\nbase = alt.Chart(df).encode(x='a')\n"
                        "chart = alt.layer(base.mark_point().encode(y='b').add_params(brush),"
                        " base.mark_line().encode(y='c'))",
                        "altair_chart(chart)"),
    "vega-lite": ("df = pd.DataFrame(rng(0).standard_normal((60, 3)), columns=['a', 'b', 'c'])",
                  "vega_lite_chart(df, {'mark': {'type': 'circle', 'tooltip': True}, 'encoding': {"
                  "'x': {'field': 'a', 'type': 'quantitative'}, 'y': {'field': 'b', 'type': 'quantitative'},"
                  "'size': {'field': 'c', 'type': 'quantitative'}, 'color': {'field': 'c', 'type': 'quantitative'}}})"),
}


@pytest.mark.parametrize("example", list(EXAMPLES))
def test_documented_examples_send_streamlits_spec_and_data(kernel, example):
    setup, call = EXAMPLES[example]
    cell = Cell(kernel, f"{setup}\njr.{call}")
    state = opened(kernel, only_chart(kernel, cell)).state
    namespace = {"pd": pd, "np": np, "rng": np.random.default_rng, "st": StreamlitSpecs()}
    exec(SETUP + setup, namespace)
    expected, frames = eval(f"st.{call}", namespace)
    ours = state["spec"]
    if None in frames:  # Streamlit's unnamed data; ours is named "table"
        assert ours.pop("data") == {"name": "table"}
        frames = {"table": frames[None]}
    assert _without_data_names(ours) == _without_data_names(expected)
    assert len(state["datasets"]) == len(frames)
    for (ours_name, dataset), theirs in zip(state["datasets"].items(), frames.values()):
        sent = decoded(dataset)
        assert sorted(sent.columns) == sorted(map(str, theirs.columns))
        for name in sent.columns:
            _assert_same_column(sent[name], theirs[name])


def _assert_same_column(sent: pd.Series, theirs: pd.Series) -> None:
    if pd.api.types.is_datetime64_any_dtype(theirs.dtype):  # sent as ms since the epoch
        theirs = theirs.astype("datetime64[ms]").astype("int64").astype(float)
    if pd.api.types.is_numeric_dtype(theirs.dtype) and not pd.api.types.is_bool_dtype(theirs.dtype):
        np.testing.assert_allclose(sent.to_numpy(float), theirs.to_numpy(float, na_value=np.nan))
    else:
        assert [None if pd.isna(v) else str(v) for v in sent] == \
               [None if pd.isna(v) else str(v) for v in theirs]


def test_times_without_a_timezone_are_sent_to_be_shown_as_written(kernel):
    cell = Cell(kernel, """
        day = pd.date_range("2024-01-01", periods=3, freq="D")
        frame = pd.DataFrame({"day": day, "zoned": day.tz_localize("Europe/Paris"), "v": [1.0, 2, 3]})
        jr.scatter_chart(frame, x="day", y="v", color="zoned")
    """)
    columns = {c["name"]: c for c in opened(kernel, only_chart(kernel, cell)).state["datasets"]["table"]["columns"]}
    midnight = pd.Timestamp("2024-01-01").value / 1e6
    assert columns["day"]["kind"] == "wall-time"  # the front end shows 00:00 in any timezone
    assert np.frombuffer(columns["day"]["values"], "<f8")[0] == midnight
    assert columns["zoned"]["kind"] == "time"  # an instant: Paris's midnight is 23:00 UTC
    assert np.frombuffer(columns["zoned"]["values"], "<f8")[0] == midnight - 3_600_000


# -- in place ---------------------------------------------------------------------------------
def _line_cell(kernel, rows: int, extra: str = "") -> tuple[Cell, str, str]:
    seed = unique("seed")
    slider = make_slider(kernel, seed, value=1, max=100)
    cell = Cell(kernel, f"""
        y = np.cumsum(np.random.default_rng({seed}.value).standard_normal({rows}))
        jr.line_chart(pd.DataFrame({{"x": np.arange({rows}, dtype=float), "y": y}}), x="x", y="y"{extra})
    """)
    return cell, slider, only_chart(kernel, cell)


@pytest.mark.parametrize("rows", [1_000, 100_000])
def test_new_data_is_one_update_of_column_buffers_and_nothing_else(kernel, rows):
    cell, slider, chart = _line_cell(kernel, rows)
    before = opened(kernel, chart).state
    mark = len(kernel.log)
    kernel.update(slider, value=2)
    kernel.sync()
    assert charts(kernel, cell) == [chart]  # the same model
    (update,) = updates(kernel, mark, chart)
    assert set(update.state) == {"datasets"}  # the spec is not sent again
    dataset = update.state["datasets"]["table"]
    shown = min(rows, 2 * 1000 + 2)  # past 5,000 rows: each 1/1000 of x's extremes
    assert dataset["rows"] <= shown and decoded(dataset)["x"].is_monotonic_increasing
    assert update.buffer_bytes == 8 * 2 * dataset["rows"]  # x and y as float64
    assert update.json_bytes < 1200  # names and kinds only
    assert dataset["digest"] != before["datasets"]["table"]["digest"]
    others = sent_since(kernel, mark, but=(slider, chart))
    assert others == []


def test_a_long_line_chart_with_nothing_to_draw_on_y_still_draws(kernel):
    cell = Cell(kernel, "jr.line_chart(pd.DataFrame({'x': np.arange(6000.0)}), x='x')\njr.text('after')")
    assert "after" in cell.text() and "Error" not in cell.text()
    assert opened(kernel, only_chart(kernel, cell)).state["datasets"]["table"]["rows"] == 6000


def test_a_rerun_drawing_the_same_chart_sends_nothing(kernel):
    flag = unique("flag")
    slider = make_slider(kernel, flag)
    cell = Cell(kernel, f"{flag}.value\njr.bar_chart(pd.DataFrame({{'v': [1, 2, 3]}}))")
    chart = only_chart(kernel, cell)
    mark = len(kernel.log)
    kernel.update(slider, value=5)
    kernel.sync()
    assert charts(kernel, cell) == [chart]
    assert sent_since(kernel, mark, but=(slider,)) == []


def test_a_new_label_sends_the_spec_and_not_the_data(kernel):
    label = unique("label")
    kernel.execute(f"{label} = w.Text('first')")
    cell = Cell(kernel, f"jr.line_chart(pd.DataFrame({{'v': np.arange(50.0)}}), x_label={label}.value)")
    chart = only_chart(kernel, cell)
    text = kernel.execute(f"display({label})").views[0]
    mark = len(kernel.log)
    kernel.update(text, value="second")
    kernel.sync()
    (update,) = updates(kernel, mark, chart)
    assert set(update.state) == {"spec"} and update.buffer_bytes == 0
    assert update.state["spec"]["layer"][0]["encoding"]["x"]["title"] == "second"


def test_a_line_chart_becomes_a_bar_chart_in_the_same_model(kernel):
    flag = unique("flag")
    slider = make_slider(kernel, flag)
    cell = Cell(kernel, f"""
        df = pd.DataFrame({{'v': [3.0, 1.0, 2.0]}})
        jr.bar_chart(df) if {flag}.value else jr.line_chart(df)
    """)
    chart = only_chart(kernel, cell)
    mark = len(kernel.log)
    kernel.update(slider, value=1)
    kernel.sync()
    assert charts(kernel, cell) == [chart]
    (update,) = updates(kernel, mark, chart)
    assert update.state["spec"]["mark"] == {"type": "bar"} and "datasets" not in update.state


def test_a_chart_drawn_in_a_cached_function_is_drawn_again_on_a_hit(kernel):
    flag, calls = unique("flag"), unique("calls")
    slider = make_slider(kernel, flag)
    kernel.execute(f"{calls} = []")
    cell = Cell(kernel, f"""
        @jr.cache_data
        def draw_{calls}():
            {calls}.append(1)
            jr.bar_chart(pd.DataFrame({{'v': [1.0, 2.0, 3.0]}}))
        {flag}.value
        draw_{calls}()
    """)
    chart = only_chart(kernel, cell)
    kernel.update(slider, value=1)
    kernel.sync()
    assert kernel.value(f"len({calls})") == 1  # a hit
    assert charts(kernel, cell) == [chart]


# -- the shared library -----------------------------------------------------------------------
def test_one_vega_library_per_kernel_and_made_again_once_closed(kernel):
    mark = len(kernel.log)
    cell = Cell(kernel, "jr.line_chart([1, 2, 3])\njr.area_chart([3, 2, 1])\njr.map({'lat': [1.0], 'lon': [2.0]})")
    first, second, third = charts(kernel, cell)
    libraries = {kernel.models[m]["lib"] for m in (first, second, third)}
    (library,) = libraries
    library = library.removeprefix("anywidget:")
    assert len(opened(kernel, first).state["_esm"]) < 20_000  # the glue, not Vega
    assert kernel.value(f"len(__import__('jupyter_rerun').widgets.vega.library().source) > 100_000")
    opened_since = [m for m in kernel.messages_since(mark, "comm_open")
                    if m["content"]["data"]["state"].get("_anywidget_id", "").endswith("VegaLibrary")]
    assert [m["content"]["comm_id"] for m in opened_since] in ([], [library])  # made once per kernel
    land = [u for u in updates(kernel, 0, library) if "land" in u.state]
    assert len(land) <= 1 and kernel.value("bool(__import__('jupyter_rerun').widgets.vega.library().land)")
    kernel.execute("__import__('jupyter_rerun').widgets.vega.library().close()")
    again = Cell(kernel, "jr.line_chart([4, 5, 6])")
    new_library = kernel.models[only_chart(kernel, again)]["lib"].removeprefix("anywidget:")
    assert new_library != library and new_library in kernel.models


def test_reloading_the_extension_closes_the_library_and_the_next_chart_makes_one(fresh_kernel):
    fresh_kernel.execute(SETUP + "%load_ext jupyter_rerun\nimport jupyter_rerun as jr")
    first = Cell(fresh_kernel, "jr.line_chart([1, 2, 3])")
    library = fresh_kernel.models[only_chart(fresh_kernel, first)]["lib"].removeprefix("anywidget:")
    fresh_kernel.execute("%reload_ext jupyter_rerun")
    assert library not in fresh_kernel.models  # closed with the extension's other shared models
    again = Cell(fresh_kernel, "jr.line_chart([1, 2, 3])")
    new_library = fresh_kernel.models[only_chart(fresh_kernel, again)]["lib"].removeprefix("anywidget:")
    assert new_library != library and new_library in fresh_kernel.models


def test_outside_a_rerun_cell_a_chart_is_displayed_once(kernel):
    execution = kernel.execute("jr.scatter_chart(pd.DataFrame({'a': [1, 2], 'b': [3, 4]}), x='a', y='b')")
    (box,) = execution.views  # a box with the page's styles, as a cell's container has
    (chart,) = [m for m in kernel.children(box) if "_anywidget_id" in kernel.models[m]]
    assert kernel.models[chart]["_anywidget_id"].endswith("VegaChart")


# -- selections -------------------------------------------------------------------------------
SELECTABLE = """
    df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=["a", "b", "c"])
    point_selector = alt.selection_point("point_selection")
    interval_selector = alt.selection_interval("interval_selection")
    chart = alt.Chart(df).mark_circle().encode(x="a", y="b", size="c", color="c",
        fillOpacity=alt.condition(point_selector, alt.value(1), alt.value(0.3))
    ).add_params(point_selector, interval_selector)
"""


def test_a_selection_reruns_the_cell_and_returns_streamlits_state(kernel):
    key, calls = unique("chart"), unique("calls")
    kernel.execute(f"{calls} = []")
    cell = Cell(kernel, SELECTABLE + f"""
    event = jr.altair_chart(chart, key="{key}", on_select=lambda: {calls}.append(1))
    jr.text(f"SELECTED {{event.selection.interval_selection}} {{event['selection']['point_selection']}}")
    """)
    chart = only_chart(kernel, cell)
    assert cell.wait_for("SELECTED {} {}")
    state = opened(kernel, chart).state
    assert state["selection_mode"] == ["interval_selection", "point_selection"]
    assert kernel.value(f"jr.session_state['{key}']") == {
        "selection": {"interval_selection": {}, "point_selection": {}}}
    # what the front end sends when the user drags a box (Vega's interval signal value)
    selected = {"selection": {"interval_selection": {"a": [-1.0, 0.5], "b": [0.0, 1.0]}, "point_selection": {}}}
    kernel.update(chart, selection=selected)
    cell.wait_for("SELECTED {'a': [-1.0, 0.5], 'b': [0.0, 1.0]} {}")
    kernel.sync()
    assert kernel.value(f"jr.session_state['{key}']") == selected
    assert kernel.value(f"len({calls})") == 1  # on_select as a callback: it ran, then the cell
    assert kernel.value(f"type(jr.session_state['{key}']).__name__") == "VegaLiteState"


def test_a_vega_lite_selection_of_points(kernel):
    cell = Cell(kernel, """
    df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=["a", "b", "c"])
    spec = {"mark": {"type": "circle", "tooltip": True},
            "params": [{"name": "interval_selection", "select": "interval"},
                       {"name": "point_selection", "select": "point"}],
            "encoding": {"x": {"field": "a", "type": "quantitative"},
                         "y": {"field": "b", "type": "quantitative"}}}
    event = jr.vega_lite_chart(df, spec, on_select="rerun", selection_mode="point_selection")
    jr.text(f"POINTS {event.selection}")
    """)
    chart = only_chart(kernel, cell)
    assert opened(kernel, chart).state["selection_mode"] == ["point_selection"]
    kernel.update(chart, selection={"selection": {"point_selection": [{"a": 0.1, "b": 0.2}]}})
    cell.wait_for("POINTS {'point_selection': [{'a': 0.1, 'b': 0.2}]}")


def test_a_chart_without_selections_returns_a_handle(kernel):
    cell = Cell(kernel, "handle = jr.altair_chart(alt.Chart(pd.DataFrame({'a': [1]})).mark_bar().encode(x='a'))\n"
                        "jr.text(type(handle).__name__)")
    assert "Handle" in cell.text()
    assert opened(kernel, only_chart(kernel, cell)).state["selection_mode"] == []


# -- map --------------------------------------------------------------------------------------
def test_map_columns_zoom_and_centre_as_streamlits(kernel):
    from streamlit.elements.map import to_deckgl_json

    frame = pd.DataFrame(np.random.default_rng(0).standard_normal((1000, 2)) / [50, 50] + [37.76, -122.4],
                         columns=["LAT", "longitude"])
    view = json.loads(to_deckgl_json(frame, None, None, None, None, None))["initialViewState"]
    kernel.execute(f"points = pd.DataFrame({frame.to_dict('list')!r})")
    cell = Cell(kernel, "jr.map(points, size=20, color='#0044ff')")
    state = full_state(kernel, only_chart(kernel, cell))
    projection = state["spec"]["projection"]
    assert projection["rotate"] == pytest.approx([-view["longitude"], 0, 0])  # centred there
    assert projection["center"] == pytest.approx([0, view["latitude"]])
    scale = float(projection["scale"]["expr"].removeprefix("max(").split(",")[0])
    assert scale == pytest.approx(512 * 2 ** view["zoom"] / (2 * np.pi))  # Streamlit's zoom
    assert state["land"] is True and state["height"] == 500
    sent = decoded(state["datasets"]["table"])
    assert list(sent.columns) == ["LAT", "longitude"]
    np.testing.assert_allclose(sent["LAT"], frame["LAT"])


# -- errors -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("call", "message"), [
    ("jr.line_chart(pd.DataFrame({'a': [1]}), x='nope')", 'no column named "nope": pick one of a'),
    ("jr.bar_chart(pd.DataFrame({'a': [1]}), stack='sideways')", "stack='sideways'"),
    ("jr.line_chart(pd.DataFrame({'a': [1], 'b': [2]}), color=['#f00'])", "give one colour per y column"),
    ("jr.scatter_chart(pd.DataFrame({'a': [1]}), size='big')", "neither a column of the data nor a number"),
    ("jr.line_chart([1, 2], width='wide')", "width='wide'"),
    ("jr.altair_chart(alt.Chart(pd.DataFrame({'a': [1]})).mark_bar().encode(x='a'), on_select='rerun')",
     "the chart has no selection"),
    ("jr.altair_chart({'mark': 'bar'})", "for a Vega-Lite dict use vega_lite_chart"),
    ("jr.vega_lite_chart(pd.DataFrame({'a': [1]}), {})", "needs a non-empty spec"),
    ("jr.map(pd.DataFrame({'x': [1.0]}))", "needs a latitude column: name it one of lat, latitude"),
    ("jr.map(pd.DataFrame({'lat': [1.0, None], 'lon': [2.0, 3.0]}))", "has missing values"),
    ("jr.map(pd.DataFrame({'lat': [1.0], 'lon': [2.0]}), width='content')", "not 'content'"),
])
def test_bad_arguments_are_one_line_errors(kernel, call, message):
    shows_one_line_error(kernel, call, message)


def test_without_vl_convert_the_error_names_the_extra(kernel):
    shows_one_line_error(kernel, """
        import sys
        from jupyter_rerun.widgets import vega as _vega
        _saved = sys.modules.get("vl_convert")
        _vega.library().close(); sys.modules["vl_convert"] = None; _vega.bundle.cache_clear()
        try:
            jr.line_chart([1, 2, 3])
        finally:
            sys.modules["vl_convert"] = _saved; _vega.bundle.cache_clear()
    """.strip().replace("\n        ", "\n"), "pip install 'jupyter-rerun[charts]'")
