"""Where a Voila viewer's seconds go: the benchmark dashboard (benchmarks/dashboard.py),
one page at a time, first viewer (the 2 s preparation computed) then second viewer (read
from the shared disk store), in Debian's Chromium.

Marks, each as seconds after the page was asked for: the kernel process started (from
/proc), its first cell began (Python and ipykernel loaded, the kernel connected), `import
jupyter_rerun` and the extension done, the dashboard's %%rerun cell done (in the kernel),
and the page showing its numbers and slider (in the browser). The notebook is the
dashboard's with a line that writes the time at each mark.

    python benchmarks/bench_voila_breakdown.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE)]
import dashboard  # noqa: E402
from browser_support import (  # noqa: E402
    CHROMIUM, CHROMIUM_FLAGS, TOKEN, isolated_env, loopback_only, start_voila,
)

ROUNDS = 3
MARK = "open(os.environ['DASHBOARD_MARKS'], 'a').write(f'{name} {time.time()}\\n')"


def marked_notebook(folder: Path) -> str:
    """The dashboard notebook with a time mark at the start, after the imports, at the end."""
    book = dashboard.notebook()
    first, rerun = book["cells"]
    first["source"] = ("import os, time\nname = 'first cell'\n" + MARK + "\n" + first["source"]
                       + "\nname = 'imports done'\n" + MARK)
    last = {**first, "id": "cell-marks", "source": "name = 'dashboard drawn'\n" + MARK}
    book["cells"] = [first, rerun, last]
    (folder / "marked.ipynb").write_text(json.dumps(book))
    return "marked.ipynb"


def kernel_started(server_pid: int) -> float | None:
    """Epoch time the newest kernel of the Voila server started (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                if line.startswith("btime"))
    found = subprocess.run(["pgrep", "-f", "ipykernel_launcher", "-P", str(server_pid)],
                           capture_output=True, text=True).stdout.split()
    starts = [int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
              for pid in found if Path(f"/proc/{pid}").exists()]
    return boot + max(starts) if starts else None


def one_page(browser, url: str, marks: Path, server_pid: int) -> dict[str, float]:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1100, "height": 800})
    context.route("**/*", loopback_only)
    page = context.new_page()
    marks.write_text("")
    asked = time.time()
    page.goto(url)
    expect(page.get_by_text(dashboard.READY).first).to_be_visible(timeout=120_000)
    expect(page.get_by_role("slider").first).to_be_visible(timeout=120_000)
    shown = time.time()
    started = kernel_started(server_pid)
    context.close()
    seen = dict(line.rsplit(" ", 1) for line in marks.read_text().splitlines())
    result = {"kernel process started": (started or asked) - asked}
    result.update({name: float(at) - asked for name, at in seen.items()})
    result["page shows its numbers"] = shown - asked
    return result


def main() -> None:
    from playwright.sync_api import sync_playwright

    rows: dict[str, list[dict[str, float]]] = {"first viewer": [], "second viewer": []}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        for _ in range(ROUNDS):
            folder = Path(tempfile.mkdtemp(prefix="jr-bench-breakdown-"))
            root = folder / "app"
            root.mkdir()
            name = marked_notebook(root)
            env = {**isolated_env(folder / "jupyter"), "DASHBOARD_CALLS": str(folder / "calls"),
                   "DASHBOARD_MARKS": str(folder / "marks")}
            server, base = start_voila(root, name, env)
            try:
                for row in rows.values():
                    row.append(one_page(browser, f"{base}/?token={TOKEN}", folder / "marks",
                                        server.process.pid))
            finally:
                server.stop()
        browser.close()
    print(f"A Voila viewer's seconds, one page at a time (median of {ROUNDS} rounds; "
          "seconds after the page was asked for)\n")
    names = list(rows["first viewer"][0])
    print("| mark | " + " | ".join(rows) + " |")
    print("|---|" + "---|" * len(rows))
    for mark in names:
        cells = [sorted(r[mark] for r in row)[len(row) // 2] for row in rows.values()]
        print(f"| {mark} | " + " | ".join(f"{cell:.2f}" for cell in cells) + " |")


if __name__ == "__main__":
    main()
