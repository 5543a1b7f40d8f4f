"""%%rerun in a real kernel, driven with the comm messages a browser sends.

Every test runs twice: widget events on the kernel's main thread (Voila, classic) and on a
subshell thread (JupyterLab 4.6's default), see the `kernel` fixture.
"""

from __future__ import annotations

import re

import time

import pytest
from conftest import Cell, make_slider, unique


def counted_cell(kernel, slider, line="", extra=""):
    """A cell that records the slider value each run starts with; returns (cell, list name).
    (In subshell mode the value may change while the run is going: read it once.)"""
    log = unique("log")
    kernel.execute(f"{log} = []")
    cell = Cell(kernel, f"{log}.append({slider}.value)\n{extra}\nprint('value', {log}[-1])",
                line=line)
    return cell, log


def test_first_run_is_like_a_normal_cell_but_inside_the_container(kernel):
    s = unique("s")
    make_slider(kernel, s, value=3)
    cell = Cell(kernel, f"print('hello', {s}.value)\n{s}.value * 10")
    assert cell.execution.stdout == ""  # nothing escaped the container
    assert "hello 3\n30" in cell.text()
    assert f"reruns on: {s}" in cell.text()


def test_a_widget_change_reruns_the_cell_with_the_new_value(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    cell, log = counted_cell(kernel, s)
    kernel.update(model, value=7)
    assert "value 7" in cell.wait_for("value 7")
    kernel.update(model, value=8)
    cell.wait_for("value 8")
    kernel.sync()
    assert kernel.value(log) == [0, 7, 8]


def test_a_button_click_reruns_the_cell(kernel):
    b, log = unique("b"), unique("log")
    (button,) = kernel.execute(f"{b} = w.Button(description='go'); {log} = []; display({b})").views
    cell = Cell(kernel, f"{log}.append({b}.description)\nprint('runs', len({log}))")
    kernel.click(button)
    cell.wait_for("runs 2")
    kernel.click(button)
    cell.wait_for("runs 3")


def test_on_adds_widgets_the_cell_does_not_read_by_name(kernel):
    s, t, ns = unique("s"), unique("t"), unique("ns")
    hidden = make_slider(kernel, s)
    other = make_slider(kernel, t)
    kernel.execute(f"import types; {ns} = types.SimpleNamespace(x={s})")
    cell = Cell(kernel, f"print('x is', {ns}.x.value)", line=f"--on {ns}.x,{t}")
    assert f"reruns on: {ns}.x, {t}" in cell.text()
    kernel.update(hidden, value=5)
    cell.wait_for("x is 5")
    runs = "__import__('jupyter_rerun.runtime').runtime.current().scheduler.runs"
    runs_before = kernel.value(runs)
    kernel.handled(kernel.update(other, value=1))  # a pure trigger: the cell reruns, same text
    kernel.sync()
    assert kernel.value(runs) == runs_before + 1 and "x is 5" in cell.text()


def test_unchanged_output_is_not_resent_and_changed_output_is_one_message(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    cell, log = counted_cell(kernel, s, extra="")
    # a cell whose output only changes every 100 steps
    shown = Cell(kernel, f"print('bucket', {s}.value // 100)")
    ours = set(kernel.children(shown.container)) | {shown.container}

    start = len(kernel.log)
    kernel.update(model, value=1)
    cell.wait_for("value 1")
    kernel.sync()
    sent = [m for m in kernel.messages_since(start, "comm_msg", "comm_open", "display_data")
            if m["content"].get("comm_id") in ours or m["msg_type"] != "comm_msg"]
    sent = [m for m in sent if m["parent_header"].get("msg_id") != _last_sync(kernel)]
    assert sent == [], "a rerun with unchanged output sent messages"

    start = len(kernel.log)
    kernel.update(model, value=250)
    shown.wait_for("bucket 2")
    kernel.sync()
    updates = [m for m in kernel.messages_since(start, "comm_msg")
               if m["content"]["comm_id"] in ours]
    assert len(updates) == 1 and "outputs" in updates[0]["content"]["data"]["state"]
    assert kernel.messages_since(start, "comm_open") == []


def _last_sync(kernel):
    executes = [m for m in kernel.log if m["msg_type"] == "execute_input"]
    return executes[-1]["parent_header"]["msg_id"]


def warm_up(kernel, model, cell, value=1):
    """The widget's first change, as a user's first touch: from then on JupyterLab's
    subshell handles its messages (messages that arrive before the first one is handled
    are routed to the main shell and may be applied in another order)."""
    kernel.handled(kernel.update(model, value=value))
    cell.wait_for(f"value {value}")


def test_a_burst_of_events_during_a_run_causes_at_most_one_more_run(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    cell, log = counted_cell(kernel, s, extra="import time; time.sleep(0.3)")
    warm_up(kernel, model, cell)
    for value in range(2, 22):
        kernel.update(model, value=value)
    cell.wait_for("value 21")
    kernel.sync()
    runs = kernel.value(log)
    assert runs[:2] == [0, 1] and runs[-1] == 21
    assert len(runs) - 2 <= 2, runs


def test_events_spread_over_a_run_coalesce_into_one_more_run(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    cell, log = counted_cell(kernel, s, extra="import time; time.sleep(0.4)")
    warm_up(kernel, model, cell, value=50)
    kernel.execute(f"{log}.clear(); {log}.append(0)")
    kernel.update(model, value=1)
    time.sleep(0.1)  # the rerun for 1 is now running
    for value in range(2, 12):
        kernel.update(model, value=value)
        time.sleep(0.02)
    cell.wait_for("value 11")
    kernel.sync()
    assert kernel.value(log) == [0, 1, 11]


def test_debounce_waits_for_quiet_input(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    cell, log = counted_cell(kernel, s, line="--debounce 250")
    warm_up(kernel, model, cell, value=50)
    kernel.execute(f"{log}.clear(); {log}.append(0)")
    for value in range(1, 6):
        kernel.update(model, value=value)
        time.sleep(0.03)
    cell.wait_for("value 5")
    kernel.sync()
    assert kernel.value(log) == [0, 5]


def test_executing_the_same_cell_again_replaces_its_binding(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    log = unique("log")
    kernel.execute(f"{log} = []")
    body = f"{log}.append({s}.value)\nprint('value', {s}.value)"
    first = Cell(kernel, body)
    again = [Cell(kernel, body, cell_id=first.id) for _ in range(3)]
    assert {cell.container for cell in again} == {first.container}  # same models, re-shown
    kernel.update(model, value=9)
    first.wait_for("value 9")
    kernel.sync()
    assert kernel.value(log) == [0, 0, 0, 0, 9]


def test_without_a_cell_id_the_same_source_is_the_same_cell(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    log = unique("log")
    kernel.execute(f"{log} = []")
    source = f"%%rerun\n{log}.append({s}.value)\n"
    for _ in range(3):
        kernel.execute(source)
    kernel.update(model, value=4)
    kernel.wait_until(lambda: kernel.value(log)[-1] == 4)
    kernel.sync()
    assert kernel.value(log) == [0, 0, 0, 4]


def test_rerun_stop_detaches_by_name_and_all(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    name = unique("chart")
    cell, log = counted_cell(kernel, s, line=f"--name {name}")
    other, other_log = counted_cell(kernel, s)
    kernel.execute(f"%rerun_stop {name}")
    assert "stopped" in cell.text()
    kernel.update(model, value=3)
    other.wait_for("value 3")
    kernel.sync()
    assert kernel.value(log) == [0]
    missing = kernel.execute(f"%rerun_stop {name}", allow_errors=True)
    assert missing.error.startswith("UsageError") and "no %%rerun cell is called" in missing.error
    kernel.execute("%rerun_stop --all")
    kernel.handled(kernel.update(model, value=4))
    kernel.sync()
    assert kernel.value(other_log) == [0, 3]


def test_an_error_shows_a_traceback_in_the_container_and_the_next_change_recovers(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    cell = Cell(kernel, f"print('inverse', 1 / {s}.value)")
    assert cell.execution.error is None  # the cell itself succeeded: the error is shown inside
    assert "ZeroDivisionError" in cell.text()
    assert "rerun/binding.py" not in cell.text()  # the traceback starts at the user's code
    # ... with the cell's own failing line (IPython 8 dropped that frame: tb_offset)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", cell.text())
    assert f"----> 1 print('inverse', 1 / {s}.value)" in plain, plain
    kernel.update(model, value=4)
    text = cell.wait_for("inverse 0.25")
    assert "ZeroDivisionError" not in text


def test_a_cell_that_retriggers_itself_stops_with_a_warning(kernel):
    s = unique("s")
    model = make_slider(kernel, s, max=10_000)
    cell = Cell(kernel, f"{s}.value = {s}.value + 1\nprint('now', {s}.value)")
    text = cell.wait_for("stopped after")
    assert "it changes a widget it reruns on" in text
    kernel.sync()
    value = kernel.value(f"{s}.value")
    assert 2 <= value <= 12
    kernel.update(model, value=5000)  # new input reruns it again (and it stops again)
    kernel.wait_until(lambda: kernel.value(f"{s}.value") > 5000)
    kernel.sync()
    assert 5002 <= kernel.value(f"{s}.value") <= 5012
    assert cell.text().count("stopped after") == 1  # one warning, under the last output


def test_a_name_rebound_to_a_new_widget_is_followed(kernel):
    s = unique("s")
    make_slider(kernel, s)
    cell = Cell(kernel, f"print('reads', {s}.value)")
    replacement = make_slider(kernel, s, value=50)  # a later cell rebinds the name
    kernel.update(replacement, value=60)
    cell.wait_for("reads 60")


@pytest.mark.parametrize("line, expected", [
    ("--bogus", "unrecognized arguments: --bogus; usage: %%rerun [--on NAMES]"),
    ("--debounce abc", "--debounce takes milliseconds from 0 to 3600000"),
    ("--debounce -5", "--debounce takes milliseconds from 0 to 3600000"),
    ("--debounce nan", "--debounce takes milliseconds from 0 to 3600000"),
    ("--debounce 3600001", "--debounce takes milliseconds from 0 to 3600000 (an hour)"),
    ("--on", "expected one argument"),
    ("--on 3x", "--on takes comma-separated names like --on a,b"),
    ("--on not_defined_anywhere", "'not_defined_anywhere' is not defined; widgets in scope:"),
    ("--on plain_number", "'plain_number' is a int, not a widget; widgets in scope:"),
])
def test_bad_arguments_are_one_line_usage_errors_and_change_nothing(kernel, line, expected):
    s = unique("s")
    model = make_slider(kernel, s)
    cell, log = counted_cell(kernel, s)
    kernel.execute(f"plain_number = 3; jr.session_state['{s}_kept'] = 'yes'")
    before = kernel.value("len(__import__('jupyter_rerun.runtime').runtime.current().bindings)")

    bad = kernel.execute(f"%%rerun {line}\nprint('never')\n", allow_errors=True)
    assert bad.error is not None and bad.error.startswith("UsageError")
    stderr = "".join(m["content"]["text"] for m in bad.messages if m["msg_type"] == "stream")
    assert stderr.count("\n") == 1 and expected in stderr, stderr
    assert "never" not in stderr and bad.stdout == ""

    after = kernel.value("len(__import__('jupyter_rerun.runtime').runtime.current().bindings)")
    assert after == before
    assert kernel.value(f"jr.session_state['{s}_kept']") == "yes"
    kernel.update(model, value=2)
    cell.wait_for("value 2")


def test_a_syntax_error_keeps_the_previous_binding(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    cell, log = counted_cell(kernel, s)
    broken = kernel.execute("%%rerun\nprint(\n", cell_id=cell.id, allow_errors=True)
    assert broken.error.startswith("SyntaxError")
    kernel.update(model, value=6)
    cell.wait_for("value 6")


@pytest.mark.parametrize("line", ["", "--all extra", "a b"])
def test_rerun_stop_misuse_names_the_fix(kernel, line):
    bad = kernel.execute(f"%rerun_stop {line}", allow_errors=True)
    assert bad.error.startswith("UsageError")
    stderr = "".join(m["content"]["text"] for m in bad.messages if m["msg_type"] == "stream")
    assert stderr.count("\n") == 1 and "%rerun_stop [NAME | --all]" in stderr


def test_every_widget_message_gets_its_idle_even_during_a_rerun(kernel):
    """The ipywidgets front end keeps one message in flight per widget and sends the next
    change only after the kernel reported idle for it; a missing idle freezes the slider."""
    s = unique("s")
    model = make_slider(kernel, s)
    cell, log = counted_cell(kernel, s, extra="import time; time.sleep(0.3)")
    warm_up(kernel, model, cell, value=50)
    sent = [kernel.update(model, value=value) for value in range(1, 6)]
    for msg_id in sent:
        statuses = [m["content"]["execution_state"] for m in kernel.handled(msg_id)
                    if m["msg_type"] == "status"]
        assert statuses[0] == "busy" and statuses[-1] == "idle"
    cell.wait_for("value 5")
