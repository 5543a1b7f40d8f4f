"""The data family (dataframe, data_editor, column_config, table, metric) in real kernels,
both event modes. The front end is played as grid.js plays it: window and sort requests
as anywidget custom messages, selections and edits as trait updates. What reaches the
front end is counted: messages, bytes, binary buffers."""

from __future__ import annotations

import html
import json

import numpy as np
import pytest
from conftest import Cell, unique

pytest.importorskip("pandas")

HELPERS = """
import numpy as np, pandas as pd
def frame(n, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"id": np.arange(n), "a": rng.normal(size=n), "b": rng.uniform(0, 1000, n),
                         "flag": rng.random(n) < 0.3,
                         "when": pd.Timestamp("2020-01-01") + pd.to_timedelta(np.arange(n), unit="s"),
                         "city": pd.Series([f"city-{i % 500:03d}" for i in range(n)], dtype="str"),
                         "cat": pd.Categorical(np.array(["red", "green", "blue"])[np.arange(n) % 3])})
big = frame(1_000_000)
calls = []
"""


@pytest.fixture(scope="module")
def kernel(kernel):
    kernel.execute(HELPERS)
    return kernel


def shown(cell: Cell) -> str:
    """What the cell's container shows, as text (HTML entities decoded)."""
    return html.unescape(cell.text())


def wait_shown(cell: Cell, needle: str) -> str:
    return cell.kernel.wait_until(lambda: shown(cell) if needle in shown(cell) else "")


def grids(kernel, container: str) -> list[str]:
    """The grid models (dataframe, data_editor) under `container`, in order."""
    return [model for model in kernel.find(container, "AnyModel") if "frame" in kernel.models[model]]


def opened(kernel, since: int, model: str) -> dict:
    (message,) = [m for m in kernel.messages_since(since, "comm_open") if m["content"]["comm_id"] == model]
    return message


def sent_to(kernel, since: int, model: str, method: str = "update") -> list[dict]:
    return [m for m in kernel.messages_since(since, "comm_msg")
            if m["content"]["comm_id"] == model and m["content"]["data"].get("method") == method]


def request(kernel, model: str, content: dict) -> tuple[dict, list[bytes]]:
    """Send a custom message as grid.js does; return the kernel's reply and its buffers."""
    mark = len(kernel.log)
    kernel.handled(kernel.custom(model, content))
    kernel.wait_until(lambda: sent_to(kernel, mark, model, "custom"))
    (reply,) = sent_to(kernel, mark, model, "custom")
    return reply["content"]["data"]["content"], [bytes(b) for b in reply["buffers"]]


def columns(kernel, model: str) -> list[dict]:
    return kernel.models[model]["frame"]["columns"]


def decode(specs: list[dict], buffers: list[bytes]) -> tuple[np.ndarray, list]:
    """A window's positions and, per column, its values (None where missing)."""
    positions = np.frombuffer(buffers[0], "<i4")
    index, result = 1, []
    for spec in specs:
        mask = np.frombuffer(buffers[index], "u1").astype(bool)
        index += 1
        if spec["wire"] in ("text", "json"):
            offsets = np.frombuffer(buffers[index], "<i4")
            data = buffers[index + 1]
            values = [data[offsets[i]:offsets[i + 1]].decode() for i in range(len(positions))]
            index += 2
        else:
            dtype = {"f8": "<f8", "ms": "<f8", "i8": "<i8", "bool": "u1"}[spec["wire"]]
            values = np.frombuffer(buffers[index], dtype).tolist()
            index += 1
        result.append([None if missing else value for missing, value in zip(mask, values)])
    assert index == len(buffers)
    return positions, result


# -- dataframe: what travels, and how much -----------------------------------------------------
def test_a_million_rows_send_only_their_first_rows_as_binary_buffers(kernel):
    mark = len(kernel.log)
    cell = Cell(kernel, "jr.dataframe(big)")
    (grid,) = grids(kernel, cell.container)
    message = opened(kernel, mark, grid)
    state = message["content"]["data"]["state"]
    assert state["frame"]["nrows"] == 1_000_000
    assert state["frame"]["first"]["n"] == 128
    buffers = [bytes(b) for b in message["buffers"]]
    rows_bytes = sum(map(len, buffers))
    assert 128 * 8 * 5 < rows_bytes < 20_000  # 128 rows of 8 columns (five of 8 bytes), not 1e6
    assert "city-0" not in json.dumps(message["content"])  # cell values are in buffers, not JSON
    assert len(json.dumps(message["content"])) < 10_000  # the glue module is small: grid.js is shared
    library = kernel.models[state["lib"].removeprefix("anywidget:")]
    assert "class Grid" in library["_esm"]
    specs = columns(kernel, grid)
    assert [spec["id"] for spec in specs] == ["_index", "id", "a", "b", "flag", "when", "city", "cat"]
    positions, values = decode(specs, buffers)
    assert positions.tolist() == list(range(128))
    assert values[1][:3] == [0, 1, 2] and values[6][:2] == ["city-000", "city-001"]
    assert values[5][1] - values[5][0] == 1000.0  # one second, in milliseconds
    assert values[7][:3] == ["red", "green", "blue"] and values[4][0] in (0, 1)


def test_the_grid_library_is_sent_once_for_many_grids(kernel):
    mark = len(kernel.log)
    cell = Cell(kernel, "for i in range(3):\n    jr.dataframe(frame(5, seed=i))")
    models = grids(kernel, cell.container)
    assert len(models) == 3
    libraries = {kernel.models[m]["lib"] for m in models}
    assert len(libraries) == 1
    opened_libraries = [m for m in kernel.messages_since(mark, "comm_open")
                        if "class Grid" in m["content"]["data"]["state"].get("_esm", "")]
    assert len(opened_libraries) <= 1  # made by an earlier test already, or once now


def test_a_rerun_with_the_same_frame_sends_nothing_and_a_new_one_sends_one_update(kernel):
    n, other = unique("n"), unique("big")
    kernel.execute(f"{n} = w.IntSlider(0, max=10)\n{other} = frame(1_000_000, seed=1)")
    cell = Cell(kernel, f"""
        data = big if {n}.value < 5 else {other}
        jr.dataframe(data, height=300)
        jr.text(f"run {{{n}.value}}")
    """)
    (grid,) = grids(kernel, cell.container)
    slider = kernel.execute(f"display({n})").views[0]
    mark = len(kernel.log)
    kernel.update(slider, value=1)  # reruns, same frame
    wait_shown(cell, "run 1")
    kernel.sync()
    assert sent_to(kernel, mark, grid) == []
    mark = len(kernel.log)
    kernel.update(slider, value=7)  # another frame of the same size
    wait_shown(cell, "run 7")
    kernel.sync()
    assert grids(kernel, cell.container) == [grid]  # the same model, updated in place
    (update,) = sent_to(kernel, mark, grid)
    assert set(update["content"]["data"]["state"]) == {"frame"}
    assert 128 * 8 * 5 < sum(len(b) for b in update["buffers"]) < 20_000
    assert len(json.dumps(update["content"])) < 6_000


def test_window_requests_return_any_rows_as_binary_buffers(kernel):
    cell = Cell(kernel, "jr.dataframe(big)")
    (grid,) = grids(kernel, cell.container)
    specs = columns(kernel, grid)
    reply, buffers = request(kernel, grid, {"type": "rows", "start": 500_000, "end": 500_128, "request": 7})
    assert (reply["start"], reply["n"], reply["request"], reply["nrows"]) == (500_000, 128, 7, 1_000_000)
    positions, values = decode(specs, buffers)
    assert positions[0] == 500_000 and values[1][0] == 500_000
    expected = kernel.value("float(big['a'].iloc[500_000])")
    assert values[2][0] == expected
    # a forged request gets clipped rows, never an error or a huge reply
    reply, buffers = request(kernel, grid, {"type": "rows", "start": -5, "end": 10**9})
    assert reply["start"] == 0 and reply["n"] == 4096
    reply, _ = request(kernel, grid, {"type": "rows", "start": "x", "end": None})
    assert reply["n"] == 0


def test_a_header_click_sorts_in_the_kernel_missing_values_last(kernel):
    cell = Cell(kernel, "jr.dataframe(pd.DataFrame({'v': [3.0, None, 1.0, 2.0], 's': ['c', None, 'a', 'b']}))")
    (grid,) = grids(kernel, cell.container)
    specs = columns(kernel, grid)
    v, s = (next(spec for spec in specs if spec["id"] == name) for name in ("v", "s"))
    version = kernel.models[grid]["frame"]["version"]
    for spec, ascending, expected in ((v, True, [1.0, 2.0, 3.0, None]), (v, False, [3.0, 2.0, 1.0, None]),
                                      (s, True, ["a", "b", "c", None]), (s, False, ["c", "b", "a", None])):
        reply, buffers = request(kernel, grid, {"type": "sort", "column": spec["source"],
                                                "ascending": ascending, "start": 0, "end": 128})
        assert reply["version"] > version and reply["sort"] == {"column": spec["source"], "ascending": ascending}
        version = reply["version"]
        positions, values = decode(specs, buffers)
        assert values[specs.index(spec)] == expected
    # later windows keep the order; ascending=None ends the sort
    reply, buffers = request(kernel, grid, {"type": "rows", "start": 0, "end": 2})
    assert decode(specs, buffers)[0].tolist() == [0, 3] and reply["version"] == version
    reply, buffers = request(kernel, grid, {"type": "sort", "column": 1, "ascending": None, "start": 0, "end": 4})
    assert reply["sort"] is None and decode(specs, buffers)[0].tolist() == [0, 1, 2, 3]


def test_windows_come_from_a_snapshot_even_while_a_cell_changes_the_frame(kernel):
    """JupyterLab hands a window request to a subshell thread while a cell runs: it reads
    the snapshot taken when the grid was drawn, never the user's frame as it changes."""
    name = unique("df")
    kernel.execute(f"{name} = frame(1000)")
    cell = Cell(kernel, f"jr.dataframe({name})")
    (grid,) = grids(kernel, cell.container)
    specs = columns(kernel, grid)
    request(kernel, grid, {"type": "rows", "start": 0, "end": 4})  # the comm now answers from its subshell
    original = kernel.value(f"float({name}['a'].iloc[0])")
    busy = kernel.submit(f"import time\n{name}.iloc[0, 1] = -123.0\ntime.sleep(1.5)")
    kernel.wait_until(lambda: any(m["msg_type"] == "status" and m["content"]["execution_state"] == "busy"
                                  and m["parent_header"].get("msg_id") == busy for m in kernel.log))
    mark = len(kernel.log)
    kernel.custom(grid, {"type": "rows", "start": 0, "end": 4})
    kernel.wait_until(lambda: sent_to(kernel, mark, grid, "custom"), timeout=10)
    (reply,) = sent_to(kernel, mark, grid, "custom")
    answered_during_the_cell = not any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle"
                                       and m["parent_header"].get("msg_id") == busy
                                       for m in kernel.log[:kernel.log.index(reply)])
    kernel.collect(busy)
    _, values = decode(specs, [bytes(b) for b in reply["buffers"]])
    assert values[2][0] == original  # not -123.0
    assert answered_during_the_cell == kernel.subshell


def test_a_styler_sends_its_formatted_text_and_colours_next_to_the_data(kernel):
    cell = Cell(kernel, """
        styled = (pd.DataFrame({"kg": [1.0, 5.0, 3.0], "name": ["x", "y", "z"]}).style
                  .format({"kg": "{:.2f} kg"}).highlight_max(color="yellow", subset=["kg"])
                  .map(lambda v: "color: red; background: url(http://x)" if v == "y" else "", subset=["name"]))
        jr.dataframe(styled)
    """)
    (grid,) = grids(kernel, cell.container)
    frame = kernel.models[grid]["frame"]
    kg, name = frame["columns"][1], frame["columns"][2]
    assert frame["extras"] == 3 and {"display", "style"} <= set(kg) and "display" not in name
    _, buffers = request(kernel, grid, {"type": "rows", "start": 0, "end": 3})
    _, values = decode(frame["columns"] + [{"wire": "text"}] * frame["extras"], buffers)
    extras = values[len(frame["columns"]):]
    assert extras[kg["display"]] == ["1.00 kg", "5.00 kg", "3.00 kg"]  # the Styler's text; the data stay numbers
    assert values[1] == [1.0, 5.0, 3.0]
    assert extras[kg["style"]] == ["", "background-color: yellow", ""]
    assert extras[name["style"]] == ["", "color: red", ""]  # no url(): nothing to fetch


# -- inputs and errors --------------------------------------------------------------------------
INPUTS = {
    "pd.DataFrame({'x': [1, 2], 'y': ['a', 'b']})": (2, ["_index", "x", "y"]),
    "pd.Series([1, 2, 3], name='s')": (3, ["_index", "s"]),
    "pd.DataFrame({'x': [1.5, 2.5]}).style.format('{:.1f}')": (2, ["_index", "x"]),
    "np.array([1, 2, 3])": (3, ["value"]),
    "np.arange(6).reshape(3, 2)": (3, ["0", "1"]),
    "[1, 2, 3]": (3, ["value"]),
    "[{'x': 1, 'y': 'a'}, {'x': 2, 'y': 'b'}]": (2, ["x", "y"]),
    "[[1, 'a'], [2, 'b']]": (2, ["0", "1"]),
    "{'x': [1, 2], 'y': [3, 4]}": (2, ["x", "y"]),
    "{'alpha': 1, 'beta': 2}": (2, ["_index", "value"]),
    "__import__('pyarrow').table({'x': [1, 2, 3]})": (3, ["x"]),
    "__import__('polars').DataFrame({'x': [1, 2], 'y': ['a', 'b']})": (2, ["x", "y"]),
    "__import__('polars').Series('p', [1, 2, 3])": (3, ["p"]),
    "None": (0, ["_index"]),
}


def test_every_kind_of_input_is_shown_with_the_index_streamlit_shows(kernel):
    body = "\n".join(f"jr.dataframe({source})" for source in INPUTS)
    cell = Cell(kernel, body)
    models = grids(kernel, cell.container)
    assert len(models) == len(INPUTS)
    for model, (source, (nrows, ids)) in zip(models, INPUTS.items()):
        frame = kernel.models[model]["frame"]
        assert (frame["nrows"], [spec["id"] for spec in frame["columns"]]) == (nrows, ids), source


def test_a_non_tabular_value_is_a_one_line_error_under_what_was_drawn(kernel):
    cell = Cell(kernel, "jr.metric('drawn before', 1)\njr.dataframe(42)")
    text = shown(cell)
    assert "ElementError: jr.dataframe() cannot show a int (42): pass a pandas or polars DataFrame" in text
    assert "e.g. jr.dataframe({'x': [1, 2, 3]})" in text
    assert "drawn before" in text and "Traceback" not in text
    for call, message in (("jr.dataframe(object())", "cannot show a object"),
                          ("jr.data_editor(3.5)", "cannot edit a float"),
                          ("jr.table('text')", "jr.table() cannot show a str"),
                          ("jr.dataframe([1], width='wide')", "use 'stretch', 'content' or a number of pixels"),
                          ("jr.dataframe([1], on_select='rerun', selection_mode='rows')", "use one or more of"),
                          ("jr.dataframe([1], on_select='rerun', selection_mode=['single-row', 'multi-row'])",
                           "only one row selection mode"),
                          ("jr.dataframe([1], selection_default={'selection': {}})", "needs selections on"),
                          ("jr.data_editor([1], num_rows='many')", "use one of 'fixed'"),
                          ("jr.dataframe([1], column_config={'value': 5})", "is a int; use a jr.column_config type"),
                          ("jr.column_config.LineChartColumn(color='sky')", "color must be one of auto"),
                          ("jr.data_editor(pd.DataFrame({'x': ['a']}), column_config={'x': jr.column_config.DateColumn()})",
                           "the date column 'x' cannot edit its string data"),
                          ("jr.data_editor(pd.DataFrame([[1, 2]], columns=['a', 'a']))", "must be unique"),
                          ("jr.metric('m', [1])", "a value is a number or a string, not a list"),
                          ("jr.metric('m', 1, delta_color='pink')", "use one of 'normal'"),
                          ("jr.metric('m', 1, chart_data=['x'])", "only numbers can be charted")):
        text = shown(Cell(kernel, call))
        assert message in text, (call, text[:300])
        assert "Traceback" not in text  # one line naming the error (and where it is in the cell)
        assert all("Error" in line or line.startswith("  in this cell") for line in text.splitlines() if line.strip()), repr(text)


# -- selections ---------------------------------------------------------------------------------
def test_a_selection_reruns_once_and_returns_streamlits_state(kernel):
    key = unique("sel")
    cell = Cell(kernel, f"""
        calls.append("run")
        event = jr.dataframe(frame(10), key="{key}", on_select="rerun")
        jr.text(f"rows={{event.selection.rows}} cols={{event['selection']['columns']}} {{type(event).__name__}}")
    """)
    assert "rows=[] cols=[] DataframeState" in shown(cell)
    (grid,) = grids(kernel, cell.container)
    assert kernel.models[grid]["options"]["selection"] == {"rows": "multi", "columns": None, "cells": None}
    assert [spec["id"] for spec in columns(kernel, grid)][0] == "id"  # a selectable range index is hidden
    before = kernel.value("len(calls)")
    kernel.update(grid, selection={"selection": {"rows": [4, 2, 99, -1, "x"], "columns": ["a"], "cells": []}})
    wait_shown(cell, "rows=[4, 2]")
    kernel.sync()
    assert kernel.value("len(calls)") == before + 1
    assert kernel.value(f"jr.session_state['{key}']") == {"selection": {"rows": [4, 2], "columns": [], "cells": []}}
    assert kernel.value(f"type(jr.session_state['{key}']).__name__") == "DataframeState"
    mark = len(kernel.log)
    kernel.update(grid, selection={"selection": {"rows": [4, 2], "columns": [], "cells": []}})
    kernel.sync()
    assert [m for m in sent_to(kernel, mark, grid) if m["content"]["data"].get("method") == "update"] == []


def test_single_modes_columns_and_cells(kernel):
    cell = Cell(kernel, """
        event = jr.dataframe(frame(5), on_select="rerun", selection_mode=["single-row", "multi-column", "single-cell"])
        jr.text(repr(dict(event.selection)))
    """)
    (grid,) = grids(kernel, cell.container)
    assert kernel.models[grid]["options"]["selection"] == {"rows": "single", "columns": "multi", "cells": "single"}
    assert kernel.models[grid]["options"]["sortable"] is False  # column selection turns sorting off
    kernel.update(grid, selection={"selection": {"rows": [3, 1], "columns": ["b", "a", "nope"],
                                                 "cells": [[2, "a"], [1, "b"], [1, "zzz"]]}})
    wait_shown(cell, "'rows': [3]")
    assert "'columns': ['b', 'a'], 'cells': [(2, 'a')]" in shown(cell)


def test_required_row_mode_and_selection_default(kernel):
    cell = Cell(kernel, """
        one = jr.dataframe(frame(3), on_select="rerun", selection_mode="single-row-required")
        two = jr.dataframe(frame(3), on_select="rerun", selection_default={"selection": {"rows": [2, 1]}})
        jr.text(f"one={one.selection.rows} two={two.selection.rows}")
    """)
    assert "one=[0] two=[2, 1]" in shown(cell)
    first, second = grids(kernel, cell.container)
    assert kernel.models[first]["selection"]["selection"]["rows"] == [0]
    kernel.update(first, selection={"selection": {"rows": [], "columns": [], "cells": []}})
    wait_shown(cell, "one=[0]")


def test_an_on_select_callback_runs_before_the_rerun_and_code_can_set_the_selection(kernel):
    key = unique("pick")
    cell = Cell(kernel, f"""
        def picked():
            calls.append(("callback", list(jr.session_state["{key}"].selection.rows)))
        if jr.button("first row"):
            jr.session_state["{key}"] = {{"selection": {{"rows": [0]}}}}
        event = jr.dataframe(frame(6), key="{key}", on_select=picked)
        calls.append(("body", list(event.selection.rows)))
        jr.text(f"rows {{event.selection.rows}}")
    """)
    (grid,) = grids(kernel, cell.container)
    kernel.execute("calls.clear()")
    kernel.update(grid, selection={"selection": {"rows": [5], "columns": [], "cells": []}})
    wait_shown(cell, "rows [5]")
    kernel.sync()
    assert kernel.value("calls") == [("callback", [5]), ("body", [5])]
    (button,) = kernel.find(cell.container, "ButtonModel")
    kernel.click(button)
    wait_shown(cell, "rows [0]")
    kernel.sync()
    assert kernel.models[grid]["selection"]["selection"]["rows"] == [0]  # the grid shows it


def test_without_a_key_new_data_clears_the_selection_with_a_key_it_stays(kernel):
    n, key = unique("n"), unique("keep")
    kernel.execute(f"{n} = w.IntSlider(3, max=10)")
    cell = Cell(kernel, f"""
        a = jr.dataframe(frame({n}.value), on_select="rerun")
        b = jr.dataframe(frame({n}.value), on_select="rerun", key="{key}")
        jr.text(f"a={{a.selection.rows}} b={{b.selection.rows}} n={{{n}.value}}")
    """)
    first, second = grids(kernel, cell.container)
    kernel.update(first, selection={"selection": {"rows": [1], "columns": [], "cells": []}})
    wait_shown(cell, "a=[1]")
    kernel.update(second, selection={"selection": {"rows": [2], "columns": [], "cells": []}})
    wait_shown(cell, "b=[2]")
    slider = kernel.execute(f"display({n})").views[0]
    kernel.update(slider, value=4)
    wait_shown(cell, "n=4")
    assert "a=[] b=[2] n=4" in shown(cell)
    kernel.sync()
    assert kernel.models[first]["selection"]["selection"]["rows"] == []


# -- data_editor --------------------------------------------------------------------------------
EDITOR = """
    def changed():
        calls.append(("on_change", dict(jr.session_state["{key}"].edited_rows)))
    scores = pd.DataFrame({{"name": ["ann", "bob", "cy"], "score": [1, 2, 3], "ok": [True, False, True]}})
    edited = jr.data_editor(scores, key="{key}", num_rows="dynamic", on_change=changed,
                            disabled=["name"])
    calls.append(("body", int(edited["score"].sum())))
    jr.text(f"sum={{edited['score'].sum()}} rows={{len(edited)}} names={{list(edited['name'])}}")
"""


def test_edits_come_back_as_streamlits_state_and_the_edited_frame(kernel):
    key = unique("ed")
    cell = Cell(kernel, EDITOR.format(key=key))
    assert "sum=6 rows=3" in shown(cell)
    (grid,) = grids(kernel, cell.container)
    specs = {spec["id"]: spec for spec in columns(kernel, grid)}
    assert not specs["name"]["editable"] and specs["score"]["editable"] and "_index" not in specs
    assert kernel.models[grid]["options"]["sortable"] is False  # dynamic rows turn sorting off
    kernel.execute("calls.clear()")
    kernel.update(grid, edits={"edited_rows": {"1": {"score": 10, "name": "forged"}, "7": {"score": 1}},
                               "added_rows": [{"name": "dee", "score": 4}], "deleted_rows": [0]})
    wait_shown(cell, "sum=17")
    kernel.sync()
    assert "rows=3 names=['bob', 'cy', nan]" in shown(cell)  # a disabled column's edit is dropped
    assert kernel.value(f"dict(jr.session_state['{key}'])") == {
        "edited_rows": {1: {"score": 10}}, "added_rows": [{"score": 4}], "deleted_rows": [0]}
    assert kernel.value("calls") == [("on_change", {1: {"score": 10}}), ("body", 17)]
    assert kernel.value(f"type(jr.session_state['{key}']).__name__") == "DataEditorState"


def test_edits_survive_reruns_and_new_values_but_not_a_new_shape(kernel):
    n, key = unique("n"), unique("ed")
    kernel.execute(f"{n} = w.IntSlider(0, max=10)")
    cell = Cell(kernel, f"""
        values = pd.DataFrame({{"x": [1, 2, 3]}}) + ({n}.value if {n}.value < 5 else 0)
        if {n}.value >= 5:
            values["y"] = 0
        edited = jr.data_editor(values, key="{key}")
        jr.text(f"x={{list(edited['x'])}} n={{{n}.value}}")
    """)
    (grid,) = grids(kernel, cell.container)
    kernel.update(grid, edits={"edited_rows": {"0": {"x": 100}}})
    wait_shown(cell, "x=[100, 2, 3]")
    slider = kernel.execute(f"display({n})").views[0]
    kernel.update(slider, value=1)  # new values, same shape: the edit is applied to them
    wait_shown(cell, "n=1")
    assert "x=[100, 3, 4]" in shown(cell)
    kernel.update(slider, value=6)  # a new column: the editor starts over
    wait_shown(cell, "n=6")
    assert "x=[1, 2, 3]" in shown(cell)
    kernel.sync()
    assert kernel.models[grid]["edits"] == {}


def test_on_change_ignore_keeps_the_edit_for_the_next_rerun_without_rerunning(kernel):
    n = unique("n")
    kernel.execute(f"{n} = w.IntSlider(0)")
    cell = Cell(kernel, f"""
        calls.append("run")
        out = jr.data_editor(pd.DataFrame({{"x": [1, 2]}}), on_change="ignore")
        jr.text(f"x={{list(out['x'])}} n={{{n}.value}}")
    """)
    (grid,) = grids(kernel, cell.container)
    runs = kernel.value("len(calls)")
    kernel.handled(kernel.update(grid, edits={"edited_rows": {"1": {"x": 20}}}))
    kernel.sync()
    assert kernel.value("len(calls)") == runs and "x=[1, 2]" in shown(cell)
    slider = kernel.execute(f"display({n})").views[0]
    kernel.update(slider, value=1)  # another input reruns the cell: the edit is in its result
    wait_shown(cell, "n=1")
    assert "x=[1, 20]" in shown(cell)


def test_the_editor_returns_the_inputs_type(kernel):
    cell = Cell(kernel, """
        import polars as pl
        results = [jr.data_editor(data, key=f"t{i}") for i, data in enumerate((
            [1, 2, 3], {"a": [1, 2], "b": ["x", "y"]}, [{"a": 1}, {"a": 2}], np.array([1.5, 2.5]),
            pl.DataFrame({"a": [1, 2]}), pd.Series([1, 2], name="s"), {"k": 1, "j": 2}))]
        jr.text(repr([type(r).__name__ for r in results]))
        jr.text(repr(results[:3]))
    """)
    assert "['list', 'dict', 'list', 'ndarray', 'DataFrame', 'Series', 'dict']" in shown(cell)
    models = grids(kernel, cell.container)
    kernel.update(models[1], edits={"edited_rows": {"1": {"b": "z"}}})
    wait_shown(cell, "'b': ['x', 'z']")
    kernel.update(models[0], edits={"edited_rows": {"0": {"value": 7}}})
    wait_shown(cell, "[[7, 2, 3],")


def test_editing_values_are_parsed_by_column_kind(kernel):
    cell = Cell(kernel, """
        data = pd.DataFrame({"d": [dt.date(2024, 1, 1)], "t": pd.to_datetime(["2024-01-01 10:00"]),
                             "s": ["a"], "f": [1.5], "l": [["a"]], "dur": pd.to_timedelta([5], unit="s")},
                            index=pd.Index(["r1"], name="row"))
        out = jr.data_editor(data, num_rows="add")
        jr.text(repr(out.to_dict("index")))
    """)
    (grid,) = grids(kernel, cell.container)
    specs = {spec["id"]: spec for spec in columns(kernel, grid)}
    assert specs["_index"]["required"] and specs["_index"]["editable"]  # a non-range index: needed for new rows
    assert specs["dur"]["config"]["format"] == "duration"
    kernel.update(grid, edits={"edited_rows": {"0": {"d": "2024-03-05", "t": "2024-02-02T08:30:00", "f": 2,
                                                     "l": ["x", "y"], "dur": 90}},
                               "added_rows": [{"_index": "r2", "s": "new"}, {"s": "no index: left out"}]})
    wait_shown(cell, "'r2': {")
    text = shown(cell)
    assert "datetime.date(2024, 3, 5)" in text and "Timestamp('2024-02-02 08:30:00')" in text
    assert "'f': 2.0" in text and "['x', 'y']" in text and "Timedelta('0 days 00:01:30')" in text
    assert "no index" not in text


# -- column_config ------------------------------------------------------------------------------
def test_every_column_type_reaches_the_grid_with_its_parameters(kernel):
    cell = Cell(kernel, """
        cc = jr.column_config
        data = pd.DataFrame({"t": ["a"], "n": [1.5], "c": [True], "s": ["x"], "m": [["x"]], "d": [dt.date(2024, 1, 1)],
                             "ti": [dt.time(1, 2)], "dt": pd.to_datetime(["2024-01-01"]), "ln": ["https://x.org"],
                             "im": ["https://x.org/a.png"], "lc": [[1, 2]], "bc": [[1, 2]], "ac": [[1, 2]],
                             "p": [50], "li": [["a"]], "j": [{"k": 1}], "hidden": [0], "plain": [1]})
        jr.dataframe(data, hide_index=True, column_order=["plain", "t", "n", "c", "s", "m", "d", "ti", "dt", "ln",
                                                          "im", "lc", "bc", "ac", "p", "li", "j", "hidden"],
                     column_config={
            "t": cc.TextColumn("Text", max_chars=5, validate="^[a-z]+$", help="some text"),
            "n": cc.NumberColumn("Number", format="dollar", min_value=0, max_value=9, step=0.5),
            "c": cc.CheckboxColumn("Check", default=True), "s": cc.SelectboxColumn("Pick", options=["x", "y"], format_func=str.upper),
            "m": cc.MultiselectColumn("Multi", options=["x", "y"], color="blue", accept_new_options=True),
            "d": cc.DateColumn("Date", format="D MMM YYYY", min_value=dt.date(2020, 1, 1)),
            "ti": cc.TimeColumn("Time", step=dt.timedelta(minutes=15)), "dt": cc.DatetimeColumn("When", format="distance"),
            "ln": cc.LinkColumn("Link", display_text="open"), "im": cc.ImageColumn("Image", width="small"),
            "lc": cc.LineChartColumn("Line", y_min=0, y_max=5), "bc": cc.BarChartColumn("Bar", color="#483d8b"),
            "ac": cc.AreaChartColumn("Area", color="auto"), "p": cc.ProgressColumn("Progress", max_value=200, format="%d%%"),
            "li": cc.ListColumn("List"), "j": cc.JsonColumn("Json"), "hidden": None, "plain": "Plain label",
        })
    """)
    (grid,) = grids(kernel, cell.container)
    specs = columns(kernel, grid)
    assert [spec["id"] for spec in specs] == ["plain", "t", "n", "c", "s", "m", "d", "ti", "dt", "ln", "im",
                                               "lc", "bc", "ac", "p", "li", "j"]  # hidden, and no index
    by = {spec["id"]: spec for spec in specs}
    assert [by[i]["type"] for i in by] == ["number", "text", "number", "checkbox", "selectbox", "multiselect",
                                           "date", "time", "datetime", "link", "image", "line_chart",
                                           "bar_chart", "area_chart", "progress", "list", "json"]
    assert by["plain"]["label"] == "Plain label" and by["t"]["help"] == "some text"
    assert by["t"]["config"] == {"max_chars": 5, "validate": "^[a-z]+$"}
    assert by["n"]["config"] == {"format": "dollar", "min_value": 0, "max_value": 9, "step": 0.5}
    assert by["s"]["options"] == [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}]
    assert by["m"]["options"][0] == {"value": "x", "color": "blue"} and by["m"]["config"]["accept_new_options"]
    assert by["d"]["config"] == {"format": "D MMM YYYY", "min_value": "2020-01-01"}
    assert by["ti"]["config"] == {"step": 900.0} and by["dt"]["config"] == {"format": "distance"}
    assert by["im"]["width"] == 75 and by["lc"]["config"] == {"y_min": 0, "y_max": 5}
    assert by["bc"]["config"] == {"color": "#483d8b"} and by["p"]["config"] == {"format": "%d%%", "max_value": 200}
    assert by["c"]["default"] is True and not any(spec["editable"] for spec in specs)


def test_the_other_column_types_are_drawn_read_only(kernel):
    cell = Cell(kernel, """
        cc = jr.column_config
        clicked = cc.ButtonColumn("Go", key="go", on_click=lambda: None)
        out = jr.data_editor(pd.DataFrame({"md": ["**b**"], "au": ["a.mp3"], "vi": ["v.mp4"], "go": ["open"],
                                           "x": [1]}),
                             column_config={"md": cc.MarkdownColumn("Md"), "au": cc.AudioColumn("Audio"),
                                            "vi": cc.VideoColumn("Video"), "go": clicked})
        jr.text(type(clicked).__name__)
    """)
    (grid,) = grids(kernel, cell.container)
    by = {spec["id"]: spec for spec in columns(kernel, grid)}
    assert [by[i]["type"] for i in ("md", "au", "vi", "go", "x")] == ["markdown", "audio", "video", "button", "number"]
    assert by["md"]["editable"] and not by["au"]["editable"] and not by["go"]["editable"] and by["x"]["editable"]
    assert "ButtonColumnResult" in shown(cell)


def test_a_lazy_frame_and_a_cached_dataframe(kernel):
    cell = Cell(kernel, """
        import polars as pl
        @jr.cache_data
        def show_table(n):
            jr.dataframe(pd.DataFrame({"n": range(n)}))
            return n
        show_table(3)
        show_table(3)  # a hit draws the recorded grid again
        jr.dataframe(pl.LazyFrame({"z": [1, 2]}))
    """)
    models = grids(kernel, cell.container)
    assert len(models) == 3 and [kernel.models[m]["frame"]["nrows"] for m in models] == [3, 3, 2]


def test_every_column_type_returns_what_streamlit_returns():
    """The same calls, Streamlit's column_config against ours (run here, in the test)."""
    import datetime as dt

    import streamlit.column_config as streamlit
    import jupyter_rerun as jr

    calls = {
        "Column": {"label": "c", "width": 120, "pinned": True, "alignment": "center"},
        "TextColumn": {"max_chars": 5, "validate": "^a", "default": "x", "required": True},
        "NumberColumn": {"format": "dollar", "min_value": 0, "max_value": 9, "step": 0.5, "default": 1},
        "CheckboxColumn": {"default": True, "disabled": True},
        "SelectboxColumn": {"options": ["a", "b"], "format_func": str.upper, "default": "a"},
        "MultiselectColumn": {"options": ["a", "b", "c"], "color": ["red", "blue"], "accept_new_options": True,
                              "default": ("a",)},
        "DateColumn": {"format": "D MMM YYYY", "min_value": dt.date(2020, 1, 1), "step": 2,
                       "default": dt.date(2021, 5, 5)},
        "TimeColumn": {"step": dt.timedelta(minutes=15), "max_value": dt.time(18, 0)},
        "DatetimeColumn": {"format": "calendar", "timezone": "UTC", "min_value": dt.datetime(2020, 1, 1, 8)},
        "LinkColumn": {"display_text": "open", "max_chars": 100},
        "ImageColumn": {"width": "small"}, "AudioColumn": {}, "VideoColumn": {}, "JsonColumn": {},
        "LineChartColumn": {"y_min": 0, "y_max": 5, "color": "auto"},
        "BarChartColumn": {"color": "#483d8b"}, "AreaChartColumn": {"color": "rgba(1, 2, 3, 0.5)"},
        "ProgressColumn": {"format": "%d%%", "min_value": 0, "max_value": 200, "color": "green"},
        "ListColumn": {"default": ["x"]}, "MarkdownColumn": {"default": "**b**"},
        "ButtonColumn": {"type": "primary"},
    }
    assert set(calls) == set(streamlit.__all__)
    for name, arguments in calls.items():
        assert getattr(jr.column_config, name)("L", **{k: v for k, v in arguments.items() if k != "label"}) == \
            getattr(streamlit, name)("L", **{k: v for k, v in arguments.items() if k != "label"}), name


def test_column_types_match_streamlits_dicts(kernel):
    ours = kernel.value("[jr.column_config.NumberColumn('n', format='%d', min_value=1), "
                        "jr.column_config.Column('c', width='large'), jr.column_config.ListColumn(default=('a',))]")
    assert ours == [
        {"label": "n", "width": None, "help": None, "disabled": None, "required": None, "pinned": None,
         "alignment": None, "default": None,
         "type_config": {"type": "number", "min_value": 1, "max_value": None, "format": "%d", "step": None}},
        {"label": "c", "width": "large", "help": None, "disabled": None, "required": None, "pinned": None,
         "alignment": None},
        {"label": None, "width": None, "help": None, "pinned": None, "disabled": None, "required": None,
         "default": ["a"], "type_config": {"type": "list"}}]


# -- table and metric ---------------------------------------------------------------------------
def test_table_renders_every_row_with_markdown_and_streamlits_defaults(kernel):
    cell = Cell(kernel, """
        jr.table(pd.DataFrame({"name": ["**bold**", "<b>raw</b>"], "v": [1.23456789, None]}))
        jr.table({"k": 1, "j": 2}, border="horizontal")
        jr.table(pd.DataFrame({"x": [1.0]}).style.highlight_max(color="yellow"))
    """)
    text = cell.text()
    assert "<strong>bold</strong>" in text and "&lt;b&gt;raw&lt;/b&gt;" in text  # user HTML escaped
    assert ">1.2346<" in text and "jr-table-missing" in text
    assert '<th scope="row">k</th>' in text and "jr-table-border-horizontal" in text
    assert "<thead>" not in text.split("jr-table-border-horizontal")[1].split("</table>")[0]  # a dict: no header
    assert "background-color: yellow" in text


@pytest.mark.parametrize("args, color, arrow", [
    ("'1.2 °F'", "green", "up"), ("-8", "red", "down"), ("-8, delta_color='inverse'", "green", "down"),
    ("5, delta_color='inverse'", "red", "up"), ("5, delta_color='off'", "gray", "up"), ("0", "gray", None),
    ("'0'", "gray", None), ("'-0.0%'", "red", "down"), ("3, delta_color='violet'", "violet", "up"),
    ("3, delta_arrow='down'", "green", "down"), ("-3, delta_arrow='off'", "red", None)])
def test_metric_delta_colour_and_arrow_follow_streamlits_rules(kernel, args, color, arrow):
    text = Cell(kernel, f"jr.metric('Label', 70, {args})").text()
    assert f"jr-delta-{color}" in text
    assert (f'aria-label="{arrow}"' in text) if arrow else ('aria-label="up"' not in text and 'aria-label="down"' not in text)


def test_metric_value_format_sparkline_border_and_label(kernel):
    cell = Cell(kernel, """
        jr.metric("**Sales**", 1234.567, 12.3, format="dollar", border=True, help="in USD", chart_data=[1, 3, 2],
                  chart_type="area", delta_description="month over month")
        jr.metric("hidden label", None, label_visibility="hidden")
        jr.metric("gone", "x", label_visibility="collapsed", chart_data=pd.Series([1.0, 2.0]), chart_type="bar")
    """)
    text = cell.text()
    assert "<strong>Sales</strong>" in text and "$1,234.57" in text and "$12.30" in text
    assert "jr-metric-border" in text and 'title="in USD"' in text and "month over month" in text
    assert text.count("<polygon") == 1 and text.count("<rect") == 2
    assert "jr-metric-hidden" in text and "—" in text and "gone" not in text


@pytest.mark.parametrize("value, format, expected", [
    (1234.567, "plain", "1234.567"), (1234.567, "localized", "1,234.567"), (1234.567, "percent", "123456.70%"),
    (1234.567, "dollar", "$1,234.57"), (1234.567, "euro", "€1,234.57"), (1234.567, "yen", "¥1,235"),
    (1234, "accounting", "1,234.00"), (-1234, "accounting", "(1,234.00)"), (1234, "bytes", "1.2KB"),
    (1234, "compact", "1.2K"), (1234.567, "scientific", "1.235E3"), (12345.67, "engineering", "12.346E3"),
    (1234, "%d", "1234"), (1234.567, "%.2f", "1234.57"), (1234, "%X", "4D2"), (1234.567, "£ %.2f", "£ 1234.57"),
    (1234, "%,d", "1,234"), (5, "%d ⭐", "5 ⭐"), (50, "%d%%", "50%"), (7, "100%% of %d", "100% of 7")])
def test_number_formats_match_streamlits_examples(value, format, expected):
    from jupyter_rerun.ui.number_format import format_number

    assert format_number(value, format) == expected


def test_data_elements_are_methods_of_containers(kernel):
    cell = Cell(kernel, """
        left, right = jr.columns(2)
        left.dataframe([1, 2])
        right.metric("in a column", 3)
        with jr.expander("more"):
            jr.table([1])
    """)
    assert len(grids(kernel, cell.container)) == 1
    assert "in a column" in shown(cell)


def test_outside_a_rerun_cell_a_dataframe_displays_once(kernel):
    execution = kernel.execute("event = jr.dataframe([1, 2], on_select='rerun')\nprint(dict(event.selection))")
    assert len(execution.views) == 1
    assert "{'rows': [], 'columns': [], 'cells': []}" in execution.stdout
