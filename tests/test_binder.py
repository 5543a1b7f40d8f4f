"""binder/ builds: a fresh venv made exactly from binder/ has the Voila server extension and
the widgets lab extension enabled, and runs every notebook."""

from __future__ import annotations

import os
import re
import subprocess
import sys
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
