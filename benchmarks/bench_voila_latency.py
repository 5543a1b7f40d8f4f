"""How long the Voila dashboard takes to answer a key press: keydown to the page changed.

The dashboard of notebooks/03-dashboard.ipynb in Voila, in Debian's Chromium (every
non-loopback request blocked). The Smooth slider is focused and ArrowRight pressed; a
capture-phase keydown listener stamps `performance.now()`, and MutationObservers stamp the
moment the summary line shows the new value and the moment the chart changes. Presses are
spaced (the page settles between them), as a person reading the chart would press. The
quickstart's slider in JupyterLab, whose cell only prints, is the reference.

    python benchmarks/bench_voila_latency.py [presses]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import (  # noqa: E402
    CHROMIUM, CHROMIUM_FLAGS, KERNEL_IDLE, TOKEN, copy_notebooks, isolated_env, loopback_only,
    start_lab, start_voila,
)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

CONTAINER = ".jupyter-rerun-cell"

# Resolves with {text, chart}: ms from the next keydown to the summary text containing
# `needle`, and to the first change of anything under `chart` (null if there is none).
TIMED_PRESS = """([root, needle, chartSelector]) => new Promise((resolve) => {
    let pressed = null, text = null, chart = null;
    // the slot the chart is drawn in: a new image replaces the old one inside it
    const drawn = chartSelector ? root.querySelector(chartSelector) : null;
    const chartNode = drawn ? (drawn.closest('.widget-output') || drawn) : null;
    const done = () => { if (text !== null && (chart !== null || !chartNode)) {
        textWatch.disconnect(); chartWatch.disconnect(); resolve({text, chart}); } };
    document.addEventListener('keydown', () => { pressed = performance.now(); },
                              {capture: true, once: true});
    const textWatch = new MutationObserver(() => {
        if (pressed !== null && text === null && root.innerText.includes(needle)) {
            text = performance.now() - pressed; done(); } });
    const chartWatch = new MutationObserver(() => {
        if (pressed !== null && chart === null) { chart = performance.now() - pressed; done(); } });
    textWatch.observe(root, {subtree: true, childList: true, characterData: true});
    setTimeout(() => resolve({text, chart, timedOut: true}), 10000);
    if (chartNode) chartWatch.observe(chartNode, {subtree: true, childList: true, attributes: true});
})"""


def press_and_time(page, root, handle, needle: str, chart: str | None) -> dict:
    # braces: return nothing, or Playwright would wait for the promise before the key press
    root.evaluate("(root, args) => { window.__timed = (" + TIMED_PRESS + ")([root, ...args]); }",
                  [needle, chart])
    handle.press("ArrowRight")
    result = page.evaluate("() => window.__timed")
    if result.get("timedOut"):
        raise TimeoutError(f"the page never showed {needle!r} after the key press: {result}")
    page.wait_for_timeout(300)
    return result


def voila_dashboard(browser, presses: int) -> tuple[list[float], list[float]]:
    folder = Path(tempfile.mkdtemp(prefix="jr-bench-latency-"))
    root = copy_notebooks(folder / "notebooks")
    server, base = start_voila(root, "03-dashboard.ipynb", isolated_env(folder / "jupyter"))
    try:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.route("**/*", loopback_only)
        page = context.new_page()
        page.goto(f"{base}/?token={TOKEN}")
        dashboard = page.locator(CONTAINER)
        expect(dashboard).to_contain_text("7-day mean", timeout=120_000)
        handle = dashboard.locator(".jupyter-rerun-int-slider .noUi-handle")
        handle.focus()
        texts, charts = [], []
        for smoothing in range(8, 8 + presses):
            timed = press_and_time(page, dashboard, handle, f"{smoothing}-day mean", ".jr-vega-chart")
            texts.append(timed["text"])
            charts.append(timed["chart"])
        context.close()
        return texts, charts
    finally:
        server.stop()


def lab_quickstart(browser, presses: int) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="jr-bench-latency-"))
    root = copy_notebooks(folder / "notebooks")
    server, base = start_lab(root, isolated_env(folder / "jupyter"))
    try:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.route("**/*", loopback_only)
        page = context.new_page()
        page.goto(f"{base}/lab/tree/01-quickstart.ipynb?reset&token={TOKEN}")
        expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        squares = page.locator(".jp-Cell").nth(4).locator(CONTAINER)
        expect(squares).to_contain_text("the first 12 squares", timeout=90_000)
        handle = page.locator(".jp-Cell").nth(3).locator(".noUi-handle")
        handle.focus()
        texts = [press_and_time(page, squares, handle, f"the first {n} squares", None)["text"]
                 for n in range(13, 13 + presses)]
        context.close()
        return texts
    finally:
        server.stop()


def main() -> None:
    presses = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        texts, charts = voila_dashboard(browser, presses)
        reference = lab_quickstart(browser, presses)
        browser.close()
    charts = [c for c in charts if c is not None]
    print(f"keydown -> page changed, ArrowRight x {presses}, median (min-max) in ms")
    print()
    print("| page | what changed | median | min | max |")
    print("|---|---|---|---|---|")
    rows = [("Voila, 03-dashboard, Smooth slider", "summary line", texts),
            ("Voila, 03-dashboard, Smooth slider", "chart", charts),
            ("JupyterLab, 01-quickstart, n slider", "printed line", reference)]
    for name, what, values in rows:
        if values:
            print(f"| {name} | {what} | {statistics.median(values):.0f} | {min(values):.0f} | "
                  f"{max(values):.0f} |")


if __name__ == "__main__":
    main()
