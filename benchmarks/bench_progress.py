"""A 1,000-step progress loop: what `bar.progress(...)` costs a %%rerun cell, and Streamlit.

    bar = jr.progress(0)
    for step in range(1, 1001):
        work()                      # nothing (quick), or time.sleep(0.001) (slow)
        bar.progress(step / 1000)

against the same loop with no bar ("bare"). Times are taken inside the cell, around the
loop, in one real kernel (KernelDriver, a browser's messages); each run is a rerun of the
same cell (its bar model exists), median of several. The quick loop ends before the run
turns slow (0.15 s), so it sends its final state only; the slow one (1 ms a step, over a
second) is drawn live, at most 30 times a second. The messages each run sent are counted.

Streamlit's side runs its own script runner in this process (streamlit.testing.v1.AppTest):
the same loop, `st.progress`, timed inside the script, second and later runs.

    python benchmarks/bench_progress.py        # prints the table (about 30 s)
"""

from __future__ import annotations

import statistics

from jupyter_rerun.testing import KernelDriver

STEPS = 1000
PAUSES = {"quick": "pass", "slow": "time.sleep(0.001)"}
REPEATS = {"quick": 9, "slow": 5}

CELL = """%%rerun
import time
started = time.perf_counter()
{bar}
for step in range(1, {steps} + 1):
    {pause}
    {move}
seconds.append(time.perf_counter() - started)
"""
WITH_BAR = ("bar = jr.progress(0)", "bar.progress(step / {steps})")
BARE = ("", "value = step / {steps}")

STREAMLIT = """
import time
import streamlit as st
started = time.perf_counter()
{bar}
for step in range(1, {steps} + 1):
    {pause}
    {move}
st.session_state["seconds"] = time.perf_counter() - started
"""
ST_BAR = ("bar = st.progress(0)", "bar.progress(step / {steps})")


def ours(kernel: KernelDriver, mode: str, parts: tuple[str, str], cell_id: str) -> tuple[float, int]:
    """Median seconds of the loop over reruns of one cell, and comm messages per run."""
    source = CELL.format(bar=parts[0], move=parts[1].format(steps=STEPS), steps=STEPS,
                         pause=PAUSES[mode])
    kernel.execute("seconds = []")
    kernel.execute(source, cell_id=cell_id)  # first run: makes the models
    kernel.execute("seconds.clear()")
    sent = []
    for _ in range(REPEATS[mode]):
        mark = len(kernel.log)
        kernel.execute(source, cell_id=cell_id)
        sent.append(len(kernel.messages_since(mark, "comm_msg", "comm_open")))
    return statistics.median(kernel.value("seconds")), int(statistics.median(sent))


def streamlit(mode: str, parts: tuple[str, str]) -> float:
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")  # not the "missing ScriptRunContext" warning of each bare run
    script = STREAMLIT.format(bar=parts[0], move=parts[1].format(steps=STEPS), steps=STEPS,
                              pause=PAUSES[mode])
    app = AppTest.from_string(script, default_timeout=120)
    app.run()  # warm: imports, the first run's setup
    samples = []
    for _ in range(REPEATS[mode]):
        app.run()
        samples.append(app.session_state["seconds"])
    return statistics.median(samples)


def main() -> None:
    rows = []
    with KernelDriver() as kernel:
        kernel.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr")
        for mode in PAUSES:
            bare, _ = ours(kernel, mode, BARE, f"bare-{mode}")
            bar, messages = ours(kernel, mode, WITH_BAR, f"bar-{mode}")
            rows.append((mode, bare, bar, messages))
    theirs = {mode: (streamlit(mode, BARE), streamlit(mode, ST_BAR)) for mode in PAUSES}
    print("1,000-step progress loop, median seconds of the loop (times taken inside the cell)")
    print(f"{'loop':6} {'bare':>8} {'jr.progress':>12} {'per step':>9} {'msgs/run':>9} "
          f"{'st bare':>8} {'st.progress':>12} {'per step':>9} {'jr/st overhead':>15}")
    for mode, bare, bar, messages in rows:
        st_bare, st_bar = theirs[mode]
        ours_step = (bar - bare) / STEPS * 1e6
        their_step = (st_bar - st_bare) / STEPS * 1e6
        print(f"{mode:6} {bare:8.4f} {bar:12.4f} {ours_step:7.1f}µs {messages:9d} "
              f"{st_bare:8.4f} {st_bar:12.4f} {their_step:7.1f}µs {ours_step / their_step:14.2f}x")
    slow = {mode: (bare, bar) for mode, bare, bar, _ in rows}["slow"]
    print(f"the slow loop with jr.progress takes {slow[1] / slow[0]:.2f}x the bare slow loop; "
          "per step = (with bar - bare) / 1,000")


if __name__ == "__main__":
    main()
