"""%%cache inside a %%rerun cell, in a real kernel in both event modes (conftest's kernel:
a rerun may run on a subshell thread, concurrently with cells)."""

from __future__ import annotations

from conftest import Cell, make_slider, unique


def test_a_cache_cell_inside_a_rerun_cell_keys_on_a_widgets_value(kernel):
    s, log = unique("s"), unique("log")
    model = make_slider(kernel, s, value=1)
    # the cell counts its runs through a helper: a list it read itself would be an input
    kernel.execute(f"{log} = []\ndef note_{log}(value):\n    {log}.append(value)")
    cell = Cell(kernel, f"%%cache\nnote_{log}({s}.value)\nprint('tenfold', {s}.value * 10)",
                line=f"--on {s}")
    assert "tenfold 10" in cell.text()
    kernel.update(model, value=2)
    cell.wait_for("tenfold 20")
    kernel.sync()
    assert kernel.value(log) == [1, 2]
    kernel.update(model, value=1)  # a value seen before: a hit, replayed into the container
    kernel.sync()
    assert kernel.value(log) == [1, 2]
    assert "tenfold 10" in cell.wait_for("tenfold 10") and "tenfold 20" not in cell.text()
