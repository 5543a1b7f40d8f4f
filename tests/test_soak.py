"""Leaks and soak in a real kernel: many widget events and reruns leave the number of live
widgets, comms, observers and bindings where they were, and memory flat.

CI runs reduced sizes; the full sizes (10,000 events over about 1,000 reruns, a cell
re-executed 500 times) run with:  JR_SOAK=full ./dev test tests/test_soak.py
"""

from __future__ import annotations

import os

import pytest
from conftest import EVENT_MODES, Cell

from jupyter_rerun.testing import KernelDriver

FULL = os.environ.get("JR_SOAK") == "full"
BATCHES = 1000 if FULL else 150  # each: 10 events, coalesced into one or two reruns
EVENTS_PER_BATCH = 10
REEXECUTIONS = 500 if FULL else 100
RSS_SLACK = 5 * 2**20  # bytes: "within a few MB after warm-up"

STATS = """
import gc, os
import comm
import jupyter_rerun.runtime as _runtime
import ipywidgets.widgets.widget as _widget_module  # the live-widget registry: 8.1 and 8.0
_instances = vars(_widget_module).get("_instances")
_instances = _widget_module.Widget._active_widgets if _instances is None else _instances
def soak_stats():
    gc.collect()
    pages = int(open("/proc/self/statm").read().split()[1])
    observers = sum(len(handlers) for w in list(_instances.values())
                    for trait in w._trait_notifiers.values() for handlers in trait.values())
    return {"widgets": len(_instances), "comms": len(comm.get_comm_manager().comms),
            "observers": observers, "bindings": len(_runtime.current().bindings),
            "rss": pages * os.sysconf("SC_PAGE_SIZE")}
"""

SOAK_CELL = """
n = jr.slider("n", 0, 1_000_000, 0)
left, right = jr.columns(2)
with left:
    kind = jr.selectbox("kind", ["sum", "max"])
    jr.checkbox("details")
with right:
    jr.write(f"value {n}")
    jr.write({"square": n * n, "kind": kind, "cached": cached_double(n % 50)})
"""


@pytest.fixture(params=EVENT_MODES)
def kernel(request):
    with KernelDriver(subshell=request.param == "subshell") as driver:
        driver.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr\n" + STATS
                       + "\n@jr.cache_data(max_entries=20)\ndef cached_double(x):\n    return 2 * x")
        yield driver


def drive(kernel, cell, slider, batches, start):
    for batch in range(start, start + batches):
        last = (batch + 1) * EVENTS_PER_BATCH
        for value in range(last - EVENTS_PER_BATCH + 1, last + 1):
            kernel.update(slider, value=value)
        cell.wait_for(f"<p>value {last}</p>")
    kernel.sync()
    return start + batches


def test_many_events_and_reruns_leave_nothing_behind(kernel):
    cell = Cell(kernel, SOAK_CELL)
    (slider,) = kernel.find(cell.container, "IntSliderModel")
    kernel.handled(kernel.update(slider, value=5))  # first touch (see test_rerun_cell.warm_up)
    cell.wait_for("<p>value 5</p>")
    runs_before = kernel.value("_runtime.current().scheduler.runs")
    done = drive(kernel, cell, slider, BATCHES // 10, 0)  # warm-up
    before = kernel.value("soak_stats()")
    drive(kernel, cell, slider, BATCHES - BATCHES // 10, done)
    after = kernel.value("soak_stats()")
    runs = kernel.value("_runtime.current().scheduler.runs") - runs_before
    print(f"\nsoak: {BATCHES * EVENTS_PER_BATCH} events, {runs} reruns, "
          f"RSS {before['rss'] / 2**20:.1f} -> {after['rss'] / 2**20:.1f} MB")
    assert BATCHES <= runs <= BATCHES * EVENTS_PER_BATCH  # never more runs than events
    for count in ("widgets", "comms", "observers", "bindings"):
        assert after[count] == before[count], (count, before, after)
    assert after["rss"] - before["rss"] < RSS_SLACK, (before["rss"], after["rss"])


def test_executing_one_cell_again_and_again_leaves_one_binding(kernel):
    source = "v = jr.slider('v', 0, 10, 1)\njr.write(f'again {v}')"
    first = Cell(kernel, source, cell_id="again")
    before = kernel.value("soak_stats()")
    for _ in range(REEXECUTIONS):
        kernel.execute(first.source, cell_id="again")
    after = kernel.value("soak_stats()")
    for count in ("widgets", "comms", "observers", "bindings"):
        assert after[count] == before[count], (count, before, after)
    (slider,) = kernel.find(first.container, "IntSliderModel")
    kernel.update(slider, value=7)
    first.wait_for("again 7")
