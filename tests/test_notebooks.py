"""The notebooks in notebooks/ are the tour users run: they run with no error anywhere.

"Anywhere" includes the inside of `%%rerun` containers, where an error is an output of an
Output widget, not of the cell, and it holds after Run All and after each widget the tour
shows has been changed once, the way a reader tries them.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import errors_under
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
            name = kind_of(kernel.models[model])
            answered = kernel.handled(nudge(kernel, model))
            failed = [m["content"] for m in answered if m["msg_type"] == "error"]
            assert failed == [], f"the kernel failed on the change of a {name}"
            kernel.sync()
            assert errors_anywhere(kernel, shown) == [], f"after changing a {name}"


# -- reading the front end's copy of the widget models -------------------------------------------
def state_models(state: dict) -> dict[str, dict]:
    """nbformat's saved widget state, as KernelDriver.models: model id -> state."""
    return {model: {"_model_name": entry["model_name"], **entry["state"]}
            for model, entry in state.items()}


def errors_anywhere(kernel: KernelDriver, views: list[str]) -> list[str]:
    return [error for view in views for error in errors_under(kernel.models, view)]


_INPUTS = {
    "IntSliderModel", "FloatSliderModel", "IntRangeSliderModel", "FloatRangeSliderModel",
    "SelectionSliderModel", "SelectionRangeSliderModel", "DropdownModel", "RadioButtonsModel",
    "SelectMultipleModel", "ToggleButtonsModel", "CheckboxModel", "ToggleButtonModel",
    "TextModel", "TextareaModel", "PasswordModel", "IntTextModel", "FloatTextModel",
    "BoundedIntTextModel", "BoundedFloatTextModel", "DatePickerModel", "ColorPickerModel",
    "ButtonModel", "TagsInputModel", "TimeModel", "NaiveDatetimeModel", "ComboboxModel",
    "AccordionModel", "TabModel",
    # ours (widgets/inputs.py), by their anywidget class
    "StepSlider", "NumberBox", "ButtonGroup", "DateRange", "ChipSelect", "IconButton", "ChatInput",
}
# models that only show things; any other model under a tour's views fails the test until
# nudge() knows how a person changes it
_SHOWN_ONLY = {"VBoxModel", "HBoxModel", "BoxModel", "HTMLModel", "HTMLMathModel", "LabelModel",
               "OutputModel", "ImageModel", "HTMLBlock", "Media", "BokehChart", "FormKeys", "Effect",
               "ProgressStyleModel", "FloatProgressModel", "IntProgressModel"}


def kind_of(state: dict) -> str:
    """An ipywidgets model's name, or the class name of one of our anywidgets."""
    return state.get("_anywidget_id", "").rpartition(".")[2] or state.get("_model_name", "")


def _is_input(state: dict) -> bool:
    kind = kind_of(state)
    if kind == "Grid":  # a dataframe that selects, or a data editor
        return bool(state["options"].get("selection") or state["options"].get("editor"))
    if kind == "VegaChart":
        return bool(state["selection_mode"])
    if kind == "PlotlyChart":
        return bool(state["selection_modes"])
    if kind in _INPUTS:
        return True
    assert kind in _SHOWN_ONLY, f"nudge() does not know how a person changes a {kind}"
    return False


def inputs_under(kernel: KernelDriver, model: str) -> list[str]:
    state = kernel.models.get(model, {})
    found = [model] if state and _is_input(state) else []
    for child in state.get("children", []):
        found += inputs_under(kernel, child.removeprefix("IPY_MODEL_"))
    return found


def nudge(kernel: KernelDriver, model: str) -> str:
    """Change a widget to another valid value, as a person would; return the message id."""
    state = kernel.models[model]
    name = kind_of(state)
    if name == "ButtonModel":
        return kernel.click(model)
    if name == "IconButton":  # static/icon_button.js sends what ipywidgets' Button sends
        return kernel.custom(model, {"event": "click"})
    if name == "ChatInput":  # a message typed and sent (static/chat.js)
        return kernel.custom(model, {"event": "submit", "text": "hello there"})
    if name in ("CheckboxModel", "ToggleButtonModel"):
        return kernel.update(model, value=not state["value"])
    if name in ("TextModel", "TextareaModel", "PasswordModel"):
        return kernel.update(model, value=state["value"] + "x")
    if name == "ComboboxModel":  # a choice picked from its list, or typed
        others = [o for o in state["options"] if o != state["value"]]
        return kernel.update(model, value=others[0] if others else state["value"] + "x")
    if name == "ColorPickerModel":
        return kernel.update(model, value="#ff8800" if state["value"] != "#ff8800" else "#0088ff")
    if name == "DatePickerModel":
        date = dict(state["value"] or {"year": 2024, "month": 0, "date": 1})
        date["date"] = 2 if date["date"] != 2 else 3
        return kernel.update(model, value=date)
    if name in ("TimeModel", "NaiveDatetimeModel"):  # an hour later (a whole number of any
        # step up to an hour: a time between steps is rounded to the step in the kernel)
        value = dict(state["value"] or {"hours": 12, "minutes": 0, "seconds": 0, "milliseconds": 0,
                                        **({"year": 2024, "month": 0, "date": 1}
                                           if name == "NaiveDatetimeModel" else {})})
        value["hours"] = value["hours"] + 1 if value["hours"] < 23 else 22
        # JSON from a browser has no 0.0: a whole number arrives as an int
        return kernel.update(model, value={part: int(number) for part, number in value.items()})
    if name == "TagsInputModel":
        allowed = [tag for tag in state["allowed_tags"] if tag not in state["value"]]
        value = state["value"][1:] if len(state["value"]) > 1 or not allowed else [*state["value"], allowed[0]]
        return kernel.update(model, value=value)
    if name in ("AccordionModel", "TabModel"):  # an expander opened or closed, a tab chosen
        count, index = len(state["children"]), state["selected_index"]
        chosen = (0 if index is None else None) if name == "AccordionModel" else ((index or 0) + 1) % count
        return kernel.update(model, selected_index=chosen)
    if name == "StepSlider":
        return kernel.update(model, value=_next_thumbs(state))
    if name == "NumberBox":
        return kernel.update(model, value=_next_box_number(state))
    if name == "ButtonGroup":
        return kernel.update(model, value=_next_buttons(state))
    if name == "DateRange":
        return kernel.update(model, value=_next_date_range(state))
    if name == "ChipSelect":
        return kernel.update(model, value=_next_chips(state))
    if name == "Grid":
        return kernel.update(model, **_grid_input(state))
    if name == "VegaChart":
        return kernel.update(model, selection=_vega_selection(state))
    if name == "PlotlyChart":  # a box drawn over the first point of the first trace
        return kernel.update(model, selection={"revision": state["revision"], "state": {
            "points": [{"curve_number": 0, "point_number": 0, "point_index": 0, "x": 0, "y": 0}],
            "point_indices": [0], "box": [{"xref": "x", "yref": "y", "x": [0, 1], "y": [0, 1]}],
            "lasso": []}})
    if "index" in state:
        return kernel.update(model, index=_next_index(state))
    return kernel.update(model, value=_next_number(state))


def _next_thumbs(state: dict) -> list[float]:
    """One step for the single thumb, or the upper thumb of a range."""
    *rest, last = state["value"]
    step, low, high = state["step"], (rest or [state["min"]])[0], state["max"]
    return [*rest, last + step if last + step <= high else max(last - step, low)]


def _next_box_number(state: dict) -> float:
    value, step = state["value"], state["step"]
    if value is None:
        return state["min"] if state["min"] is not None else 0
    if state["max"] is not None and value + step > state["max"]:
        return value - step
    return value + step


def _next_buttons(state: dict) -> list[int]:
    count, chosen = len(state["options"]), state["value"]
    if state["multi"] and len(chosen) > 1:
        return chosen[1:]
    return [(chosen[-1] + 1) % count if chosen else 0] if not state["multi"] else sorted({*chosen, (chosen[0] + 1) % count} if chosen else {0})


def _next_date_range(state: dict) -> list[str]:
    import datetime

    start, *end = state["value"] or [state["min"] or "2024-01-01"]
    later = (datetime.date.fromisoformat(end[0] if end else start) + datetime.timedelta(days=1)).isoformat()
    return [start, later if not state["max"] or later <= state["max"] else start]


def _next_chips(state: dict) -> list[str]:
    chosen, limit = state["value"], state["max_selections"] or len(state["options"])
    others = [o for o in state["options"] if o not in chosen]
    return chosen[1:] if len(chosen) >= limit or not others else [*chosen, others[0]]


def _grid_input(state: dict) -> dict:
    """A click on the first row of a selecting dataframe; a row added to a dynamic editor,
    or the first row deleted from one that deletes."""
    editor = state["options"].get("editor")
    if not editor:
        return {"selection": {"selection": {"rows": [0], "columns": [], "cells": []}}}
    rows = editor["num_rows"]
    assert rows in ("dynamic", "add", "delete"), "nudge() cannot edit a cell of a fixed editor yet"
    added = [{}] if rows in ("dynamic", "add") else []
    return {"edits": {"edited_rows": {}, "added_rows": added,
                      "deleted_rows": [] if added else [0]}}


def _vega_selection(state: dict) -> dict:
    """What Vega reports for a box over [0, 1] of the chart's encoded fields, or a click on
    the point where they are all 0."""
    encoding = state["spec"].get("encoding") or next(
        (layer.get("encoding") for layer in state["spec"].get("layer", []) if layer.get("encoding")), {})
    fields = [channel["field"] for name, channel in encoding.items()
              if name in ("x", "y") and isinstance(channel, dict) and "field" in channel]
    params = {param["name"]: param.get("select") for param in _params(state["spec"])}
    chosen = {}
    for name in state["selection_mode"]:
        select = params.get(name)
        kind = select if isinstance(select, str) else (select or {}).get("type", "point")
        chosen[name] = ({field: [0.0, 1.0] for field in fields} if kind == "interval"
                        else [{field: 0.0 for field in fields}])
    return {"selection": chosen}


def _params(spec: dict) -> list[dict]:
    found = list(spec.get("params", []))
    for layer in spec.get("layer", []):
        found += _params(layer)
    return found


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
