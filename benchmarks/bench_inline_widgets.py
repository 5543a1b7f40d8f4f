"""Inline widgets and supersession, in a real kernel.

(a) a rerun of a cell with 20 inline widgets when nothing changed: time per rerun next to
    the same cell's bare Python work (the widget calls replaced by their values), and the
    messages such a rerun sends to the front end (goal: 0);
(b) supersession: a 1 s body that checks in every 25 ms (a jr call); a new value arrives
    0.3 s into a run; time from sending it to the restarted run starting, against waiting
    for the stale run to end (what `interact` and a run without checkpoints do: its start
    plus the measured length of a whole run).
Both widget event modes.

    python benchmarks/bench_inline_widgets.py
"""

from __future__ import annotations

import statistics
import sys
import time

from jupyter_rerun.testing import KernelDriver

WORK = "total = sum(i * i for i in range(2_000))"
WIDGETS = "\n".join(
    [f"v{i} = jr.slider('s{i}', 0, 100, {i})" for i in range(10)]
    + [f"c{i} = jr.checkbox('c{i}', {i % 2 == 0})" for i in range(5)]
    + [f"t{i} = jr.selectbox('t{i}', ['a', 'b', 'c'])" for i in range(5)]
)
WIDGET_COUNT = WIDGETS.count("\n") + 2  # and the checkbox the benchmark pokes
BARE = "\n".join(
    [f"v{i} = {i}" for i in range(10)] + [f"c{i} = {i % 2 == 0}" for i in range(5)]
    + [f"t{i} = 'a'" for i in range(5)]
)
SHOW = "jr.write(f'total {total} from {v0 + v9} {c0} {t0}')"
BARE_SHOW = "text = f'total {total} from {v0 + v9} {c0} {t0}'"

TIMING = """
import timeit, jupyter_rerun.runtime as _rt
_binding = [b for b in _rt.current().bindings.values() if b.name == 'twenty'][0]
_rerun = min(timeit.repeat(lambda: _rt.current().scheduler.execute(_binding), number=50, repeat=5)) / 50
_bare_code = compile(BARE_BODY, 'bare', 'exec')
_bare = min(timeit.repeat(lambda: exec(_bare_code, {}), number=50, repeat=5)) / 50
print(_rerun * 1e6, _bare * 1e6)
"""

SLOW = """%%rerun --name slow
n = jr.slider('n', 0, 1000, 0)
starts.append((n, time.monotonic()))
for step in range(40):
    time.sleep(0.025)
    jr.text(f'step {step}')
ends.append((n, time.monotonic()))
jr.write(f'finished {n}')
"""


def no_change_rerun(kernel):
    # the 20 widgets, and one more that the user pokes to cause reruns
    cell = kernel.execute(f"%%rerun --name twenty\n{WIDGETS}\n{WORK}\n{SHOW}\njr.checkbox('poke')",
                          cell_id="twenty")
    (container,) = cell.views
    kernel.execute(f"BARE_BODY = {BARE + chr(10) + WORK + chr(10) + BARE_SHOW!r}")
    rerun_us, bare_us = map(float, kernel.execute(TIMING).stdout.split())
    poke = kernel.find(container, "CheckboxModel")[-1]
    counts = []
    for value in (True, False, True, False, True):
        start = len(kernel.log)
        kernel.update(poke, value=value)
        kernel.sync()
        sent = [m for m in kernel.messages_since(start, "comm_msg", "comm_open", "display_data")
                if not (m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == poke)]
        counts.append(len(sent))
    return rerun_us, bare_us, max(counts)


def restart_latency(kernel):
    kernel.execute("import time\nstarts, ends = [], []")
    (container,) = kernel.execute(SLOW, cell_id="slow").views
    (slider,) = kernel.find(container, "IntSliderModel")
    samples, waits = [], []
    for trial in range(1, 6):
        kernel.update(slider, value=2 * trial - 1)
        time.sleep(0.3)
        sent = time.monotonic()
        kernel.update(slider, value=2 * trial)
        kernel.wait_for_text(container, f"finished {2 * trial}", timeout=20)
        kernel.sync()
        starts, ends = dict(kernel.value("starts")), dict(kernel.value("ends"))
        samples.append((starts[2 * trial] - sent) * 1000)
        # without supersession the stale run would have ended one whole run after it began
        duration = ends[2 * trial] - starts[2 * trial]
        waits.append((starts[2 * trial - 1] + duration - sent) * 1000)
    abandoned = kernel.value("sorted({n for n, _ in starts} - {n for n, _ in ends})")
    return statistics.median(samples), statistics.median(waits), len(abandoned)


def main():
    print(f"python {sys.version.split()[0]}")
    print()
    print("| mode | measure | value |")
    print("|---|---|---|")
    for mode in ("main-thread", "subshell"):
        with KernelDriver(subshell=mode == "subshell") as kernel:
            kernel.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr")
            rerun_us, bare_us, messages = no_change_rerun(kernel)
            restart_ms, wait_ms, abandoned = restart_latency(kernel)
        print(f"| {mode} | rerun of a {WIDGET_COUNT}-widget cell, nothing changed | "
              f"{rerun_us:.0f} µs (bare Python work {bare_us:.0f} µs; ratio "
              f"{rerun_us / bare_us:.2f}; {(rerun_us - bare_us) / WIDGET_COUNT:.1f} µs per widget) |")
        print(f"| {mode} | front-end messages per such rerun | {messages} |")
        print(f"| {mode} | input → restart of a superseded 1 s run, median of 5 | "
              f"{restart_ms:.0f} ms (waiting for the stale run: {wait_ms:.0f} ms; "
              f"{abandoned}/5 stale runs stopped) |")


if __name__ == "__main__":
    main()
