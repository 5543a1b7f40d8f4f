"""`./dev demo` and `./dev voila` as a newcomer meets them, on a machine where another
Jupyter left its settings: a workspace that opens a notebook which is not there, the news
toast switched on, a server configured to live under another base URL. Both run with their
own Jupyter folders, so none of that shows."""

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


def someone_elses_server_config(home: Path) -> None:
    """A ~/.jupyter server configuration that would move every page under /elsewhere/."""
    (home / ".jupyter" / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"base_url": "/elsewhere/"}}))


def start_dev(home: Path, command: str, wanted: tuple[str, ...]) -> tuple[subprocess.Popen, dict]:
    """Run `./dev <command>` as a user would; the URLs it prints, by what they are for."""
    env = {**os.environ, "HOME": str(home), "JR_VENV": str(ROOT / ".venv"),
           "XDG_CONFIG_HOME": str(home / ".config"), "JUPYTER_RERUN_STORE": str(home / "store")}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env.pop(name, None)  # as on a user's machine: the command must set them itself
    process = subprocess.Popen([str(ROOT / "dev"), command], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    urls, seen, deadline = {}, [], time.monotonic() + 180
    for line in process.stdout:  # the URLs come once the server answers
        seen.append(line)
        found = re.search(r"(the dashboard|JupyterLab): (http[^\s\x1b]+)", line)
        if found:
            urls[found.group(1)] = found.group(2)
        if set(wanted) <= set(urls) or time.monotonic() > deadline:
            break
    if not set(wanted) <= set(urls):
        process.kill()
        raise AssertionError(f"./dev {command} printed no {wanted} URL: {''.join(seen)[-2000:]}")
    return process, urls


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C, as the user stops it
    process.wait(timeout=30)


def dashboard_is_served(page, url: str, name: str) -> None:
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(url)
    dashboard = page.locator(".jupyter-rerun-cell").first
    expect(dashboard).to_contain_text("1461 days", timeout=120_000)
    expect(dashboard.locator(".jr-vega-chart svg path, .jr-vega-chart canvas").first).to_be_visible()
    expect(page.locator("h1", has_text="Seattle weather")).to_have_count(1)
    expect(dashboard).not_to_contain_text("reruns on")  # the authors' note stays in JupyterLab
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    # the page loads the front-end extensions it uses, and not the two the demo leaves out
    # (binder/voila.json): jupyterlab-plotly's 4.8 MB of plotly.js, Notebook 7's buttons
    extensions = {re.sub(r"/static/.*", "", found.split("/labextensions/")[1])
                  for found in asked if "/labextensions/" in found}
    assert {"anywidget", "@jupyter-widgets/jupyterlab-manager"} <= extensions, extensions
    assert not extensions & {"jupyterlab-plotly", "@jupyter-notebook/lab-extension"}, extensions


def test_the_demo_is_clean_on_a_machine_with_another_jupyterlabs_settings(tmp_path):
    home = tmp_path / "home"
    someone_elses_jupyter(home)
    someone_elses_server_config(home)
    process, urls = start_dev(home, "demo", ("JupyterLab", "the dashboard"))
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            context.route("**/*", loopback_only)
            page = context.new_page()
            page.goto(urls["JupyterLab"])
            expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
            expect(page.locator(".jp-NotebookPanel")).to_have_count(1)  # the quickstart only
            expect(page.locator(".jp-NotebookPanel h1", has_text="jupyter_rerun quick start")).to_be_visible()
            page.wait_for_timeout(2000)  # time for a toast or a restored tab to appear
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "demo-lab.png"))
            assert page.get_by_text(re.compile("Jupyter news")).count() == 0
            assert page.get_by_text(re.compile("gone.ipynb")).count() == 0
            dashboard_is_served(context.new_page(), urls["the dashboard"], "demo-dashboard")
            browser.close()
    finally:
        stop(process)
    # the demo kept its own Jupyter folders under .venv, and wrote nothing to ~/.jupyter
    assert (ROOT / ".venv" / "jupyter" / "lab-settings").is_dir()
    assert sorted(p.name for p in (home / ".jupyter").iterdir()) == ["jupyter_server_config.json", "lab"]
    assert [p.name for p in (home / ".jupyter" / "lab").iterdir()] == ["workspaces"]


def test_dev_voila_serves_the_dashboard_on_a_machine_with_another_jupyters_settings(tmp_path):
    home = tmp_path / "home"
    someone_elses_jupyter(home)
    someone_elses_server_config(home)
    process, urls = start_dev(home, "voila", ("the dashboard",))
    try:
        assert "/elsewhere/" not in urls["the dashboard"]
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            context.route("**/*", loopback_only)
            ARTIFACTS.mkdir(exist_ok=True)
            dashboard_is_served(context.new_page(), urls["the dashboard"], "dev-voila")
            browser.close()
    finally:
        stop(process)
    assert sorted(p.name for p in (home / ".jupyter").iterdir()) == ["jupyter_server_config.json", "lab"]
