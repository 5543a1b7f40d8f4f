"""Where widget events run, and the rule for a rerun that arrives while a cell runs.

Rule: a rerun never overlaps a user's cell. An event that arrives while a cell runs is
noted at once (on JupyterLab's subshell thread it is even handled at once), and the rerun
starts when the cell has finished. Its output lands in the %%rerun cell's container, never
in the running cell's output.
"""

from __future__ import annotations

import time

from conftest import Cell, make_slider, unique, wait_for_file


def test_a_rerun_requested_during_a_cell_waits_for_the_cell_and_keeps_its_output(kernel):
    s, events, starts = unique("s"), unique("events"), unique("starts")
    model = make_slider(kernel, s)
    kernel.execute(
        f"import threading, time\n{events} = []; {starts} = []\n"
        f"{s}.observe(lambda change: {events}.append((time.monotonic(), "
        f"threading.current_thread().name)), names='value')"
    )
    cell = Cell(kernel, f"{starts}.append(time.monotonic())\nprint('rerun sees', {s}.value)")
    kernel.update(model, value=1)  # JupyterLab routes later events to its subshell
    cell.wait_for("rerun sees 1")

    busy = kernel.submit("import time\ntime.sleep(1.0)\nprint('cell done')\ncell_end = time.monotonic()")
    time.sleep(0.3)
    kernel.update(model, value=2)
    finished = kernel.collect(busy)
    cell.wait_for("rerun sees 2")
    kernel.sync()

    assert finished.stdout == "cell done\n"  # the rerun's print did not land in this cell
    cell_end = kernel.value("cell_end")
    event_time, thread = kernel.value(f"{events}[-1]")
    rerun_start = kernel.value(f"{starts}[-1]")
    assert rerun_start >= cell_end  # the rule: never overlapping the user's cell
    if kernel.subshell:
        assert thread.startswith("subshell-") and event_time < cell_end  # handled during it
    else:
        assert thread == "MainThread" and event_time >= cell_end  # queued behind it


def test_each_cell_output_lands_in_its_own_container(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    first = Cell(kernel, f"print('first', {s}.value)")
    second = Cell(kernel, f"print('second', {s}.value * 2)")
    for value in (3, 4, 5):
        kernel.update(model, value=value)
    first.wait_for("first 5")
    second.wait_for("second 10")
    assert "second" not in first.text() and "first" not in second.text()


def test_prints_from_a_concurrent_cell_stay_in_that_cell(kernel):
    s = unique("s")
    model = make_slider(kernel, s)
    cell = Cell(kernel, f"print('dashboard', {s}.value)")
    busy = kernel.submit("import time\nfor i in range(5):\n    print('tick', i)\n    time.sleep(0.1)")
    kernel.update(model, value=7)
    finished = kernel.collect(busy)
    cell.wait_for("dashboard 7")
    assert finished.stdout == "".join(f"tick {i}\n" for i in range(5))
    assert "tick" not in cell.text()


def test_an_interrupt_stops_a_long_rerun_and_the_next_change_works(kernel, tmp_path):
    s = unique("s")
    model = make_slider(kernel, s)
    sleeping = tmp_path / "sleeping"
    cell = Cell(kernel, f"import time\nif {s}.value == 5:\n    open({str(sleeping)!r}, 'w').close()\n"
                        f"    time.sleep(60)\nprint('done', {s}.value)")
    kernel.update(model, value=5)
    wait_for_file(sleeping)  # the rerun is sleeping now
    kernel.interrupt()
    cell.wait_for("KeyboardInterrupt")
    kernel.update(model, value=6)
    text = cell.wait_for("done 6")
    assert "KeyboardInterrupt" not in text
    assert kernel.execute("print('alive')").stdout == "alive\n"


def test_an_interrupt_during_the_first_run_interrupts_the_cell(kernel, tmp_path):
    s = unique("s")
    make_slider(kernel, s)
    sleeping = tmp_path / "sleeping"
    busy = kernel.submit(f"%%rerun\nimport time\nopen({str(sleeping)!r}, 'w').close()\n"
                         f"time.sleep(60)\nprint({s}.value)", cell_id=unique("c"))
    wait_for_file(sleeping)
    kernel.interrupt()
    finished = kernel.collect(busy, allow_errors=True)
    assert finished.error.startswith("KeyboardInterrupt")
