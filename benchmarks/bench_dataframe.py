"""jr.dataframe of a 1,000,000 x 10 frame against Streamlit 1.67's own serialisation of it,
in a real kernel.

Ours: the time `jr.dataframe(big)` takes in a %%rerun cell (a new grid, after a warm-up
grid has imported what grids use; a rerun with the same frame; a rerun with another frame
of the same size; a drawn grid's update is sent when the run ends, outside the time
measured), and the bytes that reach the
front end before it can paint: the grid's comm_open (JSON state + binary buffers of its
first rows) and, once per kernel, the grid library's module.
Streamlit's: `dataframe_util.convert_anything_to_arrow_bytes` (the whole frame as Arrow
IPC, what st.dataframe sends when it loads eagerly, e.g. with on_select), and 1.67's lazy
path for big in-memory frames (the frame as an Arrow table, then its first 1,000-row page).
Best of 5 for each time.

    python benchmarks/bench_dataframe.py
"""

from __future__ import annotations

import json

from jupyter_rerun.testing import KernelDriver

SETUP = """
%load_ext jupyter_rerun
import json, time, timeit
import numpy as np, pandas as pd
import jupyter_rerun as jr
import ipywidgets as w
rng = np.random.default_rng(0)
n = 1_000_000
def frame(seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"id": np.arange(n), "a": rng.normal(size=n), "b": rng.uniform(0, 1000, n),
                         "c": rng.integers(-10**6, 10**6, n), "d": rng.normal(size=n).cumsum(),
                         "flag": rng.random(n) < 0.3,
                         "when": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 10**8, n), unit="s"),
                         "city": pd.Series(np.array([f"city-{i:04d}" for i in range(5000)])[rng.integers(0, 5000, n)], dtype="str"),
                         "cat": pd.Categorical(rng.choice(["red", "green", "blue", "amber"], n)),
                         "e": rng.exponential(size=n)})
frames = [frame(0), frame(1)]
which = w.IntSlider(0, max=1000)
times = []
"""
CELL = """%%rerun --on which
t0 = time.perf_counter()
jr.dataframe(frames[which.value % 2] if which.value < 500 else frames[0])
times.append(time.perf_counter() - t0)
"""
STREAMLIT = """
from streamlit import dataframe_util
from streamlit.dataframe import lazy_df_source as lazy
big = frames[0]
eager = dataframe_util.convert_anything_to_arrow_bytes(big)
eager_s = min(timeit.repeat(lambda: dataframe_util.convert_anything_to_arrow_bytes(big), number=1, repeat=5))
def first_page():
    source = lazy.resolve_lazy_source(big, None, is_selection_activated=False)
    return dataframe_util.convert_arrow_table_to_arrow_bytes(source.load_rows(0, lazy.DEFAULT_PAGE_SIZE))
page = first_page()
lazy_s = min(timeit.repeat(first_page, number=1, repeat=5))
print(json.dumps({"eager_bytes": len(eager), "eager_s": eager_s, "lazy_bytes": len(page), "lazy_s": lazy_s}))
"""


def sent_bytes(message: dict) -> tuple[int, int]:
    """(JSON bytes, binary buffer bytes) of one comm message."""
    return len(json.dumps(message["content"])), sum(len(b) for b in message.get("buffers", ()))


def main() -> None:
    with KernelDriver(timeout=300) as kernel:
        kernel.execute(SETUP)
        mark = len(kernel.log)
        kernel.execute("%%rerun\njr.dataframe(frames[1].head(5))", cell_id="warm-up")  # imports, library
        library = next(m for m in kernel.log[mark:] if m["msg_type"] == "comm_open"
                       and "class Grid" in m["content"]["data"]["state"].get("_esm", ""))
        for cell in range(5):  # each cell a new grid of the 1e6-row frame
            mark = len(kernel.log)
            kernel.execute(CELL, cell_id=f"bench-{cell}")
        grid = next(m for m in kernel.log[mark:] if m["msg_type"] == "comm_open"
                    and "frame" in m["content"]["data"]["state"])
        new = kernel.value("times")
        slider = kernel.execute("display(which)").views[0]
        for value in range(1, 11):  # odd: the other frame; even: the first again
            kernel.update(slider, value=value)
            kernel.sync()
        times = kernel.value("times")[len(new):]
        for value in range(500, 506):  # the same frame every time
            kernel.update(slider, value=value)
            kernel.sync()
        same = kernel.value("times")[len(new) + len(times):]
        streamlit = json.loads(kernel.execute(STREAMLIT).stdout)
    # each slider change reruns all five cells; their times are interleaved, all count
    new_s, changed_s, same_s = min(new), min(times), min(same)
    grid_json, grid_buffers = sent_bytes(grid)
    lib_json, _ = sent_bytes(library)
    ours = grid_json + grid_buffers
    print("jr.dataframe, 1,000,000 x 10 (int, float x4, int, bool, datetime, str, categorical)")
    print(f"  ours, first draw (new grid)       {new_s * 1e3:8.1f} ms   sends {ours:>11,} B "
          f"({grid_json:,} JSON + {grid_buffers:,} buffers) + grid library {lib_json:,} B once per kernel")
    print(f"  ours, rerun with another frame    {changed_s * 1e3:8.1f} ms   (one update message)")
    print(f"  ours, rerun with the same frame   {same_s * 1e3:8.1f} ms   sends 0 B")
    print(f"  Streamlit eager (Arrow IPC)       {streamlit['eager_s'] * 1e3:8.1f} ms   sends "
          f"{streamlit['eager_bytes']:>11,} B")
    print(f"  Streamlit 1.67 lazy (first page)  {streamlit['lazy_s'] * 1e3:8.1f} ms   sends "
          f"{streamlit['lazy_bytes']:>11,} B")
    first = ours + lib_json
    print(f"ratios: time Streamlit eager / ours {streamlit['eager_s'] / new_s:6.1f}x, "
          f"lazy / ours {streamlit['lazy_s'] / new_s:6.1f}x; bytes before first paint "
          f"eager / ours {streamlit['eager_bytes'] / first:8.0f}x (with the library), "
          f"lazy / ours {streamlit['lazy_bytes'] / ours:6.1f}x (grid only)")


if __name__ == "__main__":
    main()
