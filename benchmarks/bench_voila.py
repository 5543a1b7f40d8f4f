"""Time to interactive of the Voila dashboard, first viewer against second viewer.

Voila runs the whole notebook for every visitor, in a kernel of its own. 03-dashboard's
expensive preparation is cached with persist=True, so the second visitor's kernel reads it
from the shared disk store instead of computing it. Measured in Debian's Chromium with
Playwright: from navigation to the chart and the summary line being on screen. Each round
uses a fresh store; the notebook runs as shipped (about 1 s of preparation) and with a 5x
heavier preparation (resamples=100_000), a dashboard whose loading is slow; and with almost
none, which shows what a viewer costs without any preparation (kernel start, imports,
drawing, the page itself).

The same notebook also runs under `streamlit run` (its code cells as one script, with
`import streamlit as jr`: the API is Streamlit's), and in Voila with preheated kernels
(`--preheat_kernel=True --pool_size=2`: Voila runs the notebook in a pooled kernel before
anyone asks; the viewers arrive after the pool is full), and preheated as `./dev voila`
serves it (binder/voila.json and DEV_FLAGS: the page's unused front-end extensions left out, the pool refilled
once the viewer has their page), all in the same run.

    python benchmarks/bench_voila.py            every row
    python benchmarks/bench_voila.py --shipped  the notebook as shipped only: Voila,
                                                preheated Voila and Streamlit
    --rounds=N                                  rounds (default 3), each row once per round
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser_support import (  # noqa: E402
    BIN, CHROMIUM, CHROMIUM_FLAGS, TOKEN, Server, free_port, isolated_env, loopback_only, start_voila,
)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "03-dashboard.ipynb"
ROUNDS = int(next((arg.split("=")[1] for arg in sys.argv if arg.startswith("--rounds=")), 3))


def notebook_copy(folder: Path, resamples: int) -> str:
    notebook = json.loads(NOTEBOOK.read_text())
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        cell["source"] = source.replace("resamples=20_000", f"resamples={resamples}")
    target = folder / "dashboard.ipynb"
    target.write_text(json.dumps(notebook))
    return target.name


def streamlit_copy(folder: Path, resamples: int) -> Path:
    """The notebook's code cells as one Streamlit script (magics dropped, `jr` is `st`)."""
    notebook = json.loads((folder / notebook_copy(folder, resamples)).read_text())
    lines = [line for cell in notebook["cells"] if cell["cell_type"] == "code"
             for line in "".join(cell["source"]).splitlines() if not line.startswith("%")]
    script = "\n".join(lines).replace("import jupyter_rerun as jr", "import streamlit as jr")
    target = folder / "dashboard.py"
    target.write_text(script + "\n")
    return target


CHART = {"voila": ".jupyter-rerun-cell .jr-vega-chart svg path, .jupyter-rerun-cell .jr-vega-chart canvas",
         "streamlit": "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg path"}
SUMMARY = {"voila": ".jupyter-rerun-cell", "streamlit": "[data-testid='stMain']"}


def time_to_interactive(browser, url: str, server: str = "voila") -> float:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.route("**/*", loopback_only)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)  # Voila streams the page while it runs
    expect(page.locator(CHART[server]).first).to_be_visible(timeout=120_000)
    expect(page.locator(SUMMARY[server]).first).to_contain_text("1461 days", timeout=120_000)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


POOL_SIZE = 2
# what `./dev voila` adds to preheating: the Voila settings of binder/voila.json (its page
# leaves out jupyterlab-plotly's renderer, 4.8 MB of plotly.js compiled before the kernel
# connects, and Notebook 7's buttons), and a replacement kernel that starts once the viewer
# who took one has their page
DEV_SETTINGS = Path(__file__).resolve().parent.parent / "binder" / "voila.json"
DEV_FLAGS = ["--VoilaKernelManager.fill_delay=3"]
PREHEATED = {"preheated", "dev"}  # the kinds of server with a pool


def start(kind: str, root: Path, resamples: int, env: dict) -> tuple[Server, str]:
    """A server of `kind` ("voila", "preheated", "dev", "streamlit") and the dashboard's URL."""
    if kind == "streamlit":
        from bench_single_flight import start as start_server  # its `streamlit run`

        return start_server("streamlit", root, streamlit_copy(root, resamples), NOTEBOOK, env)
    name = notebook_copy(root, resamples)
    if kind in PREHEATED:
        if kind == "dev":  # read from the Jupyter config folder, as ./dev voila has it
            settings = Path(env["JUPYTER_CONFIG_DIR"]) / "voila.json"
            settings.parent.mkdir(parents=True, exist_ok=True)
            settings.write_bytes(DEV_SETTINGS.read_bytes())
        port = free_port()
        argv = [str(BIN / "voila"), name, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                "--Voila.port_retries=0", f"--token={TOKEN}", "--preheat_kernel=True",
                f"--pool_size={POOL_SIZE}", *(DEV_FLAGS if kind == "dev" else [])]
        base = f"http://127.0.0.1:{port}"
        server = Server("voila", argv, root, env, f"{base}/api/status", {200, 302, 403, 404})
        return server, f"{base}/?token={TOKEN}"
    server, base = start_voila(root, name, env)
    return server, f"{base}/?token={TOKEN}"


def pool_ready(server: Server, viewers: int, timeout: float = 120) -> None:
    """Wait until the pool is full again after `viewers` pages took a kernel from it.

    Voila logs each time its pool is filled (once at start, once per refill); a refill starts
    `fill_delay` seconds after a page took a kernel, so counting kernels alone could pass
    before it began. Then every kernel's CPU must have gone quiet (the notebook has run).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fills = server.tail(10**7).count("is filled with")
        if fills > viewers and all(cpu_quiet(pid) for pid in kernel_pids(server.process.pid)):
            return
        time.sleep(0.5)
    raise RuntimeError(f"Voila's kernel pool was not refilled in {timeout} s:\n{server.tail()}")


def kernel_pids(server_pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-f", "ipykernel_launcher", "-P", str(server_pid)],
                           capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_quiet(pid: int) -> bool:
    try:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        return cpu_seconds(pid) - before < 0.05
    except FileNotFoundError:
        return False


def resident_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024


POOLED_RSS: list[float] = []  # MB resident of each preheated kernel, before any viewer


def measure_round(browser, resamples: int, kind: str = "voila") -> tuple[float, float]:
    """One server, fresh: the first viewer's time to interactive, then the second's."""
    folder = Path(tempfile.mkdtemp(prefix=f"jr-bench-{kind}-"))
    root = folder / "notebooks"
    root.mkdir()
    env = {**isolated_env(folder / "jupyter"), "JUPYTER_RERUN_STORE": str(folder / "store")}
    if kind == "streamlit":
        env["HOME"] = str(folder / "home")  # its persist cache is under ~: fresh each round
    server, url = start(kind, root, resamples, env)
    try:
        if kind in PREHEATED:
            pool_ready(server, 0)
            POOLED_RSS.extend(resident_mb(pid) for pid in kernel_pids(server.process.pid))
        first = time_to_interactive(browser, url, SERVER[kind])
        if kind in PREHEATED:
            pool_ready(server, 1)  # a viewer who comes once the pool is full again
        return first, time_to_interactive(browser, url, SERVER[kind])
    finally:
        server.stop()


SERVER = {"voila": "voila", "preheated": "voila", "dev": "voila", "streamlit": "streamlit"}


def main() -> None:
    expect.set_options(timeout=120_000)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        shipped = {"Voila, as shipped (resamples=20_000)": ("voila", 20_000),
                   f"Voila --preheat_kernel=True --pool_size={POOL_SIZE}, as shipped": ("preheated", 20_000),
                   "the same, as `./dev voila` serves it (lean page, refill after the page)": ("dev", 20_000),
                   "Streamlit, as shipped": ("streamlit", 20_000)}
        more = {"Voila, almost no preparation (resamples=200): Voila's floor": ("voila", 200),
                "Voila, 5x heavier preparation (resamples=100_000)": ("voila", 100_000)}
        cases = shipped if "--shipped" in sys.argv else {**shipped, **more}
        rows: dict[str, tuple[list[float], list[float]]] = {label: ([], []) for label in cases}
        for _ in range(ROUNDS):  # round by round, so that a machine busier for a while is shared
            for label, (kind, resamples) in cases.items():
                first, second = measure_round(browser, resamples, kind)
                rows[label][0].append(first)
                rows[label][1].append(second)
        browser.close()
    print(f"Voila dashboard, time to interactive in Chromium, median of {ROUNDS} rounds (s)")
    print()
    print("| notebook | first viewer | second viewer | ratio |")
    print("|---|---|---|---|")
    for label, (firsts, seconds) in rows.items():
        first, second = statistics.median(firsts), statistics.median(seconds)
        print(f"| {label} | {first:.2f} | {second:.2f} | {second / first:.2f} |")
    print()
    for label, (firsts, seconds) in rows.items():
        print(f"{label}: first {[round(t, 2) for t in firsts]}, second {[round(t, 2) for t in seconds]}")
    if POOLED_RSS:
        print(f"\npreheated kernels, MB resident each before any viewer: {[round(r) for r in POOLED_RSS]}")
    print("load average (1, 5, 15 min) at the end: %.1f %.1f %.1f" % os.getloadavg())


if __name__ == "__main__":
    main()
