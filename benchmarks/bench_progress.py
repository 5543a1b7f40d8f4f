"""A 1,000-step progress loop: what `bar.progress(...)` costs a %%rerun cell, and Streamlit.

    bar = jr.progress(0)
    for step in range(1, 1001):
        work()                      # nothing (quick), or time.sleep(0.001) (slow)
        bar.progress(step / 1000)

against the same loop with no bar ("bare"). Times are taken inside the cell, around the
loop, in one real kernel (KernelDriver, a browser's messages); each run is a rerun of the
same cell (its bar model exists). The quick loop ends before the run turns slow (0.15 s),
so it sends its final state only; the slow one (1 ms a step, over a second) is drawn live,
at most 30 times a second. The messages each run sent are counted. Wall time and CPU time
(the whole process: the kernel's I/O thread sends the messages) are both taken; the best
of several runs is kept, as timeit does: on a shared machine the rest is other work. The
slow loop's wall time is mostly its sleeps, so its CPU time says more.

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
started, cpu = time.perf_counter(), time.process_time()
{bar}
for step in range(1, {steps} + 1):
    {pause}
    {move}
seconds.append((time.perf_counter() - started, time.process_time() - cpu))
"""
WITH_BAR = ("bar = jr.progress(0)", "bar.progress(step / {steps})")
BARE = ("", "value = step / {steps}")

STREAMLIT = """
import time
import streamlit as st
started, cpu = time.perf_counter(), time.process_time()
{bar}
for step in range(1, {steps} + 1):
    {pause}
    {move}
st.session_state["seconds"] = (time.perf_counter() - started, time.process_time() - cpu)
"""
ST_BAR = ("bar = st.progress(0)", "bar.progress(step / {steps})")


Times = tuple[float, float]  # (wall, CPU) seconds of the loop, the best of the runs


def best(samples: list) -> Times:
    return min(wall for wall, _ in samples), min(cpu for _, cpu in samples)


def ours(kernel: KernelDriver, mode: str, parts: tuple[str, str], cell_id: str) -> tuple[Times, int]:
    """The loop's times over reruns of one cell, and the comm messages a run sent."""
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
    return best(kernel.value("seconds")), int(statistics.median(sent))


def streamlit(mode: str, parts: tuple[str, str]) -> Times:
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
    return best(samples)


def main() -> None:
    rows = []
    with KernelDriver() as kernel:
        kernel.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr")
        for mode in PAUSES:
            bare, _ = ours(kernel, mode, BARE, f"bare-{mode}")
            bar, messages = ours(kernel, mode, WITH_BAR, f"bar-{mode}")
            rows.append((mode, bare, bar, messages))
    theirs = {mode: (streamlit(mode, BARE), streamlit(mode, ST_BAR)) for mode in PAUSES}
    print("1,000-step progress loop: the loop's seconds, wall / CPU (best of the runs)")
    print(f"{'loop':6} {'bare':>13} {'jr.progress':>13} {'jr per step':>17} {'msgs/run':>8} "
          f"{'st.progress':>13} {'st per step':>17} {'jr/st CPU':>9}")
    for mode, bare, bar, messages in rows:
        st_bare, st_bar = theirs[mode]
        ours_step = [(bar[i] - bare[i]) / STEPS * 1e6 for i in (0, 1)]
        their_step = [(st_bar[i] - st_bare[i]) / STEPS * 1e6 for i in (0, 1)]
        print(f"{mode:6} {bare[0]:6.3f}/{bare[1]:6.3f} {bar[0]:6.3f}/{bar[1]:6.3f} "
              f"{ours_step[0]:6.1f}/{ours_step[1]:5.1f} µs {messages:8d} "
              f"{st_bar[0]:6.3f}/{st_bar[1]:6.3f} {their_step[0]:6.1f}/{their_step[1]:5.1f} µs "
              f"{ours_step[1] / their_step[1]:8.2f}x")
    print("per step = (the loop with a bar - the bare loop) / 1,000; st bare loops: "
          + ", ".join(f"{mode} {theirs[mode][0][0]:.3f}/{theirs[mode][0][1]:.3f} s" for mode in theirs))


if __name__ == "__main__":
    main()
