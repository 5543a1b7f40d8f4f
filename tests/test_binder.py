"""binder/ builds: a fresh venv made exactly from binder/ has the Voila server extension and
the widgets lab extension enabled, runs every notebook, and binder/postBuild keeps the
extensions a dashboard does not use off Voila's pages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.timeout(900)


def run(argv, **kwargs):
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, **kwargs)
    assert done.returncode == 0, f"{argv[:3]} failed:\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def binder_venv(tmp_path_factory):
    venv = tmp_path_factory.mktemp("binder") / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    # repo2docker installs binder/requirements.txt from the repository's root, as here
    run([str(python), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"])
    return venv


def test_the_binder_files_pin_python_and_install_the_repository():
    assert (ROOT / "binder" / "runtime.txt").read_text().strip().startswith("python-3.")
    requirements = (ROOT / "binder" / "requirements.txt").read_text()
    assert "-e .[demo]" in requirements


def test_extensions_are_enabled(binder_venv, tmp_path):
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data"), "JUPYTER_PLATFORM_DIRS": "1"}
    jupyter = str(binder_venv / "bin" / "jupyter")
    server = run([jupyter, "server", "extension", "list"], env=env)
    lab = run([jupyter, "labextension", "list"], env=env)
    colour = re.compile(r"\x1b\[[0-9;]*m")  # the listings colour "enabled"
    server_text = colour.sub("", server.stdout + server.stderr)
    lab_text = colour.sub("", lab.stdout + lab.stderr)
    assert re.search(r"^\s*voila\S*\s+enabled\b", server_text, re.MULTILINE), server_text
    assert re.search(r"@jupyter-widgets/jupyterlab-manager\s.*\benabled\b", lab_text), lab_text


def test_every_notebook_runs_in_the_binder_environment(binder_venv, tmp_path):
    env = {**os.environ, "JUPYTER_RERUN_STORE": str(tmp_path / "store"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "JUPYTER_PLATFORM_DIRS": "1"}
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    run([str(binder_venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
         "--output-dir", str(tmp_path / "out"), *notebooks], env=env)
    assert len(list((tmp_path / "out").glob("*.ipynb"))) == len(notebooks)


def test_voila_pages_leave_out_the_extensions_a_dashboard_does_not_use(binder_venv, tmp_path):
    """binder/postBuild configures Voila's server extension as `./dev voila` runs Voila."""
    from browser_support import TOKEN, Server, free_port

    env = {**os.environ, "PATH": f"{binder_venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_PLATFORM_DIRS": "1"}
    run([str(ROOT / "binder" / "postBuild")], env=env)
    root = tmp_path / "notebooks"
    root.mkdir()
    (root / "page.ipynb").write_text(json.dumps({
        "cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server("binder-jupyter", [str(binder_venv / "bin" / "jupyter"), "server", "--no-browser",
                                       "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
                                       f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
                                       *(["--allow-root"] if os.geteuid() == 0 else [])],
                    root, env, f"{base}/api/status?token={TOKEN}", {200})
    try:
        with urllib.request.urlopen(f"{base}/voila/render/page.ipynb?token={TOKEN}", timeout=60) as page:
            html = page.read().decode()
    finally:
        server.stop()
    config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', html, re.DOTALL).group(1))
    names = {extension["name"] for extension in config["federated_extensions"]}
    assert {"anywidget", "@jupyter-widgets/jupyterlab-manager"} <= names, names
    assert not names & {"jupyterlab-plotly", "@jupyter-notebook/lab-extension"}, names
