"""How long the Voila dashboard takes to answer a key press: keydown to the page changed.

The dashboard of notebooks/03-dashboard.ipynb in Voila, in Debian's Chromium (every
non-loopback request blocked). The Smooth slider is focused and ArrowRight pressed; a
capture-phase keydown listener stamps `performance.now()`, and MutationObservers stamp the
moment the summary line shows the new value and the moment the chart changes. Presses are
spaced (the page settles between them), as a person reading the chart would press. The
quickstart's slider in JupyterLab, whose cell only prints, is the reference.

Where the time goes: the page's kernel websockets are watched (every frame's arrival or
departure, its size, and the kernel's own timestamp in its header), which splits each press
into: the front end until it sends the change; the way to the kernel (until the kernel
says busy); the kernel (busy until the last message the page needed was stamped); the way
back (stamp to arrival); and the front end drawing it (arrival to the DOM change). Browser
and kernel share this machine's clock.

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

# Before any page script: every kernel websocket frame, in or out, as
# {out, at (epoch ms), bytes, type, date (kernel's, epoch ms), parent, state}.
WATCH_SOCKETS = """(() => {
  window.__frames = [];
  const now = () => performance.timeOrigin + performance.now();
  const text = new TextDecoder();
  const parse = (data) => {
    try {
      if (typeof data === "string") return JSON.parse(data);
      const view = new DataView(data), count = Number(view.getBigUint64(0, true));
      const at = (i) => Number(view.getBigUint64(8 * (i + 1), true));
      const part = (i) => JSON.parse(text.decode(new Uint8Array(data, at(i), at(i + 1) - at(i))));
      return {header: part(1), parent_header: part(2), content: count > 5 ? part(4) : {}};
    } catch (error) { return {}; }
  };
  const note = (out, data) => {
    const message = parse(data), header = message.header || {};
    window.__frames.push({out, at: now(), bytes: data.byteLength ?? data.length,
      type: header.msg_type, date: header.date ? Date.parse(header.date) +
        Number((header.date.match(/\\.\\d{3}(\\d+)/) || [0, "0"])[1]) / 1000 : null,
      id: header.msg_id, parent: (message.parent_header || {}).msg_id,
      state: (message.content || {}).execution_state});
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) { note(true, data); return send.call(this, data); };
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => note(false, event.data));
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})()"""

# Resolves with {text, chart}: ms from the next keydown to the summary text containing
# `needle`, and to the first change of anything under `chart` (null if there is none).
TIMED_PRESS = """([root, needle, chartSelector]) => new Promise((resolve) => {
    let pressed = null, text = null, chart = null;
    // the slot the chart is drawn in: a new image replaces the old one inside it
    const drawn = chartSelector ? root.querySelector(chartSelector) : null;
    const chartNode = drawn ? (drawn.closest('.widget-output') || drawn) : null;
    const done = () => { if (text !== null && (chart !== null || !chartNode)) {
        textWatch.disconnect(); chartWatch.disconnect(); resolve({text, chart, pressedAt, textAt}); } };
    let pressedAt = null, textAt = null;
    const stamp = () => performance.timeOrigin + performance.now();
    document.addEventListener('keydown', () => { pressed = performance.now(); pressedAt = stamp(); },
                              {capture: true, once: true});
    const textWatch = new MutationObserver(() => {
        if (pressed !== null && text === null && root.innerText.includes(needle)) {
            text = performance.now() - pressed; textAt = stamp(); done(); } });
    const chartWatch = new MutationObserver(() => {
        if (pressed !== null && chart === null) { chart = performance.now() - pressed; done(); } });
    textWatch.observe(root, {subtree: true, childList: true, characterData: true});
    setTimeout(() => resolve({text, chart, timedOut: true}), 10000);
    if (chartNode) chartWatch.observe(chartNode, {subtree: true, childList: true, attributes: true});
})"""


def press_and_time(page, root, handle, needle: str, chart: str | None) -> dict:
    # braces: return nothing, or Playwright would wait for the promise before the key press
    root.evaluate("(root, args) => { window.__frames.length = 0; window.__timed = ("
                  + TIMED_PRESS + ")([root, ...args]); }", [needle, chart])
    handle.press("ArrowRight")
    result = page.evaluate("() => window.__timed")
    if result.get("timedOut"):
        raise TimeoutError(f"the page never showed {needle!r} after the key press: {result}")
    result["split"] = split(page.evaluate("() => window.__frames"), result)
    page.wait_for_timeout(300)
    return result


def split(frames: list[dict], timed: dict) -> dict | None:
    """The press's milliseconds by stage, and the bytes the page received until it changed."""
    pressed, changed = timed["pressedAt"], timed["textAt"]
    sent = next((f for f in frames if f["out"] and f["type"] == "comm_msg" and f["at"] >= pressed), None)
    if sent is None:
        return None
    # the kernel's busy status for this very message (its parent), when it took it up
    busy = next((f for f in frames if not f["out"] and f["state"] == "busy"
                 and f["parent"] == sent["id"] and f["date"]), None)
    needed = [f for f in frames if not f["out"] and f["at"] <= changed and f["at"] >= sent["at"]
              and f["date"] and f["state"] is None]
    if busy is None or not needed:
        return None
    last = needed[-1]
    return {"front end in": sent["at"] - pressed, "to the kernel": busy["date"] - sent["at"],
            "kernel": last["date"] - busy["date"], "way back": last["at"] - last["date"],
            "front end out": changed - last["at"], "messages": len(needed),
            "bytes": sum(f["bytes"] for f in needed)}


def voila_dashboard(browser, presses: int) -> tuple[list[float], list[float], list[dict]]:
    folder = Path(tempfile.mkdtemp(prefix="jr-bench-latency-"))
    root = copy_notebooks(folder / "notebooks")
    server, base = start_voila(root, "03-dashboard.ipynb", isolated_env(folder / "jupyter"))
    try:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.add_init_script(WATCH_SOCKETS)
        context.route("**/*", loopback_only)
        page = context.new_page()
        page.goto(f"{base}/?token={TOKEN}")
        dashboard = page.locator(CONTAINER)
        expect(dashboard).to_contain_text("7-day mean", timeout=120_000)
        handle = dashboard.locator(".jupyter-rerun-int-slider .noUi-handle")
        handle.focus()
        texts, charts, splits = [], [], []
        for smoothing in range(8, 8 + presses):
            timed = press_and_time(page, dashboard, handle, f"{smoothing}-day mean", ".jr-vega-chart")
            texts.append(timed["text"])
            charts.append(timed["chart"])
            splits.append(timed["split"])
        context.close()
        return texts, charts, splits
    finally:
        server.stop()


def lab_quickstart(browser, presses: int) -> tuple[list[float], list[dict]]:
    folder = Path(tempfile.mkdtemp(prefix="jr-bench-latency-"))
    root = copy_notebooks(folder / "notebooks")
    server, base = start_lab(root, isolated_env(folder / "jupyter"))
    try:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.add_init_script(WATCH_SOCKETS)
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
        timed = [press_and_time(page, squares, handle, f"the first {n} squares", None)
                 for n in range(13, 13 + presses)]
        context.close()
        return [t["text"] for t in timed], [t["split"] for t in timed]
    finally:
        server.stop()


STAGES = ("front end in", "to the kernel", "kernel", "way back", "front end out")


def main() -> None:
    presses = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        texts, charts, voila_splits = voila_dashboard(browser, presses)
        reference, lab_splits = lab_quickstart(browser, presses)
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
    print()
    print("where the summary line's milliseconds go, median of each stage (they need not add "
          "up to the median total)")
    print()
    print("| page | " + " | ".join(STAGES) + " | kernel messages until then | bytes |")
    print("|---|" + "---|" * (len(STAGES) + 2))
    for name, splits in (("Voila, 03-dashboard", voila_splits), ("JupyterLab, 01-quickstart", lab_splits)):
        splits = [s for s in splits if s is not None]
        if not splits:
            print(f"| {name} | (no websocket frames seen) |")
            continue
        cells = [f"{statistics.median(s[stage] for s in splits):.1f}" for stage in STAGES]
        messages = statistics.median(s["messages"] for s in splits)
        size = statistics.median(s["bytes"] for s in splits)
        print(f"| {name} | " + " | ".join(cells) + f" | {messages:.0f} | {size:,.0f} |")


if __name__ == "__main__":
    main()
