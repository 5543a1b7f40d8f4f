"""Fixtures: real kernels, driven like a browser (see jupyter_rerun.testing)."""

from __future__ import annotations

import itertools
import textwrap

import pytest

from jupyter_rerun.testing import KernelDriver

SETUP = "%load_ext jupyter_rerun\nimport ipywidgets as w\nimport jupyter_rerun as jr\nimport datetime as dt\n"


@pytest.fixture(scope="module", params=["main-thread", "subshell"])
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


def make_slider(kernel: KernelDriver, name: str, value: int = 0, max: int = 1000) -> str:
    """Define `name = IntSlider(...)` in the kernel; return its model id."""
    execution = kernel.execute(f"{name} = w.IntSlider(value={value}, max={max}); display({name})")
    (model_id,) = execution.views
    return model_id


def kernel_value(kernel: KernelDriver, expression: str):
    """Evaluate `expression` in the kernel and return it (via repr/literal_eval)."""
    import ast

    output = kernel.execute(f"print(repr({expression}))").stdout
    return ast.literal_eval(output.strip())


class RedisServer:
    """A real redis-server on 127.0.0.1, on a free port, stopped by the test."""

    def __init__(self, folder) -> None:
        import shutil
        import socket

        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed: `./dev test` installs it "
                        "(or: apt-get install redis-server)")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._argv = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                      "--appendonly", "no", "--dir", str(folder), "--protected-mode", "yes"]
        self.process = None
        self.start()

    def start(self) -> None:
        import subprocess
        import time

        import redis

        self.process = subprocess.Popen(self._argv, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=0.5)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


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
