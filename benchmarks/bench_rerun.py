"""%%rerun against ipywidgets' interactive_output, in the same real kernel, same harness.

(a) latency: a widget `update` comm message -> the output carrying the new value on iopub,
    median of 50 sequential updates (the next is sent once the previous output arrived);
(b) 20 changes against a 200 ms body: how many runs, and time from the last event sent to
    the output of the last value.
    "drag": a hand moves the slider through 20 values in 200 ms, and the driver sends
    what a browser sends: the ipywidgets front end keeps one message in flight per widget,
    sends the widget's newest value when the kernel reports idle for the previous one, and
    drops the values in between.
    "back-to-back": all 20 updates sent at once (several widgets changed together, or a
    burst already queued in the kernel). The body is slow, so %%rerun waits for input to
    be quiet (5 ms) and runs once; "with checkpoints" runs the same 200 ms as 20 steps,
    each calling jr.checkpoint() (what every jr.* call does), so a run that a late event
    finds under way stops at the next step and restarts with the newest value.
Both widget event modes: main thread (Voila, classic) and subshell (JupyterLab 4.6 default).

    python benchmarks/bench_rerun.py           # prints the table (about 1 minute)
"""

from __future__ import annotations

import statistics
import sys
import time

from jupyter_rerun.testing import KernelDriver

BODY = 0.2
SETUP = """
%load_ext jupyter_rerun
import time, ipywidgets as w
from IPython.display import display
runs_rerun, runs_interact = [], []
s = w.IntSlider(value=0, max=100_000); t = w.IntSlider(value=0, max=100_000)
def work(n):
    if slow:
        for step in range(20):
            time.sleep(BODY / 20)
    runs_interact.append(n)
    print(f"interact={n}")
slow = stepped = False
import jupyter_rerun as jr
BODY = %r
display(s, t, w.interactive_output(work, {"n": t}))
""".replace("BODY = %r", f"BODY = {BODY!r}")

RERUN_CELL = """%%rerun
n = s.value
if slow:
    for step in range(20):      # the same 200 ms, in 20 steps
        time.sleep(BODY / 20)
        if stepped:
            jr.checkpoint()     # a checkpoint, as any jr.* call is
runs_rerun.append(n)
print(f"rerun={n}")
"""


def latency(kernel, model, label, values):
    samples = []
    for value in values:
        start = time.perf_counter()
        kernel.update(model, value=value)
        samples.append(kernel.wait_for_output(f"{label}={value}\n") - start)
        kernel.pump(0.005)
    return statistics.median(samples) * 1000


def drag(kernel, model, values, duration):
    """Send what the ipywidgets front end sends while a hand drags through `values`."""
    started = time.perf_counter()

    def hand():
        step = int((time.perf_counter() - started) / duration * len(values))
        return values[min(step, len(values) - 1)]

    sent = None
    while sent != values[-1]:
        while hand() == sent:
            time.sleep(0.001)
        sent = hand()
        msg_id = kernel.update(model, value=sent)
        last_sent = time.perf_counter()
        kernel.handled(msg_id)
    return last_sent


def burst(kernel, model, label, first, paced):
    values = list(range(first, first + 20))
    start = len(kernel.log)
    if paced:
        last_sent = drag(kernel, model, values, BODY)
    else:
        for value in values:
            kernel.update(model, value=value)
            last_sent = time.perf_counter()
    arrived = kernel.wait_for_output(f"{label}={values[-1]}\n", timeout=60, since=start)
    kernel.pump(0.3)
    return (arrived - last_sent) * 1000


def count(kernel, name):
    kernel.sync()
    return kernel.value(f"len({name})")


def measure(mode):
    with KernelDriver(subshell=(mode == "subshell")) as kernel:
        views = kernel.execute(SETUP).views
        rerun_slider, interact_slider = views[0], views[1]
        kernel.execute(RERUN_CELL, cell_id="bench")
        warm = range(1, 11)
        latency(kernel, rerun_slider, "rerun", warm)
        latency(kernel, interact_slider, "interact", warm)
        rows = {"latency": (latency(kernel, rerun_slider, "rerun", range(100, 150)),
                            latency(kernel, interact_slider, "interact", range(100, 150)))}
        kernel.execute("slow = True")
        for name, paced, first in (("drag", True, 1000), ("back-to-back", False, 2000),
                                   ("back-to-back, body with checkpoints", False, 3000)):
            kernel.execute(f"stepped = {'checkpoints' in name}")
            before = count(kernel, "runs_rerun"), count(kernel, "runs_interact")
            rerun_ms = burst(kernel, rerun_slider, "rerun", first, paced)
            interact_ms = burst(kernel, interact_slider, "interact", first, paced)
            runs = count(kernel, "runs_rerun") - before[0], count(kernel, "runs_interact") - before[1]
            rows[name] = (rerun_ms, interact_ms, runs)
        return rows


def main():
    print(f"python {sys.version.split()[0]}; body {BODY * 1000:.0f} ms; times in ms")
    print()
    print("| mode | measure | %%rerun | interactive_output | ratio |")
    print("|---|---|---|---|---|")
    for mode in ("main-thread", "subshell"):
        rows = measure(mode)
        rerun, interact = rows["latency"]
        print(f"| {mode} | update → output, median of 50 | {rerun:.2f} | {interact:.2f} | "
              f"{rerun / interact:.2f} |")
        for name in ("drag", "back-to-back", "back-to-back, body with checkpoints"):
            rerun, interact, (rerun_runs, interact_runs) = rows[name]
            print(f"| {mode} | 20-event burst ({name}): runs | {rerun_runs} | {interact_runs} | |")
            print(f"| {mode} | 20-event burst ({name}): last event → final output | {rerun:.0f} "
                  f"({rerun / (BODY * 1000):.2f} × body) | {interact:.0f} "
                  f"({interact / (BODY * 1000):.2f} × body) | {rerun / interact:.2f} |")


if __name__ == "__main__":
    main()
