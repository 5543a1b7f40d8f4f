"""Fixtures: real kernels, driven like a browser (see jupyter_rerun.testing)."""

from __future__ import annotations

import itertools
import sys
import textwrap

import pytest

from jupyter_rerun.testing import KernelDriver, RedisServer

def pytest_sessionfinish(session, exitstatus):
    """A skipped test is a check that did not run: the suite fails on one, so that a missing
    dependency (Streamlit, Playwright, redis-server) cannot pass for green."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(f"FAILED: {len(skipped)} test(s) skipped; install what they need "
                            f"(./dev test installs everything)", red=True)
        session.exitstatus = 1


def _event_modes() -> tuple[str, ...]:
    """The event modes this kernel can have: 'subshell' only where it advertises subshells
    (ipykernel 7; 6.29 has none), so that no 'subshell' test passes for main-thread."""
    with KernelDriver() as driver:
        subshells = "kernel subshells" in driver.kernel_features()
    return ("main-thread", "subshell") if subshells else ("main-thread",)


EVENT_MODES = _event_modes()


def pytest_terminal_summary(terminalreporter):
    """Say which versions and event modes ran (shown with -q too, before the counts)."""
    import ipykernel
    import ipywidgets
    import IPython

    missing = "" if "subshell" in EVENT_MODES else " (this kernel has no subshells: 'subshell' mode not run)"
    terminalreporter.write_line(
        f"jupyter_rerun: Python {sys.version.split()[0]}, ipykernel {ipykernel.__version__}, "
        f"IPython {IPython.__version__}, ipywidgets {ipywidgets.__version__}; "
        f"event modes: {', '.join(EVENT_MODES)}{missing}")


SETUP = "%load_ext jupyter_rerun\nimport ipywidgets as w\nimport jupyter_rerun as jr\nimport datetime as dt\n"


@pytest.fixture(scope="module", params=EVENT_MODES)
def kernel(request):
    """One kernel per module and event mode: 'main-thread' is how Voila and classic front
    ends deliver widget events; 'subshell' is JupyterLab 4.6's default."""
    with KernelDriver(subshell=request.param == "subshell") as driver:
        driver.execute(SETUP)
        yield driver


@pytest.fixture
def fresh_kernel():
    """A kernel of its own, for tests that unload the extension or restart."""
    with KernelDriver() as driver:
        yield driver


_ids = itertools.count()


def unique(prefix: str) -> str:
    """A name no other test in this kernel uses."""
    return f"{prefix}{next(_ids)}"


class Cell:
    """A %%rerun cell in a test kernel: its id, its container, and the driver."""

    def __init__(self, kernel: KernelDriver, body: str, line: str = "", cell_id: str | None = None):
        self.kernel = kernel
        self.id = cell_id or unique("cell-")
        self.source = f"%%rerun {line}\n" + textwrap.dedent(body).strip() + "\n"
        self.execution = kernel.execute(self.source, cell_id=self.id)
        (self.container,) = self.execution.views

    def text(self) -> str:
        return self.kernel.text(self.container)

    def wait_for(self, needle: str) -> str:
        return self.kernel.wait_for_text(self.container, needle)


def only(kernel: KernelDriver, container: str, model_name: str) -> str:
    """The one model of this kind under `container`."""
    (model,) = kernel.find(container, model_name)
    return model


def errors_under(models: dict[str, dict], model: str) -> list[str]:
    """Error outputs shown anywhere in the widget tree under `model` (`KernelDriver.models`,
    or a notebook's saved widget state in that shape)."""
    state = models.get(model, {})
    found = [f"{output.get('ename')}: {output.get('evalue')}" for output in state.get("outputs", [])
             if output.get("output_type") == "error"]
    for child in state.get("children", []):
        found += errors_under(models, child.removeprefix("IPY_MODEL_"))
    return found


def started_marker(folder) -> str:
    """Code for a %%rerun body that creates `folder/started-<n>` when its run for `n`
    starts: a run's output only shows when it ends, a file shows at once."""
    return f"open({str(folder)!r} + f'/started-{{n}}', 'w').close()"


def wait_for_start(folder, n) -> None:
    """Wait until the run for `n` (see started_marker) has started."""
    wait_for_file(f"{folder}/started-{n}")


def wait_for_file(path, timeout: float = 30.0) -> None:
    """Wait until code in the kernel has created `path` (e.g. just before a long sleep)."""
    import os
    import time

    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} did not appear within {timeout}s")
        time.sleep(0.01)


def make_slider(kernel: KernelDriver, name: str, value: int = 0, max: int = 1000) -> str:
    """Define `name = IntSlider(...)` in the kernel; return its model id."""
    execution = kernel.execute(f"{name} = w.IntSlider(value={value}, max={max}); display({name})")
    (model_id,) = execution.views
    return model_id


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per browser test module."""
    from browser_support import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def empty_caches_in_this_process():
    """In-process caches are keyed by function name: tests that reuse a name start empty."""
    import jupyter_rerun as jr

    jr.cache_data.clear()
    jr.cache_resource.clear()
    yield
