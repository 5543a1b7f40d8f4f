"""The one element mechanism (jupyter_rerun/ui/element.py) in real kernels, both event modes:
identity across reruns, in-place update in one message, nothing sent when nothing changed,
handles that replace their element, and live drawing of slow runs."""

from __future__ import annotations

import pytest
from conftest import Cell, only, unique

# A probe element made directly over the mechanism: an HTML model showing props["value"].
PROBE = """
from jupyter_rerun.ui.element import show as _show
from jupyter_rerun import widgets as _widgets
def _make(props):
    import ipywidgets
    return ipywidgets.HTML(props["value"], _dom_classes=["probe"])
def probe(value, key=None):
    return _show("probe", {"value": value}, make=_make, key=key)
"""


def probes(kernel, container: str) -> list[str]:
    """The probe elements' models under `container`, in order."""
    return [model for model in kernel.find(container, "HTMLModel")
            if "probe" in kernel.models[model].get("_dom_classes", ())]


@pytest.fixture(scope="module")
def kernel(kernel):
    kernel.execute(PROBE)
    return kernel


def comm_updates(kernel, since: int, model: str) -> list[dict]:
    """State updates the kernel sent to `model` since log index `since`."""
    return [m["content"]["data"]["state"] for m in kernel.messages_since(since, "comm_msg")
            if m["content"]["comm_id"] == model and m["content"]["data"].get("method") == "update"]


def test_an_element_keeps_its_model_and_updates_it_in_one_message(kernel):
    n = unique("n")
    kernel.execute(f"{n} = w.IntSlider(1)")
    cell = Cell(kernel, f"probe(f'<b>value {{{n}.value}}</b>')\nprobe('fixed')")
    first, second = probes(kernel, cell.container)
    assert "value 1" in kernel.models[first]["value"]
    mark = len(kernel.log)
    slider = kernel.execute(f"display({n})").views[0]
    kernel.update(slider, value=2)
    cell.wait_for("value 2")
    kernel.sync()
    assert probes(kernel, cell.container) == [first, second]  # the same models
    assert comm_updates(kernel, mark, first) == [{"value": "<b>value 2</b>"}]
    assert comm_updates(kernel, mark, second) == []  # unchanged: nothing sent
    assert comm_updates(kernel, mark, cell.container) == []  # the layout did not change


def test_a_rerun_that_changes_nothing_sends_nothing(kernel):
    n = unique("n")
    kernel.execute(f"{n} = w.IntSlider(1)")
    cell = Cell(kernel, f"{n}.value\nprobe('a')\nprobe('b', key='{unique('k')}')")
    slider = kernel.execute(f"display({n})").views[0]
    kernel.update(slider, value=2)  # the cell reads it, so it reruns, drawing the same
    kernel.sync()
    mark = len(kernel.log)
    kernel.update(slider, value=3)
    kernel.sync()
    sent = [m for m in kernel.messages_since(mark, "comm_msg", "comm_open")
            if m["content"].get("comm_id") != slider]
    assert [m for m in sent if m["content"]["data"].get("method") != "echo_update"] == []


def test_another_kind_under_the_same_key_replaces_the_model(kernel):
    key, flag = unique("k"), unique("flag")
    kernel.execute(f"{flag} = w.Checkbox(False)")
    cell = Cell(kernel, f"""
        if {flag}.value:
            jr.text('now text')
        else:
            probe('a probe', key='{key}')
    """)
    (html,) = probes(kernel, cell.container)
    box = kernel.execute(f"display({flag})").views[0]
    kernel.update(box, value=True)
    cell.wait_for("now text")
    kernel.sync()
    assert html not in kernel.models  # closed once the run that stopped drawing it ended


def test_a_handle_replaces_its_element_in_place(kernel):
    cell = Cell(kernel, """
        slot = jr.text('loading…')
        jr.text('below')
        slot.text('done')
        swapped = probe('a probe')
        jr.text('last')
        swapped.text('text where the probe was')
    """)
    text = cell.text()
    assert "loading" not in text and text.index("done") < text.index("below")
    assert probes(kernel, cell.container) == []
    assert text.index("text where the probe was") < text.index("last")


def test_a_handle_is_not_shown_as_the_cells_value(kernel):
    cell = Cell(kernel, "jr.text('shown once')")
    assert cell.text().count("shown once") == 1
    assert "jupyter_rerun" not in cell.text()


def test_a_quick_run_shows_only_its_final_state(kernel):
    """A 20-step loop that finishes at once: the container and the element are sent once."""
    cell_id = unique("cell-")
    mark = len(kernel.log)
    cell = Cell(kernel, "bar = probe('0')\nfor i in range(20):\n    bar.redraw(probe, str(i))", cell_id=cell_id)
    (html,) = probes(kernel, cell.container)
    assert kernel.models[html]["value"] == "19"
    assert comm_updates(kernel, mark, html) == [{"value": "19"}]  # made with "0", updated once, to the last value


def test_a_slow_run_draws_live_throttled_and_dims_what_it_has_not_redrawn(kernel):
    flag, head_key, tail_key = unique("flag"), unique("head"), unique("tail")
    kernel.execute(f"{flag} = w.IntSlider(0)")
    cell = Cell(kernel, f"""
        import time
        run = {flag}.value
        probe(f'head {{run}}', key='{head_key}')
        if run:
            bar = probe('step 0')
            for step in range(1, 41):
                time.sleep(0.01)
                bar.redraw(probe, f'step {{step}}')
        probe(f'tail {{run}}', key='{tail_key}')
    """)
    head, tail = probes(kernel, cell.container)
    mark = len(kernel.log)
    slider = kernel.execute(f"display({flag})").views[0]
    kernel.update(slider, value=1)
    cell.wait_for("tail 1")
    kernel.sync()
    bars = [m for m in probes(kernel, cell.container) if m not in (head, tail)]
    (bar,) = bars
    steps = comm_updates(kernel, mark, bar)
    # the run took > 0.4 s: it showed while it ran, at most ~30 times a second
    assert 2 <= len(steps) <= 0.4 * 30 + 12, steps
    assert steps[-1] == {"value": "step 40"}
    # while it ran, the last run's tail stayed on screen after the new elements, dimmed
    classes = [u["_dom_classes"] for u in comm_updates(kernel, mark, tail) if "_dom_classes" in u]
    assert any("jupyter-rerun-stale" in c for c in classes)
    assert "jupyter-rerun-stale" not in kernel.models[tail]["_dom_classes"]  # undimmed at the end
    # and the bar was on the page while the loop still ran: the layout that holds it was
    # sent before the bar's last step
    messages = kernel.messages_since(mark, "comm_msg")
    laid_out = next(i for i, m in enumerate(messages) if m["content"]["comm_id"] == cell.container
                    and f"IPY_MODEL_{bar}" in m["content"]["data"]["state"].get("children", ()))
    last_step = max(i for i, m in enumerate(messages) if m["content"]["comm_id"] == bar)
    assert laid_out < last_step


def test_the_note_counts_inputs_not_output_elements(kernel):
    cell = Cell(kernel, "jr.slider('s', 0, 10)\nprobe('a')\nprobe('b')\njr.text('c')")
    assert "reruns on: its 1 widget" in cell.text()
    assert "widgets" not in cell.text()


def test_outside_a_rerun_cell_an_element_shows_once_with_the_page_styles(kernel):
    """A plain cell draws the element once, in a box carrying the stylesheet and the class
    its rules are scoped to (an unstyled grid or metric otherwise)."""
    execution = kernel.execute("probe('plain cell')")
    (box,) = execution.views
    state = kernel.models[box]
    assert "jupyter-rerun-cell" in state["_dom_classes"]
    sheet, element = kernel.children(box)
    assert kernel.models[sheet]["value"].startswith("<style>")
    assert kernel.models[element]["value"] == "plain cell"
