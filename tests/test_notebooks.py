"""The notebooks in notebooks/ execute cleanly (they are the documentation users run)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_without_errors(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    env = {**os.environ, "JUPYTER_RERUN_STORE": str(tmp_path / "store"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
    errors = [output for cell in notebook.cells for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert errors == []
    # every %%rerun cell shows its container, whose models were saved with the notebook
    rerun_cells = [cell for cell in notebook.cells if cell.source.startswith("%%rerun")]
    state = notebook.metadata["widgets"][WIDGET_STATE]["state"] if rerun_cells else {}
    for cell in rerun_cells:
        (view,) = [o["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
                   for o in cell.outputs if o.get("output_type") == "display_data"]
        assert state[view]["model_name"] == "VBoxModel"


def test_there_are_notebooks():
    assert NOTEBOOKS
