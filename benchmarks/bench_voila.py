"""Time to interactive of the Voila dashboard, first viewer against second viewer.

Voila runs the whole notebook for every visitor, in a kernel of its own. 03-dashboard's
expensive preparation is cached with persist=True, so the second visitor's kernel reads it
from the shared disk store instead of computing it. Measured in Debian's Chromium with
Playwright: from navigation to the chart and the summary line being on screen. Each round
uses a fresh store; the notebook runs as shipped (about 1 s of preparation) and with a 5x
heavier preparation (resamples=100_000), a dashboard whose loading is slow; and with almost
none, which shows what a viewer costs without any preparation (kernel start, imports,
drawing, the page itself).

    python benchmarks/bench_voila.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import (  # noqa: E402
    CHROMIUM, CHROMIUM_FLAGS, TOKEN, isolated_env, loopback_only, start_voila,
)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "03-dashboard.ipynb"
ROUNDS = 3


def notebook_copy(folder: Path, resamples: int) -> str:
    notebook = json.loads(NOTEBOOK.read_text())
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        cell["source"] = source.replace("resamples=20_000", f"resamples={resamples}")
    target = folder / "dashboard.ipynb"
    target.write_text(json.dumps(notebook))
    return target.name


def time_to_interactive(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.route("**/*", loopback_only)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    dashboard = page.locator(".jupyter-rerun-cell")
    expect(dashboard.locator(".jr-vega-chart svg path, .jr-vega-chart canvas").first).to_be_visible(timeout=120_000)
    expect(dashboard).to_contain_text("1461 days", timeout=120_000)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def measure(browser, resamples: int) -> tuple[list[float], list[float]]:
    firsts, seconds = [], []
    for _ in range(ROUNDS):
        folder = Path(tempfile.mkdtemp(prefix="jr-bench-voila-"))
        root = folder / "notebooks"
        root.mkdir()
        name = notebook_copy(root, resamples)
        env = {**isolated_env(folder / "jupyter"), "JUPYTER_RERUN_STORE": str(folder / "store")}
        server, base = start_voila(root, name, env)
        try:
            url = f"{base}/?token={TOKEN}"
            firsts.append(time_to_interactive(browser, url))
            seconds.append(time_to_interactive(browser, url))
        finally:
            server.stop()
    return firsts, seconds


def main() -> None:
    expect.set_options(timeout=120_000)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        rows = {label: measure(browser, resamples)
                for label, resamples in (("almost no preparation (resamples=200): Voila's floor", 200),
                                         ("as shipped (resamples=20_000)", 20_000),
                                         ("5x heavier preparation (resamples=100_000)", 100_000))}
        browser.close()
    print(f"Voila dashboard, time to interactive in Chromium, median of {ROUNDS} rounds (s)")
    print()
    print("| notebook | first viewer | second viewer | ratio |")
    print("|---|---|---|---|")
    for label, (firsts, seconds) in rows.items():
        first, second = statistics.median(firsts), statistics.median(seconds)
        print(f"| {label} | {first:.2f} | {second:.2f} | {second / first:.2f} |")


if __name__ == "__main__":
    main()
