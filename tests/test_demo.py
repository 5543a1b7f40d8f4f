"""`./dev demo` as a newcomer meets it, on a machine where another JupyterLab left its
settings: a workspace that opens a notebook which is not there, the news toast switched
on. The demo runs with its own Jupyter folders, so none of that shows."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, KERNEL_IDLE, ROOT, loopback_only  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def someone_elses_jupyter(home: Path) -> None:
    """What another JupyterLab leaves in ~/.jupyter: its default workspace, which opens a
    notebook that is not here. (Its news question is JupyterLab's default: no settings.)"""
    workspaces = home / ".jupyter" / "lab" / "workspaces"
    workspaces.mkdir(parents=True)
    (workspaces / "default-37a8.jupyterlab-workspace").write_text(json.dumps({
        "data": {"layout-restorer:data": {
                     "main": {"dock": {"type": "tab-area", "currentIndex": 0,
                                       "widgets": ["notebook:gone.ipynb"]},
                              "current": "notebook:gone.ipynb"},
                     "down": {"size": 0, "widgets": []},
                     "left": {"collapsed": False, "visible": True, "current": "filebrowser",
                              "widgets": ["filebrowser"]},
                     "right": {"collapsed": True, "visible": True, "widgets": []},
                     "relativeSizes": [0.2, 0.8, 0], "top": {"simpleVisibility": True}},
                 "notebook:gone.ipynb": {"data": {"path": "gone.ipynb", "factory": "Notebook"}}},
        "metadata": {"id": "default"}}))


def start_demo(home: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "HOME": str(home), "JR_VENV": str(ROOT / ".venv"),
           "XDG_CONFIG_HOME": str(home / ".config"), "JUPYTER_RERUN_STORE": str(home / "store")}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env.pop(name, None)  # as on a user's machine: the demo must set them itself
    process = subprocess.Popen([str(ROOT / "dev"), "demo"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    for line in process.stdout:  # the demo prints its URLs once the server answers
        found = re.search(r"JupyterLab: (http[^\s\x1b]+)", line)
        if found:
            return process, found.group(1)
        if time.monotonic() > deadline:
            break
    process.kill()
    raise AssertionError("./dev demo printed no JupyterLab URL")


def test_the_demo_is_clean_on_a_machine_with_another_jupyterlabs_settings(tmp_path):
    home = tmp_path / "home"
    someone_elses_jupyter(home)
    process, url = start_demo(home)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            context.route("**/*", loopback_only)
            page = context.new_page()
            page.goto(url)
            expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
            expect(page.locator(".jp-NotebookPanel")).to_have_count(1)  # the quickstart only
            expect(page.locator(".jp-NotebookPanel h1", has_text="jupyter_rerun quick start")).to_be_visible()
            page.wait_for_timeout(2000)  # time for a toast or a restored tab to appear
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "demo-lab.png"))
            assert page.get_by_text(re.compile("Jupyter news")).count() == 0
            assert page.get_by_text(re.compile("gone.ipynb")).count() == 0
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
    # the demo kept its own Jupyter folders under .venv, and wrote nothing to ~/.jupyter
    assert (ROOT / ".venv" / "jupyter" / "lab-settings").is_dir()
    assert [p.name for p in (home / ".jupyter" / "lab").iterdir()] == ["workspaces"]
