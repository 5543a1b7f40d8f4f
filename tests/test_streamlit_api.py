"""Streamlit's whole public API is here: every name of `dir(streamlit)` (modules and
private names aside) is `jr.NAME`, its parameters are Streamlit's (name, order, kind,
default) but for the deliberate differences listed below, every method of Streamlit's
containers is a method of ours, and the README's compatibility table lists every name.

Then Streamlit 1.67's last elements in real kernels, both event modes (the `kernel`
fixture): iframe, pdf, skeleton, grid, bottom, pagination, menu_button, logo, the config
options, user, and the names that say they are not supported.
"""

from __future__ import annotations

import inspect
import json
import re
import types
from pathlib import Path

import pytest
from conftest import Cell, unique

import jupyter_rerun as jr
from jupyter_rerun.ui import elements

st = pytest.importorskip("streamlit")  # a test dependency (pyproject's test extra)

PUBLIC = sorted(name for name in dir(st) if not name.startswith("_")
                and not isinstance(getattr(st, name), types.ModuleType))

# name -> why its parameters differ from Streamlit's, on purpose (each checked to differ)
DIFFERENCES = {
    "cache_data": "one decorator object takes Streamlit's options as **settings, used bare or "
                  "called; show_time, scope and refresh_mode are not taken yet (README: partial)",
    "cache_resource": "as cache_data",
    "connection": "Streamlit's ttl default is a private sentinel of its own; here None "
                  "(connection raises not-supported anyway)",
    "help": "Streamlit's default obj is the streamlit module; here a sentinel that shows "
            "jupyter_rerun's help",
}
README = Path(__file__).resolve().parent.parent / "README.md"


def parameters(function) -> list[tuple[str, str, str]]:
    return [(p.name, p.kind.name, "" if p.default is inspect.Parameter.empty else repr(p.default))
            for p in inspect.signature(function).parameters.values()]


def test_the_public_api_is_the_one_of_the_installed_streamlit():
    assert st.__version__ == "1.67.0"  # a newer Streamlit: read its new names, then bump
    assert len(PUBLIC) > 100


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_streamlit_name_is_here_with_streamlits_parameters(name):
    assert hasattr(jr, name), f"jr.{name} is missing (Streamlit {st.__version__} has it)"
    theirs, ours = getattr(st, name), getattr(jr, name)
    assert callable(ours) == callable(theirs), f"jr.{name}: callable is {callable(ours)}"
    if not callable(theirs) or name in DIFFERENCES:
        return
    assert parameters(ours) == parameters(theirs), f"jr.{name}'s parameters differ from Streamlit's"


@pytest.mark.parametrize("name", sorted(DIFFERENCES))
def test_each_listed_difference_is_still_a_difference(name):
    assert parameters(getattr(jr, name)) != parameters(getattr(st, name)), (
        f"jr.{name} now matches Streamlit: take it off DIFFERENCES")


def test_every_method_of_streamlits_containers_is_a_method_of_ours():
    from streamlit.delta_generator import DeltaGenerator

    theirs = {name for name in dir(DeltaGenerator)
              if not name.startswith("_") and callable(getattr(DeltaGenerator, name))}
    assert sorted(theirs - set(elements())) == []
    for name in theirs & set(elements()) - set(DIFFERENCES):
        if hasattr(jr, name):  # the element function a block's method calls
            assert parameters(elements()[name]) == parameters(getattr(jr, name))


def test_a_containers_methods_complete_and_show_the_elements_signatures():
    """`jr.sidebar.<Tab>` offers every element, and `col.slider?` shows jr.slider's
    signature and docstring (a block's methods are made on demand)."""
    for name, function in elements().items():
        assert name in dir(jr.sidebar), name
        method = getattr(jr.sidebar, name)
        assert inspect.signature(method) == inspect.signature(function), name
        assert method.__doc__ == function.__doc__, name


def test_the_option_names_are_streamlits():
    from streamlit import config

    shipped = json.loads((Path(jr.__file__).parent / "static" / "streamlit_options.json").read_text())
    assert sorted(shipped) == sorted(config._config_options_template)  # tools/streamlit_options.py


def test_the_readme_table_lists_every_public_name():
    section = README.read_text().split("## Streamlit compatibility", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    listed = {name for row in rows for name in re.findall(r"`(?:st\.)?(\w+)", row.split("|")[1])}
    assert sorted(set(PUBLIC) - listed) == []
    words = ("supported", "partial", "not supported")
    assert all(row.split("|")[2].strip().startswith(words) for row in rows), "a row without a verdict"


# -- the last elements, in a kernel ---------------------------------------------------------------
def html_of(kernel, container: str) -> list[tuple[str, str]]:
    """(model id, HTML) of each HTML model under `container`."""
    return [(m, kernel.models[m]["value"]) for m in kernel.find(container, "HTMLModel")]


def test_iframe_pdf_skeleton_grid_and_bottom_are_drawn_and_updated_in_place(kernel, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>from a file</p>")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4 first")
    cell = Cell(kernel, f"""
        import pathlib
        n = jr.slider("n", 1, 5, 2)
        jr.iframe(pathlib.Path({str(page)!r}), height=100 * n)
        jr.iframe("http://127.0.0.1:9/x", alt="a page")
        jr.pdf(b"%PDF-1.4 " + bytes(str(n), "ascii"), height=300)
        with jr.skeleton(height=40):
            jr.write(f"loaded {{n}}")
        grid = jr.grid(3, gap=("small", "large"), border=True)
        for i in range(n):
            grid.metric(f"metric {{i}}", i)
        with grid.cell(column_span="all"):
            jr.write("a wide cell")
        jr.bottom.write(f"pinned {{n}}")
    """)
    text = cell.text()
    assert "loaded 2" in text and "a wide cell" in text and "jr-skeleton" not in text
    frames = [value for _, value in html_of(kernel, cell.container) if "<iframe" in value]
    assert len(frames) == 3
    assert "&lt;p&gt;from a file&lt;/p&gt;" in frames[0] and "height: 200px" in frames[0]
    assert 'src="http://127.0.0.1:9/x"' in frames[1] and 'title="a page"' in frames[1]
    assert "height: 400px" in frames[1]  # a URL's "content" height is Streamlit's 400 px
    assert "data:application/pdf;base64," in frames[2] and "sandbox" not in frames[2]
    (box,) = [m for m in kernel.find(cell.container, "VBoxModel") if "jr-layout-grid" in kernel.models[m]["_dom_classes"]]
    layout = kernel.models[kernel.models[box]["layout"].removeprefix("IPY_MODEL_")]
    assert layout["display"] == "grid" and layout["grid_gap"] == "1rem 4rem"
    assert len(kernel.children(box)) == 3  # two metrics and the wide cell
    (bottom,) = [m for m in kernel.find(cell.container, "VBoxModel") if "jr-bottom" in kernel.models[m]["_dom_classes"]]
    assert "pinned 2" in kernel.text(bottom)
    before = dict(html_of(kernel, cell.container))
    kernel.update(next(iter(kernel.find(cell.container, "IntSliderModel"))), value=3)
    cell.wait_for("pinned 3")
    kernel.sync()
    after = dict(html_of(kernel, cell.container))
    kept = [m for m, value in before.items() if "<iframe" in value]
    assert all(m in after for m in kept)  # the same frames, updated in place
    assert "height: 300px" in after[kept[0]] and after[kept[1]] == before[kept[1]]
    assert len(kernel.children(box)) == 4


def test_a_skeleton_placeholder_is_replaced_by_what_is_drawn_on_it(kernel):
    cell = Cell(kernel, """
        slot = jr.skeleton(height="stretch", width=200)
        slot.text("the content")
    """)
    text = cell.text()
    assert "the content" in text and "jr-skeleton" not in text


def test_pagination_returns_the_page_and_binds_its_key(kernel):
    key = unique("page")
    cell = Cell(kernel, f"""
        page = jr.pagination(20, default=2, max_visible_pages=None if jr.session_state.get("all") else 5, key={key!r})
        print("page", page, jr.session_state[{key!r}])
    """)
    assert "page 2 2" in cell.text()
    (model,) = [m for m in kernel.find(cell.container, "AnyModel") if kernel.models[m].get("num_pages") == 20]
    assert (kernel.models[model]["value"], kernel.models[model]["max_visible"]) == (2, 5)
    kernel.update(model, value=4)  # what a click on page 4 (or "next" from 3) sends
    cell.wait_for("page 4 4")
    kernel.execute(f"jr.session_state[{key!r}] = 1\njr.session_state['all'] = True")
    kernel.execute(cell.source, cell_id=cell.id)
    cell.wait_for("page 1 1")
    kernel.sync()
    assert (kernel.models[model]["value"], kernel.models[model]["max_visible"]) == (1, -1)  # same model


def test_a_menu_button_returns_the_clicked_option_once(kernel):
    log, key = unique("log"), unique("menu")
    kernel.execute(f"{log} = []")
    cell = Cell(kernel, f"""
        choice = jr.menu_button("Export", ["csv", "json"], key={key!r}, format_func=str.upper,
                                on_click=lambda word: {log}.append((word, jr.session_state[{key!r}])), args=("clicked",))
        other = jr.button("other")
        print("choice", choice, jr.session_state[{key!r}])
    """)
    assert "choice None None" in cell.text()
    buttons = {kernel.models[m]["description"]: m for m in kernel.find(cell.container, "ButtonModel")}
    assert {"CSV", "JSON", "other"} <= set(buttons)
    kernel.click(buttons["JSON"])
    cell.wait_for("choice json json")
    kernel.click(buttons["other"])
    cell.wait_for("choice None None")
    kernel.sync()
    assert kernel.value(log) == [("clicked", "json")]  # the callback saw session_state set


def test_config_options_by_streamlits_names(kernel):
    run = kernel.execute("""
        print(jr.get_option("server.maxUploadSize"), jr.get_option("theme.base"))
        jr.set_option("server.maxUploadSize", 5)
        jr.set_option("client.toolbarMode", "minimal")
        print(jr.get_option("server.maxUploadSize"), jr.get_option("client.toolbarMode"))
    """.replace("\n        ", "\n"))
    assert run.stdout.split() == ["200", "None", "5", "minimal"]
    setting = "__import__('jupyter_rerun.runtime').runtime.current().config.max_upload_size"
    assert kernel.value(setting) == 5  # what file_uploader reads
    bad = kernel.execute("jr.set_option('server.maxUploadSize', 0)", allow_errors=True)
    assert "server.maxUploadSize: " in bad.error and "at least 1" in bad.error
    kernel.execute("jr.set_option('server.maxUploadSize', 200)")
    unknown = kernel.execute("jr.get_option('server.nope')", allow_errors=True)
    assert unknown.error.splitlines()[0].endswith('Config key "server.nope" not defined.')
    unset = kernel.execute("jr.set_option('theme.nope', 1)", allow_errors=True)
    assert "Unrecognized config option: theme.nope" in unset.error


def test_user_is_not_logged_in_and_cannot_be_changed(kernel):
    assert kernel.value("(jr.user.is_logged_in, jr.user['is_logged_in'], jr.user.to_dict())") == (
        False, False, {"is_logged_in": False})
    missing = kernel.execute("jr.user.email", allow_errors=True)
    assert 'st.user has no attribute "email".' in missing.error
    assert "st.user cannot be modified" in kernel.execute("jr.user['x'] = 1", allow_errors=True).error
    assert kernel.execute("jr.logout()").error is None


@pytest.mark.parametrize("body, message", [
    ("jr.iframe(3)", "jr.iframe: src is a URL, an HTML string or a pathlib.Path"),
    ("jr.iframe('<b>x</b>', height=0)", "height is 'stretch', 'content' or a whole number"),
    ("jr.iframe('<b>x</b>', tab_index=-2)", "tab_index is None, -1"),
    ("jr.pdf(3.5)", "jr.pdf: cannot show a float"),
    ("jr.pdf('no/such.pdf')", "jr.pdf: no file at 'no/such.pdf'"),
    ("jr.pdf(b'%PDF', height='content')", "jr.pdf: height is a whole number of pixels or 'stretch'"),
    ("jr.skeleton(height='content')", "'content' is not a size of a skeleton"),
    ("jr.grid(30)", "jr.grid: columns is 'auto' or a whole number from 1 to 24"),
    ("jr.grid(wrap=False)", "wrap=False needs a number of columns"),
    ("jr.grid(2).cell(column_span=0)", "grid.cell: column_span is 'all' or a whole number"),
    ("jr.pagination(0)", "num_pages must be a whole number of at least 1"),
    ("jr.pagination(3, default=4)", "default must be a page from 1 to 3"),
    ("jr.menu_button('m', [])", "options must hold at least one option"),
    ("jr.menu_button('m', ['a'], type='loud')", "type must be 'primary', 'secondary' or 'tertiary'"),
    ("jr.logo(':material/home:', size='huge')", "jr.logo: size is one of 'small', 'medium', 'large'"),
    ("jr.logo(':material/home:', link='ftp://x')", "a logo's link must start with http:// or https://"),
    ("jr.mermaid_chart('graph TD; A-->B')", "not available offline"),
    ("jr.echarts_chart({})", "not available offline"),
    ("jr.login()", "jr.login is not supported"),
    ("jr.connection('sql')", "decorated with @jr.cache_resource"),
    ("jr.App('app.py')", "jr.App is not supported"),
])
def test_bad_input_and_what_is_not_supported_are_one_line_errors(kernel, body, message):
    cell = Cell(kernel, f"jr.write('before')\n{body}")
    text = cell.text()
    assert message in text, text
    assert "before" in text and cell.execution.error is None
    assert "Traceback" not in text and "File " not in text


def test_a_skeleton_replaced_late_in_a_slow_first_run_draws_without_error():
    """Seen in Voila: in a kernel's first, slow run, `slot.write(...)` on a skeleton closed
    the skeleton's model while the live layout still listed it as stale (ipywidgets then
    failed to send the box's children)."""
    from conftest import SETUP

    from jupyter_rerun.testing import KernelDriver

    with KernelDriver(env={**__import__("os").environ, "VOILA_BASE_URL": "/"}) as kernel:
        kernel.execute(SETUP)
        cell = Cell(kernel, """
            import time
            import streamlit as st
            st.logo(":material/home:", size="large")
            st.bottom.write("pinned below")
            grid = st.grid(3, border=True)
            for i in range(4):
                grid.metric(f"card {i}", i)
            slot = st.skeleton(height=60)
            st.write(f"page {st.pagination(12, max_visible_pages=5)}")
            st.write(f"picked {st.menu_button('Export', ['csv', 'json'])}")
            st.pdf(b"%PDF-1.4", height=320)
            time.sleep(0.4)
            slot.write("skeleton replaced")
            st.write("last in the cell")
        """)
        text = cell.text()
        assert "skeleton replaced" in text and "last in the cell" in text
        assert "Error" not in text, text[-400:]
