"""Many viewers, one computation: single flight across kernels, measured with real parts.

1. Kernels: N real kernels (ipykernel through jupyter_client, as Voila starts them) call
   one cold key whose body takes 2 s at the same moment, against a disk store and a real
   redis-server. Counted: computations (goal 1); the time from the start until every
   kernel has its value (goal at most 1.2 x the body); the store's round trips per kernel
   (operations on the index and lock attempts for disk; commands for Redis, also counted
   by the server).
2. Browsers: N Chromium pages open the same dashboard at once (benchmarks/dashboard.py,
   one script), served by Voila (a kernel per page, the shared disk store) and by
   `streamlit run` (one process), one after the other in this run. Counted: computations
   of the 2 s preparation, and each page's time until the dashboard shows its numbers; then
   a second wave of N pages (the value cached), and the resident memory of each Voila
   viewer kernel with the dashboard loaded.

    python benchmarks/bench_single_flight.py            N = 8 and 16 kernels, 4 pages
    python benchmarks/bench_single_flight.py --quick    N = 4 kernels, 2 pages
    (--kernels-only, --pages-only: one part)
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE)]
import dashboard  # noqa: E402
from flight_support import at_once, collect, computations, kernels, slow_function, store_env  # noqa: E402

from jupyter_rerun.testing import RedisServer  # noqa: E402

BODY = 2.0

COUNTERS = """
_p = cold.__jupyter_rerun_cache__.persistent
print(_p.store.store.round_trips, getattr(_p._leases, 'round_trips', 0))
"""


def kernel_round(kind: str, count: int, redis_url: str | None) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="jr-bench-flight-"))
    spec = redis_url if kind == "redis" else f"disk://{folder / 'store'}"
    if kind == "redis":
        import redis

        server = redis.Redis.from_url(redis_url)
        server.flushdb()
    with kernels(count, store_env(folder, spec)) as drivers:
        for kernel in drivers:
            kernel.execute(slow_function("cold", folder, BODY))
        before = [counters(kernel) for kernel in drivers]
        commands = server.info("stats")["total_commands_processed"] if kind == "redis" else 0
        done = collect(drivers, at_once(drivers, "cold(1)\nprint(time.time())", folder / "go"))
        started = (folder / "go").stat().st_mtime  # when they were all let go
        finished = max(float(execution.stdout.split()[-1]) for execution in done)
        after = [counters(kernel) for kernel in drivers]
        if kind == "redis":  # less the INFO and the counters' own
            commands = server.info("stats")["total_commands_processed"] - commands - 1
    trips = [b[0] - a[0] for a, b in zip(before, after)]
    polls = [b[1] - a[1] for a, b in zip(before, after)]
    return {"store": kind, "kernels": count, "computations": len(computations(folder)),
            "seconds": finished - started, "trips": statistics.mean(trips), "most": max(trips),
            "polls": statistics.mean(polls), "server": commands / count if kind == "redis" else None}


def counters(kernel) -> tuple[int, int]:
    """(store operations: index operations or Redis commands; lock-file looks: disk only)"""
    operations, looks = kernel.execute(COUNTERS).stdout.split()
    return int(operations), int(looks)


def kernel_table(counts: list[int]) -> None:
    with tempfile.TemporaryDirectory() as redis_folder:
        server = RedisServer(redis_folder)
        try:
            rows = [kernel_round(kind, count, server.url)
                    for count in counts for kind in ("disk", "redis")]
        finally:
            server.stop()
    print(f"Kernels calling one cold key at once (body {BODY:g} s)\n")
    print("| store | kernels | computations | all have the value (s) | ratio to body | "
          "store round trips per kernel: mean (most) | lock-file looks per kernel |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        server = f"; the server counted {row['server']:.1f}" if row["server"] is not None else ""
        looks = f"{row['polls']:.1f}" if row["store"] == "disk" else "—"
        print(f"| {row['store']} | {row['kernels']} | {row['computations']} | {row['seconds']:.2f}"
              f" | {row['seconds'] / BODY:.2f} | {row['trips']:.1f} ({row['most']}){server} | "
              f"{looks} |")
    print()


async def open_pages(browser, url: str, count: int, measure) -> tuple[list[float], list[float]]:
    """`count` pages opened at the same moment: each one's seconds until it is usable, and
    `measure()` taken while they are all open."""
    from browser_support import loopback_only

    contexts = []

    async def one() -> float:
        context = await browser.new_context(viewport={"width": 1100, "height": 800})
        contexts.append(context)
        await context.route("**/*", lambda route: loopback_async(route, loopback_only))
        page = await context.new_page()
        page.set_default_timeout(180_000)
        started = time.perf_counter()
        await page.goto(url)
        await page.get_by_text(dashboard.READY).first.wait_for(state="visible")
        await page.get_by_role("slider").first.wait_for(state="visible")
        return time.perf_counter() - started

    seconds = list(await asyncio.gather(*(one() for _ in range(count))))
    measured = measure()
    for context in contexts:
        await context.close()
    return seconds, measured


async def loopback_async(route, check) -> None:
    """browser_support.loopback_only, for Playwright's async API."""
    from urllib.parse import urlsplit

    host = urlsplit(route.request.url).hostname
    if host in ("127.0.0.1", "localhost", "::1") or route.request.url.startswith("data:"):
        await route.continue_()
    else:
        await route.abort()


def server_rows(pages: int) -> list[dict]:
    from playwright.async_api import async_playwright

    from browser_support import CHROMIUM, CHROMIUM_FLAGS

    async def run() -> list[dict]:
        async with async_playwright() as driver:
            browser = await driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_FLAGS)
            rows = [await served(browser, "voila", pages), await served(browser, "streamlit", pages)]
            await browser.close()
            return rows

    return asyncio.run(run())


async def served(browser, name: str, pages: int) -> dict:
    from browser_support import TOKEN, isolated_env

    folder = Path(tempfile.mkdtemp(prefix=f"jr-bench-{name}-"))
    root = folder / "app"
    root.mkdir()
    script, book = dashboard.write(root)
    env = {**isolated_env(folder / "jupyter"), "DASHBOARD_CALLS": str(folder / "calls"),
           "DASHBOARD_BODY": str(BODY),
           "HOME": str(folder / "home")}  # Streamlit's persist="disk" cache is under ~
    server, url = start(name, root, script, book, env)
    page = url + (f"/?token={TOKEN}" if name == "voila" else "")
    pid = server.process.pid
    measure = (lambda: kernel_memory(pid)) if name == "voila" else (lambda: process_memory(pid))
    try:
        first, memory = await open_pages(browser, page, pages, measure)
        made = len(computations(folder))
        second, _ = await open_pages(browser, page, pages, measure)
    finally:
        server.stop()
    return {"server": name, "pages": pages, "computations": made, "first": first,
            "second": second, "memory": memory}


def start(name: str, root: Path, script: Path, book: Path, env: dict):
    from browser_support import BIN, Server, free_port, start_voila

    if name == "voila":
        return start_voila(root, book.name, env)
    port = free_port()
    argv = [str(BIN / "streamlit"), "run", str(script), "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    base = f"http://127.0.0.1:{port}"
    return Server("streamlit", argv, root, env, f"{base}/_stcore/health", {200}), base


def kernel_memory(server_pid: int) -> list[tuple[float, float, float]]:
    """(MB resident, MB proportional, CPU seconds) of each kernel of the Voila server."""
    found = subprocess.run(["pgrep", "-f", "ipykernel_launcher", "-P", str(server_pid)],
                           capture_output=True, text=True).stdout.split()
    return [process_memory(int(pid))[0] for pid in found]


def process_memory(pid: int) -> list[tuple[float, float, float]]:
    """[(MB resident, MB proportional: shared pages divided among their users, CPU seconds)]"""
    status = Path(f"/proc/{pid}/status").read_text()
    resident = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    proportional = next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return [(resident / 1024, proportional / 1024, cpu)]


def server_table(pages: int) -> None:
    rows = server_rows(pages)
    print(f"{pages} Chromium pages opening the dashboard at once (preparation {BODY:g} s); "
          "seconds until each page shows its numbers\n")
    print("| server | computations | first wave: median (slowest) | second wave: median "
          "(slowest) | memory, MB resident / proportional | CPU s |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        resident, proportional, cpu = (statistics.mean(column) for column in zip(*row["memory"]))
        print(f"| {row['server']} | {row['computations']} | {statistics.median(row['first']):.2f} "
              f"({max(row['first']):.2f}) | {statistics.median(row['second']):.2f} "
              f"({max(row['second']):.2f}) | {resident:.0f} / {proportional:.0f} | {cpu:.1f} |")
    print("\nMemory and CPU: Voila, each viewer's kernel with the dashboard loaded (mean); "
          "Streamlit, its one server process after the first wave.")
    print()
    for row in rows:
        print(f"{row['server']}: first wave {[round(s, 2) for s in row['first']]}, "
              f"second {[round(s, 2) for s in row['second']]}, memory {row['memory']}")


def main() -> None:
    quick = "--quick" in sys.argv
    if "--pages-only" not in sys.argv:
        kernel_table([4] if quick else [8, 16])
    if "--kernels-only" not in sys.argv:
        server_table(2 if quick else 4)
    print("\nload average (1, 5, 15 min) at the end: %.1f %.1f %.1f on %d cores"
          % (*os.getloadavg(), os.cpu_count()))


if __name__ == "__main__":
    main()
