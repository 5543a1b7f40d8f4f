"""What the demo dashboard costs the page: the widget models it opens and the bytes of their
comm_open messages, counted in a real kernel (the part of a Voila viewer's wait that is ours).

A model is a comm, a message and a view in the browser: two layouts or styles with equal
traits are one model shared, and the Vega library (0.9 MB of JavaScript) travels once per
kernel, gzipped, as a binary buffer."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from jupyter_rerun.testing import KernelDriver

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
GZIP_MAGIC = b"\x1f\x8b"

CHART_CELL = """%%rerun
import pandas as pd
jr.line_chart(pd.DataFrame({"a": [1, 2, 3], "b": [3, 1, 2]}))
"""


def code_cells(name: str) -> list[str]:
    notebook = json.loads((NOTEBOOKS / name).read_text())
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """A kernel that has run 03-dashboard.ipynb, as Voila runs it, with a store of its own."""
    store = tmp_path_factory.mktemp("store")
    voila = {"VOILA_BASE_URL": "/", "VOILA_PREHEAT": "True"}  # what Voila sets in its kernels
    with KernelDriver(cwd=str(NOTEBOOKS), env={"JUPYTER_RERUN_STORE": str(store), **voila},
                      timeout=120) as kernel:
        for cell in code_cells("03-dashboard.ipynb"):
            kernel.execute(cell)
        yield kernel


def opens(kernel: KernelDriver, since: int = 0) -> list[dict]:
    return [m for m in kernel.log[since:] if m["msg_type"] == "comm_open"
            and m["content"].get("target_name") == "jupyter.widget"]


def state(message: dict) -> dict:
    return message["content"]["data"]["state"]


def traits(message: dict) -> str:
    """A model's own traits (no _model_*/_view_* names), as comparable text."""
    return json.dumps({k: v for k, v in state(message).items() if not k.startswith("_")}, sort_keys=True)


def vega_libraries(messages: list[dict]) -> list[bytes]:
    """The gzipped Vega bundles the messages carry, unpacked."""
    found = []
    for message in messages:
        for buffer in message.get("buffers", []):
            data = bytes(buffer)
            if data.startswith(GZIP_MAGIC):
                text = gzip.decompress(data)
                if b"vegaEmbed" in text:
                    found.append(text)
    return found


def test_models_the_dashboard_opens(dashboard):
    names = Counter(state(m)["_model_name"] for m in opens(dashboard))
    # a column, a slider, a radio, a tag input, tabs, the chart, the tables ...: what the page
    # shows, plus the shared stylesheet, the Vega library and the grid library
    assert names["LayoutModel"] <= 10, names
    assert sum(count for name, count in names.items() if name.endswith("StyleModel")) <= 3, names
    assert sum(names.values()) <= 34, names  # 53 before layouts and styles were shared


@pytest.mark.parametrize("kind", ["LayoutModel", "HTMLStyleModel", "SliderStyleModel", "DescriptionStyleModel"])
def test_equal_layouts_and_styles_are_one_model(dashboard, kind):
    """No two models of one kind with the same traits: the page makes one and shares it."""
    seen = Counter(traits(m) for m in opens(dashboard) if state(m)["_model_name"] == kind)
    assert [text for text, count in seen.items() if count > 1] == []


def test_no_style_model_where_the_default_is_used(dashboard):
    """A style that only repeats the default is the one shared default model, or none."""
    empty = [m for m in opens(dashboard) if state(m)["_model_name"].endswith("StyleModel")
             and json.loads(traits(m)) == {"description_width": ""}]
    assert len(empty) <= 1


def test_the_vega_library_is_sent_once_and_gzipped(dashboard):
    messages = opens(dashboard)
    assert len(vega_libraries(messages)) == 1
    biggest = max(len(json.dumps(m["content"])) for m in messages)
    assert biggest < 100_000, biggest  # no model carries the library as JSON text
    total = sum(len(json.dumps(m["content"])) for m in messages)
    assert total < 200_000, total  # it was 1.09 MB, 0.99 MB of it the library's text
    library = next(len(b) for m in messages for b in m.get("buffers", [])
                   if bytes(b).startswith(GZIP_MAGIC) and b"vegaEmbed" in gzip.decompress(bytes(b)))
    assert library < 400_000, library


def test_another_chart_in_the_kernel_sends_no_library(dashboard):
    since = len(dashboard.log)
    dashboard.execute("import jupyter_rerun as jr\n")
    dashboard.execute(CHART_CELL)
    messages = opens(dashboard, since)
    assert vega_libraries(messages) == []
    assert any(state(m).get("spec") for m in messages)  # the chart itself is there
    assert sum(len(json.dumps(m["content"])) for m in messages) < 60_000


def test_grey_lines_a_page_never_shows_are_never_made(dashboard):
    """The "reruns on" note is for the notebook's authors, so a Voila page has none: its
    model is not made at all (it was, empty, for every %%rerun cell), nor is the status
    line's until a run shows something in it."""
    states: dict[str, dict] = {}  # each model's state as the page has it: opened, then updated
    for message in dashboard.log:
        content = message["content"]
        if message["msg_type"] == "comm_open" or (
                message["msg_type"] == "comm_msg" and content["data"].get("method") == "update"):
            states.setdefault(content["comm_id"], {}).update(content["data"]["state"])
    lines = [found for found in states.values() if "jupyter-rerun-note" in found.get("_dom_classes", ())]
    # at most the status line, made if the first run's cache miss lasted long enough for a
    # spinner (0.5 s; empty now)
    assert len(lines) <= 1, lines
    assert not any("reruns on" in found["value"] for found in lines)
