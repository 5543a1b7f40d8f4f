"""JupyterLab and Voila servers on 127.0.0.1, and Debian's Chromium driven by Playwright.

Never `playwright install`: the browser is /usr/bin/chromium (CHROMIUM to override).
Servers run in their own process group; stopping them checks that nothing is left behind.
Screenshots go to artifacts/ (git-ignored; JR_ARTIFACTS to override).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("JR_ARTIFACTS", ROOT / "artifacts"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BIN = Path(sys.executable).parent
TOKEN = "jupyter-rerun-test-token"
KERNEL_IDLE = "Python 3 (ipykernel) | Idle"
START_TIMEOUT = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url: str) -> int | None:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
    try:
        connection.request("GET", parts.path + ("?" + parts.query if parts.query else ""))
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def isolated_env(base: Path) -> dict[str, str]:
    """Keep ~/.jupyter, ~/.local/share/jupyter, ~/.ipython and the user's cache store and
    secret out of the test."""
    env = dict(os.environ)
    env.update(JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_DATA_DIR=str(base / "data"),
               JUPYTER_RUNTIME_DIR=str(base / "runtime"), IPYTHONDIR=str(base / "ipython"),
               JUPYTER_PLATFORM_DIRS="1", XDG_CONFIG_HOME=str(base / "xdg-config"),
               JUPYTER_RERUN_STORE=str(base / "store"))
    return env


class Server:
    """A server process in its own group; `stop()` SIGTERMs it and checks the group is gone."""

    def __init__(self, name: str, argv: list[str], cwd: Path, env: dict, probe: str, ok: set[int]):
        self.name = name
        self.log_path = cwd.parent / f"{name}.log"  # outside the served folder
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while http_status(probe) not in ok:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{name} did not start:\n{self.tail()}")
            time.sleep(0.1)

    def tail(self, size: int = 4000) -> str:
        self._log.flush()
        return self.log_path.read_bytes()[-size:].decode(errors="replace")

    def stop(self, timeout: float = 20) -> None:
        group = self.process.pid
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(group, signal.SIGKILL)
                self.process.wait(timeout=5)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            os.killpg(group, signal.SIGKILL)
            raise AssertionError(f"{self.name}: processes left in group {group}")
        self._log.close()


def _quiet_settings(folder: Path) -> Path:
    """A user-settings folder whose news and update toasts are off (they would cover cells)."""
    toast = folder / "@jupyterlab" / "apputils-extension"
    toast.mkdir(parents=True, exist_ok=True)
    (toast / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    return folder


def _start_jupyter(name: str, app: str, argv: list[str], root: Path, env: dict) -> tuple[Server, str]:
    port = free_port()
    argv = [str(BIN / "jupyter"), name, "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root}",
            f"--{app}.workspaces_dir={root.parent / f'{name}-ws'}",
            f"--{app}.user_settings_dir={_quiet_settings(root.parent / f'{name}-settings')}", *argv]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    base = f"http://127.0.0.1:{port}"
    return Server(f"jupyter-{name}", argv, root, env, f"{base}/api/status?token={TOKEN}", {200}), base


def start_lab(root: Path, env: dict) -> tuple[Server, str]:
    return _start_jupyter("lab", "LabApp", [
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly"], root, env)


def start_notebook7(root: Path, env: dict) -> tuple[Server, str]:
    """Jupyter Notebook 7 (the `notebook` package's own server, as `jupyter notebook` runs it)."""
    return _start_jupyter("notebook", "JupyterNotebookApp", [], root, env)


def start_voila(root: Path, notebook: str, env: dict) -> tuple[Server, str]:
    port = free_port()
    argv = [str(BIN / "voila"), notebook, "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", f"--token={TOKEN}"]
    base = f"http://127.0.0.1:{port}"
    # any answer on /api/status means it listens (GET / would start a kernel)
    return Server("voila", argv, root, env, f"{base}/api/status", {200, 302, 403, 404}), base


def set_lab_comms_mode(base: str, mode: str) -> None:
    """The commsOverSubshells setting of JupyterLab or Notebook 7: 'perCommTarget' (default)
    or 'disabled'. Pages opened afterwards use it."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(
        "PUT", "/lab/api/settings/@jupyterlab/apputils-extension:kernels-settings",
        body=json.dumps({"raw": json.dumps({"commsOverSubshells": mode})}),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    status = connection.getresponse().status
    connection.close()
    assert status == 204, status


BROWSER_OWN = ("chrome://", "chrome-extension://")  # the browser's own pages (its PDF viewer)


def loopback_only(route) -> None:
    host = urlsplit(route.request.url).hostname
    if host in ("127.0.0.1", "localhost", "::1") or route.request.url.startswith(("data:", *BROWSER_OWN)):
        route.continue_()
    else:
        route.abort()


def copy_notebooks(target: Path) -> Path:
    shutil.copytree(ROOT / "notebooks", target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return target


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (one per test module: a fixture's body)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def offline_page(browser: Any, width: int = 1200, height: int = 1000,
                 timeout: int = 60_000, known_errors: tuple[str, ...] = ()) -> Iterator[Any]:
    """A page of its own context, with every request not to 127.0.0.1 aborted. On leaving,
    it checks that the page raised no error but the front end's own `known_errors` (each
    shown to happen without jupyter_rerun), and that nothing asked for the network but
    Voila's own page (which asks for Font Awesome's CSS)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    blocked: list[str] = []

    def route(route: Any) -> None:
        if not route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", *BROWSER_OWN)):
            blocked.append(route.request.url)
        loopback_only(route)

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(timeout)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert [error for error in errors if error not in known_errors] == [], errors
    assert [url for url in blocked if "fontawesome" not in url] == [], blocked


def box(locator: Any) -> dict:
    """The element's bounding box; it must be shown."""
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not shown"
    return found


def write_notebook(path: Path, cells: list[str]) -> Path:
    """A notebook of these code cells, for the python3 kernel."""
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3 (ipykernel)"}
    nbformat.write(notebook, path)
    return path
