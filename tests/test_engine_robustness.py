"""Input that must not kill or wedge a kernel, and Streamlit's widget rules (issue 10).

Real kernels, both event modes (see the `kernel` fixture): a cell's `sys.exit()`, a
callback's `jr.stop()` or `jr.rerun()`, a %%rerun run from inside a %%rerun, a huge
session_state value, top-level `await`, sliders without bounds, widget values that could
alias session_state.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import Cell, only, unique


def still_alive(kernel, cell, slider, value):
    """The kernel answers a cell, and `cell` reruns when `slider` changes."""
    assert kernel.value("6 * 7") == 42
    kernel.update(slider, value=value)
    cell.wait_for(f"n is {value}")


# -- SystemExit ---------------------------------------------------------------------------
def test_system_exit_in_a_rerun_body_shows_in_the_container_and_the_kernel_lives(kernel):
    cell = Cell(kernel, """
        import sys
        n = jr.slider('n', 0, 10, 0)
        if n == 3:
            raise SystemExit(3)
        if n == 4:
            sys.exit('leaving from the body')
        print('n is', n)
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=3)
    assert "SystemExit: 3" in cell.wait_for("SystemExit")
    kernel.update(slider, value=4)
    cell.wait_for("leaving from the body")
    still_alive(kernel, cell, slider, 5)


def test_system_exit_in_a_first_run_stays_in_its_container(kernel):
    run = kernel.execute("%%rerun\nimport sys\nprint('before')\nsys.exit(2)", allow_errors=True)
    assert run.error is None  # the cell itself did not fail: its run did, in its container
    (container,) = run.views
    text = kernel.text(container)
    assert "before" in text and "SystemExit: 2" in text


def test_system_exit_in_a_callback_shows_and_the_body_still_runs(kernel):
    leave = unique("leave")
    kernel.execute(f"def {leave}():\n    raise SystemExit('leaving from a callback')")
    cell = Cell(kernel, f"n = jr.slider('n', 0, 10, 0, on_change={leave})\nprint('n is', n)")
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=2)
    text = cell.wait_for("n is 2")
    assert "SystemExit: leaving from a callback" in text
    still_alive(kernel, cell, slider, 6)


# -- jr.stop() and jr.rerun() in callbacks ----------------------------------------------------
@pytest.mark.parametrize("callback", ["jr.stop", "lambda: jr.stop()"])
def test_stop_in_a_callback_stops_the_run_and_closes_no_widget(kernel, callback):
    runs = unique("runs")
    kernel.execute(f"{runs} = []")
    cell = Cell(kernel, f"""
        halt = jr.checkbox('halt', on_change={callback})
        {runs}.append(halt)
        n = jr.slider('n', 0, 10, 0)
        jr.text_input('kept')
        print('n is', n)
    """)
    box = only(kernel, cell.container, "CheckboxModel")
    slider = only(kernel, cell.container, "IntSliderModel")
    text = only(kernel, cell.container, "TextModel")
    start = len(kernel.log)
    kernel.handled(kernel.update(box, value=True))
    kernel.sync()
    assert kernel.messages_since(start, "comm_close") == []  # no widget of the cell closed
    assert kernel.value(runs) == [False]  # the body did not run
    # what was on screen stays: the same three widgets, and the last output
    assert kernel.find(cell.container, "IntSliderModel") == [slider]
    assert kernel.find(cell.container, "TextModel") == [text]
    assert "n is 0" in cell.text()
    still_alive(kernel, cell, slider, 7)
    assert kernel.value(runs) == [False, True]


def test_a_run_ended_by_stop_keeps_the_widgets_it_did_not_reach(kernel):
    cell = Cell(kernel, """
        name = jr.text_input('name', 'ada')
        if not name:
            jr.stop()
        age = jr.slider('age', 0, 100, 30)
        print('age', age)
    """)
    name = only(kernel, cell.container, "TextModel")
    age = only(kernel, cell.container, "IntSliderModel")
    kernel.update(age, value=40)
    cell.wait_for("age 40")
    start = len(kernel.log)
    kernel.handled(kernel.update(name, value=""))
    kernel.sync()
    assert age not in [m["content"]["comm_id"] for m in kernel.messages_since(start, "comm_close")]
    kernel.update(name, value="grace")
    cell.wait_for("age 40")  # the same slider, with the user's value
    assert only(kernel, cell.container, "IntSliderModel") == age


def test_rerun_in_a_callback_does_nothing_but_warn(kernel):
    log = unique("log")
    kernel.execute(f"{log} = []\ndef {log}_again():\n    {log}.append('callback')\n"
                   f"    jr.rerun()\n    {log}.append('after jr.rerun()')")
    cell = Cell(kernel, f"n = jr.slider('n', 0, 10, 0, on_change={log}_again)\n"
                        f"{log}.append(('body', n))\nprint('n is', n)")
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=4)
    text = cell.wait_for("n is 4")
    kernel.sync()
    assert kernel.value(log) == [("body", 0), "callback", "after jr.rerun()", ("body", 4)]
    assert "jr.rerun() in a widget callback does nothing" in text


# -- %%rerun inside %%rerun ----------------------------------------------------------------------
def _descendant_outputs(kernel, container):
    for slot in kernel.find(container, "OutputModel"):
        yield from kernel.models[slot].get("outputs", [])


def test_a_rerun_body_that_runs_rerun_gets_a_one_line_error(kernel):
    cell = Cell(kernel, """
        n = jr.slider('n', 0, 10, 0)
        print('n is', n)
        get_ipython().run_cell_magic('rerun', '', 'print("INNER" + "-RAN")')
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    for value in (None, 3):  # the first run, then a rerun
        if value is not None:
            kernel.update(slider, value=value)
            cell.wait_for(f"n is {value}")
            kernel.sync()
        outputs = list(_descendant_outputs(kernel, cell.container))
        (error,) = [o for o in outputs if o["output_type"] == "error"]
        assert error["ename"] == "UsageError"
        assert "%%rerun cannot run inside a %%rerun cell" in error["evalue"]
        assert len(error["traceback"]) <= 2, error["traceback"]  # the message and the line
        shown = [o["data"].get("application/vnd.jupyter.widget-view+json", {}).get("model_id")
                 for o in outputs if o["output_type"] == "display_data"]
        assert cell.container not in shown  # never inside its own output
        assert "INNER-RAN" not in cell.text()


# -- session_state's repr ------------------------------------------------------------------------
def test_the_text_repr_of_a_huge_session_state_is_short(kernel):
    key = unique("big")
    kernel.execute(f"jr.session_state['{key}'] = bytes(5_000_000)")  # repr: 20 MB of '\\x00'
    try:
        shown = kernel.execute("jr.session_state")
        (result,) = [m for m in shown.messages if m["msg_type"] == "execute_result"]
        assert len(json.dumps(result["content"])) < 20_000
        assert f"'{key}'" in result["content"]["data"]["text/plain"]
        printed = kernel.execute("print(jr.session_state)")
        assert len(printed.stdout) < 20_000
    finally:
        kernel.execute(f"del jr.session_state['{key}']")


# -- top-level await ---------------------------------------------------------------------------
def test_the_top_level_await_error_suggests_something_that_works_in_a_kernel(kernel):
    refused = kernel.execute("%%rerun\nimport asyncio\nawait asyncio.sleep(0)", allow_errors=True)
    assert "'await' at the top level of a %%rerun cell" in refused.error
    found = re.search(r"`([^`]+)`", refused.error) or re.search(r"e\.g\. (.+?)(?: \(<string>\))?$", refused.error)
    assert found, refused.error
    suggestion = found.group(1)
    coroutine = unique("main")
    kernel.execute(f"import asyncio\nasync def {coroutine}():\n    await asyncio.sleep(0.01)\n"
                   "    return 'awaited'")
    cell = Cell(kernel, f"import asyncio, concurrent.futures\nn = jr.slider('n', 0, 10, 0)\n"
                        f"{suggestion.replace('main()', f'{coroutine}()')}\n"
                        "print('result', result, 'n is', n)")
    assert "result awaited n is 0" in cell.text(), cell.text()  # in a cell's first run
    kernel.update(only(kernel, cell.container, "IntSliderModel"), value=1)
    cell.wait_for("result awaited n is 1")  # and in a rerun


# -- sliders without bounds ----------------------------------------------------------------------
def test_a_slider_without_bounds_widens_its_defaults_to_hold_the_value(kernel):
    cell = Cell(kernel, """
        a = jr.slider('a', value=150)
        b = jr.slider('b', value=[-1.0, 1.0])
        c = jr.slider('c', value=-5)
        d = jr.slider('d', min_value=200)
        print('a', a, 'b', b, 'c', c, 'd', d)
    """)
    assert "a 150 b (-1.0, 1.0) c -5 d 200" in cell.text(), cell.text()
    a, c, d = (kernel.models[m] for m in kernel.find(cell.container, "IntSliderModel"))
    (b,) = (kernel.models[m] for m in kernel.find(cell.container, "FloatRangeSliderModel"))
    assert (a["min"], a["max"]) == (0, 150)
    assert (b["min"], b["max"]) == (-1.0, 1.0)
    assert (c["min"], c["max"]) == (-5, 100)
    assert (d["min"], d["max"]) == (100, 200)  # Streamlit swaps a default that crosses min


# -- a widget's value is its own object ----------------------------------------------------------
def test_a_multiselect_value_is_never_the_session_state_list(kernel):
    key, seen = unique("k"), unique("seen")
    kernel.execute(f"{seen} = []")
    cell = Cell(kernel, f"""
        chosen = jr.multiselect('m', ['a', 'b', 'c'], ['a'], key='{key}')
        rerun_me = jr.checkbox('rerun me')
        {seen}.append(chosen)
        print('aliased', chosen is jr.session_state['{key}'], 'chosen', chosen, rerun_me)
    """)
    assert "aliased False chosen ['a']" in cell.text()
    box = only(kernel, cell.container, "CheckboxModel")

    def mutate_both_then_rerun(chosen: list, rerun_me: bool) -> None:
        # mutating what the widget returned leaves session_state as it was ...
        kernel.execute(f"{seen}[-1].append('x')")
        assert kernel.value(f"jr.session_state['{key}']") == chosen
        # ... and mutating session_state's list leaves what the run got as it was; the
        # next run takes the new list as code setting the key: the widget follows it
        kernel.execute(f"jr.session_state['{key}'].append('c')")
        assert kernel.value(f"{seen}[-1]") == [*chosen, "x"]
        kernel.update(box, value=rerun_me)
        cell.wait_for(f"chosen {[*chosen, 'c']} {rerun_me}")

    mutate_both_then_rerun(["a"], True)  # after the first run
    kernel.update(only(kernel, cell.container, "TagsInputModel"), value=["b"])
    cell.wait_for("chosen ['b'] True")
    kernel.sync()
    assert "aliased False" in cell.text()
    mutate_both_then_rerun(["b"], False)  # after the user's input reached session_state
