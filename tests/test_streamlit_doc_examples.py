"""Streamlit's own documentation examples for the output elements, run unchanged in a
`%%rerun` cell: the code blocks of the installed Streamlit's docstrings (`st.dataframe`,
`st.line_chart`, `st.column_config.*`, ...), with `import streamlit as st` left as it is
(inside a `%%rerun` cell it gives jupyter_rerun). The files they open are made beside the
notebook; the few that cannot run anywhere offline are listed with the reason, and that
reason must be the one seen."""

from __future__ import annotations

import inspect
import re
import textwrap

import pytest
from conftest import errors_under

from jupyter_rerun.testing import KernelDriver

streamlit = pytest.importorskip("streamlit")

ELEMENTS = """caption code latex divider echo help html badge json markdown title header subheader
text write write_stream dataframe data_editor table metric line_chart area_chart bar_chart
scatter_chart map altair_chart vega_lite_chart plotly_chart pyplot graphviz_chart
pydeck_chart image audio video success info warning error exception progress spinner status
toast balloons snow""".split()
# (element, its n-th example) -> what stops it everywhere offline, as its error says
CANNOT_RUN = {
    ("help", 1): "NameError",  # calls my_poorly_documented_function, which the docs never define
    ("write", 2): "NameError",  # writes data_frame, which the example never defines
    ("area_chart", 3): "URLError",  # reads vega_datasets from the internet
    ("plotly_chart", 0): "create_distplot",  # plotly 6 removed figure_factory.create_distplot
}


def code_blocks(obj) -> list[str]:
    """The Python examples of a docstring: `.. code-block:: python` sections and `>>>`
    sessions, in order."""
    # the docstrings are raw strings: a triple quote inside one is written \"\"\"
    lines = (inspect.getdoc(obj) or "").replace('\\"', '"').splitlines()
    blocks, index = [], 0
    while index < len(lines):
        line = lines[index].strip()
        if line.startswith(".. code-block:: python"):
            index += 1
            while index < len(lines) and lines[index].strip().startswith(":"):
                index += 1  # the block's options (:filename: ...)
            body = []
            while index < len(lines) and (not lines[index].strip() or lines[index].startswith("    ")):
                body.append(lines[index])
                index += 1
            blocks.append(textwrap.dedent("\n".join(body)).strip())
        elif line.startswith(">>>"):  # until a blank line; a line without a prompt is
            body = []                   # the rest of a string the previous one opened
            while index < len(lines) and lines[index].strip():
                text = lines[index]
                body.append(text.strip()[4:] if text.strip().startswith((">>>", "...")) else text)
                index += 1
            blocks.append("\n".join(body))
        else:
            index += 1
    return [block for block in blocks if "import streamlit as st" in block or "st." in block]


def examples() -> list[tuple[str, int, str]]:
    found = []
    for name in ELEMENTS:
        found += [(name, n, code) for n, code in enumerate(code_blocks(getattr(streamlit, name)))]
    for name in sorted(n for n in dir(streamlit.column_config) if n[0].isupper()):
        found += [(f"column_config.{name}", n, code)
                  for n, code in enumerate(code_blocks(getattr(streamlit.column_config, name)))]
    return found


def sample_files(folder) -> None:
    """What the examples open: an image, sounds, a video and its subtitles."""
    from PIL import Image

    Image.new("RGB", (64, 48), (250, 160, 60)).save(folder / "sunrise.jpg")
    for name in ("cat-purr.mp3", "myaudio.ogg", "myvideo.mp4"):
        (folder / name).write_bytes(bytes(1000))  # shown as the page's player, never decoded
    (folder / "subtitles.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nLook!\n")


def models_under(kernel: KernelDriver, model: str) -> int:
    state = kernel.models.get(model, {})
    return 1 + sum(models_under(kernel, child.removeprefix("IPY_MODEL_"))
                   for child in state.get("children", []))


def test_streamlits_docstring_examples_of_the_output_elements_run_unchanged(tmp_path):
    todo = examples()
    assert len(todo) > 100, len(todo)  # the docstrings were read
    sample_files(tmp_path)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "JUPYTER_RERUN_STORE": "memory://"}
    failed, seen = {}, set()
    with KernelDriver(cwd=str(tmp_path), env=env, timeout=120) as kernel:
        kernel.execute("%load_ext jupyter_rerun")
        (empty,) = kernel.execute("%%rerun\npass").views
        kernel.sync()
        bare = models_under(kernel, empty)  # a container with nothing drawn in it
        drew_nothing = []
        for number, (name, index, code) in enumerate(todo):
            run = kernel.execute("%%rerun\n" + code + "\n", cell_id=f"example-{number}",
                                 allow_errors=True)
            kernel.sync()
            errors = ([run.error] if run.error else []) + [
                error for view in run.views for error in errors_under(kernel.models, view)]
            seen.add(name)
            if errors:
                failed[(name, index)] = errors[0]
            elif not run.views or models_under(kernel, run.views[0]) <= bare:
                drew_nothing.append((name, index))  # it ran, but not as jupyter_rerun's
    assert set(ELEMENTS) <= seen  # every element had an example
    assert drew_nothing == []
    unexpected = {example: error for example, error in failed.items()
                  if example not in CANNOT_RUN or not re.search(CANNOT_RUN[example], error)}
    assert unexpected == {}
    assert set(CANNOT_RUN) <= set(failed), "an example listed as failing now runs: unlist it"
