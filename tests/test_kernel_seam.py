"""The private ipykernel pieces behind jupyter_rerun/kernel_seam.py: the startup self-check
names each missing one, and with each taken away in a real kernel the engine still reruns a
cell on a burst of widget events, with the newest value and never more runs than events."""

from __future__ import annotations

import ipykernel
import pytest
from conftest import EVENT_MODES, Cell

from jupyter_rerun.testing import KernelDriver

# what a kernel of this ipykernel lacks by itself (6.29 has no shell lock)
NATIVE = [] if int(ipykernel.__version__.split(".")[0]) >= 7 else ["shell lock"]

# each piece's lookup made to find nothing, as if a release had renamed it
TAKE_AWAY = {
    "shell lock": "_seam._shell_lock = lambda kernel: None",
    "main inbox": "_seam._inbox = lambda kernel, loop: None",
    "queued message types": "_seam._queued_in = _seam._unstarted_in_tasks = lambda *args: None",
}
EVENTS = 20


def _seam_without(piece: str) -> str:
    from jupyter_rerun.kernel_seam import WITHOUT

    return WITHOUT[piece]


def load(driver: KernelDriver, patch: str = "") -> str:
    """Load the extension (after `patch`); return what the self-check printed."""
    setup = "import jupyter_rerun.kernel_seam as _seam\n" + patch + "\n"
    driver.execute(setup)
    loaded = driver.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr\nruns = []")
    return loaded.stderr


def burst_reruns_with_the_newest_value(driver: KernelDriver) -> None:
    cell = Cell(driver, "n = jr.slider('n', 0, 100, 0)\nruns.append(n)\njr.write(f'value {n}')")
    (slider,) = driver.find(cell.container, "IntSliderModel")
    driver.handled(driver.update(slider, value=1))
    cell.wait_for("value 1")
    for value in range(2, EVENTS + 2):
        driver.update(slider, value=value)
    cell.wait_for(f"value {EVENTS + 1}")
    driver.sync()
    runs = driver.value("runs")
    assert runs[-1] == EVENTS + 1 and len(runs) <= EVENTS + 2, runs  # first run + at most one each


@pytest.mark.parametrize("piece", sorted(TAKE_AWAY))
def test_each_missing_piece_is_named_once_and_its_fallback_reruns(piece):
    with KernelDriver() as driver:
        said = load(driver, TAKE_AWAY[piece])
        lines = [line for line in said.splitlines() if "lacks" in line]
        assert len(lines) == 1, said
        assert piece in lines[0] and _seam_without(piece) in lines[0], said
        burst_reruns_with_the_newest_value(driver)


def test_a_complete_kernel_names_only_what_its_ipykernel_lacks():
    with KernelDriver() as driver:
        said = load(driver)
        named = [line for line in said.splitlines() if "lacks" in line]
        if NATIVE:
            assert len(named) == 1 and all(piece in named[0] for piece in NATIVE), said
        else:
            assert named == [], said
        assert driver.value("_seam.KernelSeam(get_ipython().kernel).missing()") == NATIVE
        burst_reruns_with_the_newest_value(driver)


ASYNC_CELL = "import asyncio\norder.append('cell start')\nawait asyncio.sleep(1.5)\norder.append('cell end')"


@pytest.mark.parametrize("lock", ["as the kernel has it", "taken away"])
def test_a_timer_rerun_waits_for_an_awaiting_async_cell_only_with_the_shell_lock(lock):
    """The one guarantee the shell lock carries: a rerun that a timer starts (the end of a
    --debounce window, a fragment's run_every) waits for an async cell that is awaiting.
    Widget messages themselves wait for any cell on every ipykernel (one request at a time)."""
    patch = TAKE_AWAY["shell lock"] if lock == "taken away" else ""
    with KernelDriver() as driver:
        load(driver, patch)
        has_lock = driver.value("_seam.KernelSeam(get_ipython().kernel).shell_lock is not None")
        assert has_lock == (lock != "taken away" and "shell lock" not in NATIVE)
        driver.execute("order = []")
        cell = Cell(driver, "n = jr.slider('n', 0, 100, 0)\nif n:\n    order.append('rerun')",
                    line="--debounce 300")
        (slider,) = driver.find(cell.container, "IntSliderModel")
        driver.handled(driver.update(slider, value=1))  # due in 300 ms
        driver.execute(ASYNC_CELL)
        driver.sync()
        expected = (["cell start", "cell end", "rerun"] if has_lock
                    else ["cell start", "rerun", "cell end"])
        assert driver.value("order") == expected


WAIT_FOR_UPDATE = """
import threading, time
from ipywidgets import IntSlider
seen = []
ordered = IntSlider(0)
ordered.observe(lambda change: seen.append((change['new'], threading.current_thread().name)), 'value')
ordered
"""
BUSY_UNTIL_SEEN = """
deadline = time.monotonic() + 5
while not seen and time.monotonic() < deadline:
    time.sleep(0.01)
print('during the cell', seen)
"""


if "subshell" in EVENT_MODES:  # ipykernel 6.29 has no subshells, and no such routing
    def test_a_comm_message_is_handled_on_the_subshell_its_sender_chose():
        """ipykernel 7.4 routes a comm message to the shell that last published on the comm
        (the main shell, for a widget a cell displayed), so updates of one widget could land
        out of order: the kernel kept 4 after 3, 4, 5. With the routing corrected, an update
        sent on a subshell is handled there at once, even while the main shell is busy."""
        with KernelDriver(subshell=True) as driver:
            load(driver)
            (slider,) = driver.execute(WAIT_FOR_UPDATE).views
            busy = driver.submit(BUSY_UNTIL_SEEN)
            driver.update(slider, value=7)
            printed = driver.collect(busy).stdout
            assert printed.startswith("during the cell [(7, 'subshell-"), printed
            burst = [driver.update(slider, value=value) for value in (3, 4, 5)]
            driver.handled(burst[-1])  # a subshell handles its messages in order
            assert [value for value, _ in driver.value("seen")] == [7, 3, 4, 5]
            driver.execute("%unload_ext jupyter_rerun")
            restored = driver.value("type(ordered.comm)._reply_subshell_for.__qualname__")
            assert restored == "BaseComm._reply_subshell_for"
