"""What the single-flight tests and benchmarks share: kernels started as Voila starts them
(real ipykernel through jupyter_client), one store for all of them, a cached function that
records each computation in a file, and a start line every kernel crosses at once."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from jupyter_rerun.testing import Execution, KernelDriver

SETUP = "%load_ext jupyter_rerun\nimport jupyter_rerun as jr, os, time\n"


def store_env(folder: Path, spec: str) -> dict[str, str]:
    """Every kernel: this store, and one secret (the same key file)."""
    return {"JUPYTER_RERUN_STORE": spec, "XDG_CONFIG_HOME": str(folder / "config")}


@contextmanager
def kernels(count: int, env: dict[str, str]) -> Iterator[list[KernelDriver]]:
    with ExitStack() as stack:
        started = [stack.enter_context(KernelDriver(env=env, timeout=120)) for _ in range(count)]
        for kernel in started:
            kernel.execute(SETUP)
        yield started


def slow_function(name: str, folder: Path, seconds: float, fail_first: bool = False) -> str:
    """A persisted cached function `name(x)` whose every computation appends its kernel's
    pid to `folder/calls`, then sleeps as long as `folder/seconds` says when it starts
    (`seconds` for now: a test can change it without changing the function's key); with
    `fail_first`, the first computation of all raises after its sleep."""
    calls, length = str(folder / "calls"), folder / "seconds"
    length.write_text(str(seconds))
    failing = (f"    if open({calls!r}).read().count('\\n') == 1:\n"
               f"        raise RuntimeError('the first computation fails')\n") if fail_first else ""
    return (f"@jr.cache_data(persist=True)\n"
            f"def {name}(x):\n"
            f"    with open({calls!r}, 'a') as log:\n"
            f"        log.write(f'{{os.getpid()}}\\n')\n"
            f"    time.sleep(float(open({str(length)!r}).read()))\n"
            f"{failing}"
            f"    return {{'x': x, 'payload': bytes(1000)}}\n")


def computations(folder: Path) -> list[int]:
    """The pids of the kernels that computed, in order."""
    calls = folder / "calls"
    return [int(line) for line in calls.read_text().split()] if calls.exists() else []


def at_once(drivers: list[KernelDriver], code: str, start: Path) -> list[str]:
    """Send `code` to every kernel, to run once `start` exists; create it; the msg ids."""
    waiting = (f"while not os.path.exists({str(start)!r}):\n    time.sleep(0.002)\n")
    sent = [kernel.submit(waiting + code) for kernel in drivers]
    time.sleep(0.3)  # every kernel is in its loop by now (each checks every 2 ms)
    start.touch()
    return sent


def collect(drivers: list[KernelDriver], sent: list[str], allow_errors: bool = False
            ) -> list[Execution]:
    return [kernel.collect(msg_id, allow_errors=allow_errors)
            for kernel, msg_id in zip(drivers, sent)]


def wait_for_computations(folder: Path, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(computations(folder)) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{folder}/calls did not reach {count} computations")
        time.sleep(0.01)


def pid(kernel: KernelDriver) -> int:
    return int(kernel.value("os.getpid()"))


def shown_text(execution: Execution) -> str:
    """Everything a cell displayed (spinners included), as text."""
    parts = []
    for message in execution.messages:
        data = message["content"].get("data") or {}
        parts.append(str(data.get("text/html", "")) + str(data.get("text/plain", "")))
    return "".join(parts)
