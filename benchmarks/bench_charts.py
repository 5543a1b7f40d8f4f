"""A line chart's data update, in a real kernel: messages and bytes the front end receives.

A %%rerun cell draws `jr.line_chart` of N points (x, y); a slider gives it new data, and the
benchmark counts the comm messages and bytes (JSON text + binary buffers) the kernel sends
for that update, and times the rerun (median of 7). Against:
  * Altair's JupyterChart (anywidget), given the new chart: its spec with the data inline,
    as JSON (the way it updates; max_rows lifted so 100,000 points are allowed);
  * Streamlit: the element it would send (the VegaLiteChart proto of st.line_chart for the
    same frame: its spec JSON and the data as Arrow IPC), one ForwardMsg per rerun.
jupyter_rerun thins a line chart past 5,000 rows (each line's extremes per 1/1000 of x);
the "unthinned" row sends every point, to compare the encodings alone.

    python benchmarks/bench_charts.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from jupyter_rerun.testing import KernelDriver

SIZES = (1_000, 100_000)
SETUP = """
%load_ext jupyter_rerun
import ipywidgets as w, numpy as np, pandas as pd, altair as alt, jupyter_rerun as jr
import jupyter_rerun.ui.charts as _charts
alt.data_transformers.disable_max_rows()
def frame(n, seed):
    return pd.DataFrame({"x": np.arange(n, dtype=float),
                         "y": np.cumsum(np.random.default_rng(seed).standard_normal(n))})
"""


def sent(kernel: KernelDriver, since: int, model: str) -> tuple[int, int]:
    """(messages, bytes) the kernel sent `model` since log index `since` (echoes aside)."""
    messages = [m for m in kernel.messages_since(since, "comm_msg") if m["content"]["comm_id"] == model
                and m["content"]["data"].get("method") != "echo_update"]
    size = sum(len(json.dumps(m["content"])) + sum(len(b) for b in m.get("buffers", [])) for m in messages)
    return len(messages), size


def ours(kernel: KernelDriver, n: int, thin: bool) -> tuple[int, int, float]:
    """Messages and bytes of one data update, and the median rerun time (ms)."""
    name = f"seed_{n}_{int(thin)}"
    kernel.execute(f"_charts.THIN_ABOVE = {5_000 if thin else 10**12}")
    slider = kernel.execute(f"{name} = w.IntSlider(0, max=100); display({name})").views[0]
    cell = kernel.execute(f"%%rerun\njr.line_chart(frame({n}, {name}.value), x='x', y='y')")
    (container,) = cell.views
    (chart,) = [m for m in kernel.find(container, "AnyModel")
                if "jr-vega" in kernel.models[m].get("_dom_classes", ())]
    mark = len(kernel.log)
    kernel.update(slider, value=1)
    kernel.sync()
    messages, size = sent(kernel, mark, chart)
    times = []
    for value in range(2, 9):
        started = time.perf_counter()
        kernel.update(slider, value=value)
        kernel.sync()
        times.append((time.perf_counter() - started) * 1000)
    return messages, size, statistics.median(times)


def altair_jupyterchart(kernel: KernelDriver, n: int) -> tuple[int, int]:
    chart = kernel.execute(f"jc = alt.JupyterChart(alt.Chart(frame({n}, 0)).mark_line()"
                           f".encode(x='x', y='y')); display(jc)").views[0]
    mark = len(kernel.log)
    kernel.execute(f"jc.chart = alt.Chart(frame({n}, 1)).mark_line().encode(x='x', y='y')")
    return sent(kernel, mark, chart)


def streamlit(n: int) -> tuple[int, int]:
    import numpy as np
    import pandas as pd
    from streamlit.elements import vega_charts
    from streamlit.elements.lib.built_in_chart_utils import ChartType, generate_chart
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    df = pd.DataFrame({"x": np.arange(n, dtype=float),
                       "y": np.cumsum(np.random.default_rng(1).standard_normal(n))})
    chart = generate_chart(ChartType.LINE, df, x_from_user="x", y_from_user="y", width="stretch",
                           height="content")
    spec = vega_charts._prepare_vega_lite_spec(vega_charts._convert_altair_to_vega_lite_spec(chart), True)
    message = ForwardMsg()
    element = message.delta.new_element.vega_lite_chart
    vega_charts._marshall_chart_data(element, spec, None)
    element.spec = vega_charts._stabilize_vega_json_spec(json.dumps(spec))
    return 1, len(message.SerializeToString())


def main() -> None:
    rows = []
    with KernelDriver() as kernel:
        kernel.execute(SETUP)
        for n in SIZES:
            thinned = ours(kernel, n, thin=True)
            every = ours(kernel, n, thin=False)
            rows.append((n, thinned, every, altair_jupyterchart(kernel, n), streamlit(n)))
    print(f"{'points':>8} | {'jupyter_rerun':>24} | {'unthinned':>24} | {'altair JupyterChart':>20} | "
          f"{'Streamlit':>16} | altair/ours | streamlit/ours")
    for n, (m, b, t), (um, ub, ut), (am, ab), (sm, sb) in rows:
        print(f"{n:>8} | {m} msg {b:>10,} B {t:6.1f} ms | {um} msg {ub:>10,} B {ut:6.1f} ms | "
              f"{am} msg {ab:>12,} B | {sm} msg {sb:>9,} B | {ab / b:10.1f}x | {sb / b:13.1f}x")
        print(f"{'':>8}   unthinned: altair/ours {ab / ub:.1f}x, streamlit/ours {sb / ub:.2f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
