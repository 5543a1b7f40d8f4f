"""The notebooks in notebooks/ are the tour users run: they run with no error anywhere.

"Anywhere" includes the inside of `%%rerun` containers, where an error is an output of an
Output widget, not of the cell, and it holds after Run All and after each widget the tour
shows has been changed once, the way a reader tries them.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from jupyter_rerun.testing import KernelDriver

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def tour_env(tmp_path: Path) -> dict[str, str]:
    return {"JUPYTER_RERUN_STORE": str(tmp_path / "store"),
            "XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_without_errors(path, tmp_path):
    """What nbconvert and Voila do: run every cell with nbclient, keep the widget state."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute(env=tour_env(tmp_path))
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
        assert errors_under(state_models(state), view) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_error_after_each_widget_is_changed_once(path, tmp_path):
    """Run All, then change every widget the tour shows, one at a time, as a reader does;
    after each change no cell and no %%rerun container shows an error."""
    notebook = nbformat.read(path, as_version=4)
    with KernelDriver(cwd=str(path.parent), env=tour_env(tmp_path), timeout=120) as kernel:
        shown: list[str] = []
        for cell in notebook.cells:
            if cell.cell_type == "code":
                execution = kernel.execute(cell.source, cell_id=cell.get("id"), allow_errors=True)
                assert execution.error is None, f"cell {cell.get('id')}: {execution.error}"
                shown += execution.views
        kernel.sync()
        assert errors_anywhere(kernel, shown) == [], "after Run All"
        inputs = [model for view in shown for model in inputs_under(kernel, view)]
        for model in dict.fromkeys(inputs):
            if model not in kernel.models:
                continue  # closed by an earlier change (the cell stopped drawing it)
            name = kernel.models[model]["_model_name"]
            kernel.handled(nudge(kernel, model))
            kernel.sync()
            assert errors_anywhere(kernel, shown) == [], f"after changing a {name}"


# -- reading the front end's copy of the widget models -------------------------------------------
def state_models(state: dict) -> dict[str, dict]:
    """nbformat's saved widget state, as KernelDriver.models: model id -> state."""
    return {model: {"_model_name": entry["model_name"], **entry["state"]}
            for model, entry in state.items()}


def errors_under(models: dict[str, dict], model: str) -> list[str]:
    """Error outputs shown anywhere in the widget tree under `model`."""
    state = models.get(model, {})
    found = [f"{output.get('ename')}: {output.get('evalue')}" for output in state.get("outputs", [])
             if output.get("output_type") == "error"]
    for child in state.get("children", []):
        found += errors_under(models, child.removeprefix("IPY_MODEL_"))
    return found


def errors_anywhere(kernel: KernelDriver, views: list[str]) -> list[str]:
    return [error for view in views for error in errors_under(kernel.models, view)]


_INPUTS = {
    "IntSliderModel", "FloatSliderModel", "IntRangeSliderModel", "FloatRangeSliderModel",
    "SelectionSliderModel", "SelectionRangeSliderModel", "DropdownModel", "RadioButtonsModel",
    "SelectMultipleModel", "ToggleButtonsModel", "CheckboxModel", "ToggleButtonModel",
    "TextModel", "TextareaModel", "PasswordModel", "IntTextModel", "FloatTextModel",
    "BoundedIntTextModel", "BoundedFloatTextModel", "DatePickerModel", "ColorPickerModel",
    "ButtonModel", "TagsInputModel",
}


def inputs_under(kernel: KernelDriver, model: str) -> list[str]:
    state = kernel.models.get(model, {})
    found = [model] if state.get("_model_name") in _INPUTS or _is_chat_input(state) else []
    for child in state.get("children", []):
        found += inputs_under(kernel, child.removeprefix("IPY_MODEL_"))
    return found


def nudge(kernel: KernelDriver, model: str) -> str:
    """Change a widget to another valid value, as a person would; return the message id."""
    state = kernel.models[model]
    name = state["_model_name"]
    if name == "ButtonModel":
        return kernel.click(model)
    if _is_chat_input(state):  # a message typed and sent (static/chat.js)
        return kernel.custom(model, {"event": "submit", "text": "hello there"})
    if name in ("CheckboxModel", "ToggleButtonModel"):
        return kernel.update(model, value=not state["value"])
    if name in ("TextModel", "TextareaModel", "PasswordModel"):
        return kernel.update(model, value=state["value"] + "x")
    if name == "ColorPickerModel":
        return kernel.update(model, value="#ff8800" if state["value"] != "#ff8800" else "#0088ff")
    if name == "DatePickerModel":
        date = dict(state["value"] or {"year": 2024, "month": 0, "date": 1})
        date["date"] = 2 if date["date"] != 2 else 3
        return kernel.update(model, value=date)
    if name == "TagsInputModel":
        allowed = [tag for tag in state["allowed_tags"] if tag not in state["value"]]
        value = state["value"][1:] if len(state["value"]) > 1 or not allowed else [*state["value"], allowed[0]]
        return kernel.update(model, value=value)
    if "index" in state:
        return kernel.update(model, index=_next_index(state))
    return kernel.update(model, value=_next_number(state))


def _is_chat_input(state: dict) -> bool:
    return state.get("_anywidget_id", "").endswith(".ChatInput")


def _next_index(state: dict):
    count = len(state["_options_labels"])
    index = state["index"]
    if isinstance(index, list) and len(index) == 2 and state["_model_name"] == "SelectionRangeSliderModel":
        low, high = index
        return [low, high - 1] if high - 1 > low else [low, min(high + 1, count - 1)]
    if isinstance(index, list):  # a multiple choice: drop one, or add one
        return index[1:] if len(index) > 1 else sorted({*index, (index[0] + 1) % count} if index else {0})
    return ((index if index is not None else -1) + 1) % count


def _next_number(state: dict):
    value, step = state["value"], state.get("step") or 1
    low, high = state.get("min", float("-inf")), state.get("max", float("inf"))
    if isinstance(value, list):  # a range: move its upper end
        upper = value[1] - step if value[1] - step >= value[0] else value[1] + step
        return [value[0], min(upper, high)]
    return value + step if value + step <= high else value - step


def test_there_are_notebooks():
    assert NOTEBOOKS
