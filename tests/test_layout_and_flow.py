"""Display and layout elements, no-waste reruns, cross-cell reactivity, jr.rerun/jr.stop,
supersession and bad input, in real kernels (both event modes)."""

from __future__ import annotations

import pytest
from conftest import Cell, only, started_marker, unique, wait_for_start


def model_names(kernel, ids):
    return [kernel.models[i]["_model_name"] for i in ids]


def tree(kernel, model_id):
    """Every model id under `model_id` (layout boxes, slots, widgets)."""
    ids = [model_id]
    for child in kernel.children(model_id):
        ids += tree(kernel, child)
    return ids


DASHBOARD = """
    jr.title("Sales")
    left, right = jr.columns([2, 1])
    with left:
        n = jr.slider("n", 1, 10, 3)
        jr.write(f"n squared is {n * n}")
    right.markdown(f"**double** {2 * n}")
    one, two = jr.tabs(["one", "two"])
    one.text(f"tab one {n}")
    with two:
        with jr.expander("details", expanded=True):
            jr.write("inside", n)
    box = jr.container()
    jr.write("after the container")
    box.write("written into the container later")
    status = jr.empty()
    status.text("working")
    status.text(f"done {n}")
"""


def test_display_and_layout_elements_nest_and_render(kernel):
    cell = Cell(kernel, DASHBOARD)
    text = cell.text()
    for expected in ('<h1 id="sales"', "n squared is 9", "<strong>double</strong> 6", "tab one 3",
                     "inside", "done 3"):
        assert expected in text, (expected, text)
    assert text.index("written into the container later") < text.index("after the container")
    assert "working" not in text  # the placeholder holds its last element only
    row = only(kernel, cell.container, "HBoxModel")
    assert model_names(kernel, kernel.children(row)) == ["VBoxModel", "VBoxModel"]
    tab = only(kernel, cell.container, "TabModel")
    assert kernel.models[tab]["titles"] == ["one", "two"]
    accordion = only(kernel, cell.container, "AccordionModel")
    assert kernel.models[accordion]["titles"] == ["details"]
    assert kernel.models[accordion]["selected_index"] == 0


def test_a_rerun_that_changes_nothing_sends_nothing_and_one_change_one_message(kernel):
    cell = Cell(kernel, DASHBOARD + "\n    jr.checkbox('unrelated')")
    before = tree(kernel, cell.container)
    box = only(kernel, cell.container, "CheckboxModel")
    runs = "__import__('jupyter_rerun.runtime').runtime.current().scheduler.runs"
    runs_before = kernel.value(runs)
    start = len(kernel.log)
    kernel.handled(kernel.update(box, value=True))  # reruns the cell; nothing shown depends on it
    kernel.sync()
    sent = [m for m in kernel.messages_since(start, "comm_msg", "comm_open", "display_data",
                                             "clear_output")
            if not (m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == box)]
    assert sent == []
    assert kernel.value(runs) == runs_before + 1  # it did rerun
    assert tree(kernel, cell.container) == before

    slider = only(kernel, cell.container, "IntSliderModel")
    start = len(kernel.log)
    kernel.update(slider, value=4)  # changes 5 elements: each model updated once, nothing else
    cell.wait_for("done 4")
    kernel.sync()
    updates = [m for m in kernel.messages_since(start, "comm_msg") if m["content"]["comm_id"] != slider]
    assert all(set(m["content"]["data"]["state"]) == {"value"} for m in updates)
    assert len(updates) == 5
    assert kernel.messages_since(start, "comm_open") == []
    assert tree(kernel, cell.container) == before


def test_the_user_keeps_an_expander_or_tab_as_they_left_it(kernel):
    cell = Cell(kernel, "n = jr.slider('n')\nwith jr.expander('more'):\n    jr.write(n)")
    accordion = only(kernel, cell.container, "AccordionModel")
    kernel.update(accordion, selected_index=0)  # the user opens it
    kernel.update(only(kernel, cell.container, "IntSliderModel"), value=5)
    cell.wait_for("5")
    kernel.sync()
    assert kernel.models[accordion]["selected_index"] == 0


def test_cells_that_read_a_key_rerun_when_another_cell_changes_it(kernel):
    key, order = unique("k"), unique("order")
    kernel.execute(f"{order} = []")
    controls = Cell(kernel, f"jr.slider('level', 0, 10, key='{key}')\n{order}.append('controls')")
    first = Cell(kernel, f"{order}.append('first')\nprint('first sees', jr.session_state['{key}'])")
    second = Cell(kernel, f"{order}.append('second')\nprint('second sees', jr.session_state.{key})")
    unrelated = Cell(kernel, f"{order}.append('unrelated')\nprint('no state')")
    kernel.execute(f"{order}.clear()")
    kernel.update(only(kernel, controls.container, "IntSliderModel"), value=7)
    first.wait_for("first sees 7")
    second.wait_for("second sees 7")
    kernel.sync()
    assert kernel.value(order) == ["controls", "first", "second"]  # notebook order, once each
    kernel.execute(f"{order}.clear()\njr.session_state['{key}'] = 7")  # same value: not a change
    kernel.sync()
    assert kernel.value(order) == []
    assert unrelated.text().startswith("no state")


def test_a_cells_own_writes_do_not_rerun_it(kernel):
    runs = unique("runs")
    kernel.execute(f"{runs} = []")
    cell = Cell(kernel, f"""
        {runs}.append(1)
        jr.session_state.setdefault('{runs}', 0)
        jr.session_state['{runs}'] += 1
        print('runs', len({runs}))
    """)
    kernel.sync()
    assert kernel.value(f"len({runs})") == 1
    assert "runs 1" in cell.text()


def test_cells_that_keep_changing_each_others_keys_stop_with_a_warning(kernel):
    a, b = unique("a"), unique("b")
    kernel.execute(f"jr.session_state['{a}'] = 0; jr.session_state['{b}'] = 0")
    ping = Cell(kernel, f"jr.session_state['{a}'] = jr.session_state['{b}'] + 1")
    pong = Cell(kernel, f"jr.session_state['{b}'] = jr.session_state['{a}'] + 1")
    kernel.sync()
    kernel.wait_until(lambda: "stopped a chain" in ping.text() + pong.text())
    kernel.sync()
    value = kernel.value(f"jr.session_state['{a}']")
    assert value < 30  # bounded, not endless


def test_rerun_starts_over_and_stop_ends_quietly(kernel):
    runs = unique("runs")
    kernel.execute(f"{runs} = []")
    cell = Cell(kernel, f"""
        {runs}.append(1)
        if len({runs}) < 3:
            jr.rerun()
        jr.write(f"ran {{len({runs})}} times")
        jr.stop()
        jr.write("never shown")
    """)
    kernel.sync()
    text = cell.text()
    assert "ran 3 times" in text and "never shown" not in text and "Traceback" not in text
    endless = Cell(kernel, "jr.write('again')\njr.rerun()")
    endless.wait_for("stopped after 10 reruns")


def test_stop_outside_a_rerun_cell_ends_the_cell_without_a_traceback(kernel):
    ended = kernel.execute("print('before')\njr.stop()\nprint('after')", allow_errors=True)
    assert ended.stdout == "before\n"
    assert not [m for m in ended.messages if m["msg_type"] == "error" and m["content"]["traceback"]]


def test_newer_input_stops_a_stale_run_at_its_next_checkpoint(kernel, tmp_path):
    starts, ends = unique("starts"), unique("ends")
    kernel.execute(f"import time\n{starts} = []; {ends} = []")
    cell = Cell(kernel, f"""
        n = jr.slider('n', 0, 100, 0)
        {starts}.append(n)
        {started_marker(tmp_path)}
        progress = jr.empty()
        for step in range(40):
            time.sleep(0.025)          # a slow body...
            progress.text(f"{{step}}")  # ...with a checkpoint at every jr call
        {ends}.append(n)
        jr.write(f"finished {{n}}")
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=1)
    wait_for_start(tmp_path, 1)
    kernel.update(slider, value=2)
    cell.wait_for("finished 2")
    kernel.sync()
    assert kernel.value(starts) == [0, 1, 2]
    assert kernel.value(ends) == [0, 2]  # the run for 1 was stopped, not finished first


def test_a_cell_waiting_to_run_does_not_start_a_rerun_over(kernel, tmp_path):
    starts = unique("starts")
    kernel.execute(f"import time\n{starts} = []")
    cell = Cell(kernel, f"""
        n = jr.slider('n', 0, 100, 0)
        {starts}.append(n)
        {started_marker(tmp_path)}
        for step in range(20):
            time.sleep(0.025)
            jr.text(f"step {{step}}")  # a checkpoint, with a cell waiting in the inbox
        jr.write(f"finished {{n}}")
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=1)
    wait_for_start(tmp_path, 1)
    waiting = kernel.submit("print('my cell')")
    assert kernel.collect(waiting).stdout == "my cell\n"
    cell.wait_for("finished 1")
    kernel.sync()
    assert kernel.value(starts) == [0, 1]  # the run for 1 started once


@pytest.mark.parametrize("body, message", [
    ("jr.slider('s', 5, 5)", "min_value and max_value are both 5"),
    ("jr.slider('s', 0, 10, 2.5)", "must be of one type"),
    ("jr.slider('s', step=0)", "step must be positive"),
    ("jr.select_slider('s', [])", "options is empty"),
    ("jr.selectbox('s', ['a'], index=3)", "index must be None or an int from 0 to 0"),
    ("jr.radio('s', ['a'], captions=[1])", "each caption must be a string or None"),
    ("jr.multiselect('s', ['a'], ['z'])", "'z' is not one of the options"),
    ("jr.slider('s', bogus=1)", "unexpected keyword argument 'bogus'"),
    ("jr.text_input('s', type='secret')", "type must be 'default', 'password'"),
    ("jr.color_picker('s', 'red')", "hex colour"),
    ("jr.date_input('s', ('2024-01-01', '2024-02-01', '2024-03-01'))", "a date range is a pair"),
    ("jr.number_input('s', 5, 1)", "min_value 5 must be less than max_value 1"),
    ("jr.checkbox('s', on_change=3)", "the callback must be a function"),
    ("jr.columns(0)", "at least 1"),
    ("jr.tabs([])", "non-empty list of strings"),
])
def test_bad_widget_arguments_show_a_clear_error_and_lose_nothing(kernel, body, message):
    key = unique("kept")
    kernel.execute(f"jr.session_state['{key}'] = 'safe'")
    cell = Cell(kernel, f"jr.write('before')\n{body}")
    text = cell.text()
    assert message in text, text
    assert "before" in text and cell.execution.error is None
    assert kernel.value(f"jr.session_state['{key}']") == "safe"


def test_widgets_outside_a_rerun_cell_name_the_fix(kernel):
    outside = kernel.execute("jr.slider('x')", allow_errors=True)
    assert "put %%rerun on the first line of this cell" in outside.error
    shown = kernel.execute("jr.header('works anywhere')")
    assert any(m["msg_type"] == "display_data" for m in shown.messages)
