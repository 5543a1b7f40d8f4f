"""Where a preheated Voila viewer's seconds go: the demo dashboard as shipped
(notebooks/03-dashboard.ipynb), Voila with a pool of preheated kernels and a shared disk
store, a first and a second viewer in Debian's Chromium.

A pooled kernel has run the notebook before its viewer asks, so what is left is the page:
the HTML, Voila's JavaScript, the kernel's websocket, the widget models' states, and the
drawing. Marks, each as seconds after the page was asked for: the first byte of the page,
DOMContentLoaded, load (Voila's scripts), the kernel's websocket opened, the first widget on
screen, the %%rerun cell's container, the chart drawn, the summary's numbers shown.

    python benchmarks/bench_voila_page.py [rounds] [--all-extensions]

served as `./dev voila` serves it (binder/voila.json, bench_voila.DEV_FLAGS), or with every installed
front-end extension on the page (`--all-extensions`, Voila's default).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE)]
import bench_voila  # noqa: E402
from browser_support import chromium, isolated_env, loopback_only  # noqa: E402

MARKS = ["first byte", "DOMContentLoaded", "load", "websocket", "first widget",
         "%%rerun container", "chart drawn", "summary shown"]


def open_page(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.route("**/*", loopback_only)
    page = context.new_page()
    started = time.perf_counter()
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, time.perf_counter() - started)

    page.on("websocket", lambda socket: mark("websocket") if "/channels" in socket.url else None)
    page.goto(url, wait_until="commit", timeout=120_000)
    mark("first byte")
    page.wait_for_load_state("domcontentloaded")
    mark("DOMContentLoaded")
    page.wait_for_load_state("load")
    mark("load")
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
    mark("first widget")
    page.wait_for_selector(".jupyter-rerun-cell", timeout=120_000)
    mark("%%rerun container")
    page.wait_for_selector(bench_voila.CHART["voila"], timeout=120_000)
    mark("chart drawn")
    page.locator(".jupyter-rerun-cell").first.get_by_text("1461 days").first.wait_for(timeout=120_000)
    mark("summary shown")
    context.close()
    return marks


def main() -> None:
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    rounds = int(numbers[0]) if numbers else 3
    kind = "preheated" if "--all-extensions" in sys.argv else "dev"
    seen: dict[str, dict[str, list[float]]] = {"first": {}, "second": {}}
    with chromium() as browser:
        for _ in range(rounds):
            folder = Path(tempfile.mkdtemp(prefix="jr-bench-page-"))
            root = folder / "notebooks"
            root.mkdir()
            env = {**isolated_env(folder / "jupyter"), "JUPYTER_RERUN_STORE": str(folder / "store")}
            server, url = bench_voila.start(kind, root, 20_000, env)
            try:
                for served, viewer in enumerate(("first", "second")):
                    bench_voila.pool_ready(server, served)
                    for name, seconds in open_page(browser, url).items():
                        seen[viewer].setdefault(name, []).append(seconds)
            finally:
                server.stop()
    served = "every front-end extension" if kind == "preheated" else "as ./dev voila serves it"
    print(f"Preheated Voila (pool of {bench_voila.POOL_SIZE}, {served}), the demo dashboard: "
          f"seconds after the page was asked for, median of {rounds} rounds")
    print("| mark | first viewer | second viewer |\n|---|---|---|")
    for name in MARKS:
        first, second = (statistics.median(seen[viewer].get(name, [float("nan")]))
                         for viewer in ("first", "second"))
        print(f"| {name} | {first:.2f} | {second:.2f} |")


if __name__ == "__main__":
    main()
