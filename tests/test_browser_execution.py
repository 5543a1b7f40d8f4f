"""Streamlit's execution API in a real browser, offline (Debian's Chromium; every request
not to 127.0.0.1 aborted): on a Voila page, `st.set_page_config` sets the tab's title, icon
and layout, `st.query_params` reads the page's address and writing it changes the address
(the login token kept), `components.html` runs its script in a sandboxed frame; in
JupyterLab, a fragment with `run_every` keeps ticking while other cells are run (and waits
for a slow one), and set_page_config leaves JupyterLab's page alone. Screenshots go to
artifacts/."""

from __future__ import annotations

import re

import pytest

playwright = pytest.importorskip("playwright.sync_api")
nbformat = pytest.importorskip("nbformat")
from browser_support import (  # noqa: E402
    ARTIFACTS, KERNEL_IDLE, TOKEN, isolated_env, offline_page, start_lab, start_voila,
)
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=30_000)

PAGE_APP = """%%rerun
import streamlit as st
import streamlit.components.v1 as components

st.set_page_config(page_title="Sales dashboard", page_icon="📈", layout="centered")
name = st.query_params.get("name", "nobody")
st.header(f"Hello, {name}")
st.text(f"address: {st.context.url}")
if st.button("Go to step 2"):
    st.query_params["step"] = "2"
st.text(f"step: {st.query_params.get('step', '1')}")
days = st.slider("Days", 1, 30, 7, key="days", bind="query-params")
st.text(f"days: {days}")
components.html("<p id='out'>waiting</p><script>document.getElementById('out').textContent ="
                " 'script ran, origin ' + window.origin</script>", height=60)
"""
TICKER = """%%rerun
import streamlit as st

st.session_state.setdefault("ticks", 0)

@st.fragment(run_every=0.4)
def clock():
    st.session_state.ticks += 1
    st.text(f"tick {st.session_state.ticks}")

clock()
"""
OTHER = "runs = globals().get('runs', 0) + 1\nprint(f'other cell run {runs}')"
SLOW = "import time\ntime.sleep(2)\nprint('slow cell done')"


def write_notebook(path, cells):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3 (ipykernel)"}
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("execution")
    root = base / "notebooks"
    root.mkdir()
    write_notebook(root / "page.ipynb", ["%load_ext jupyter_rerun", PAGE_APP])
    write_notebook(root / "ticker.ipynb", ["%load_ext jupyter_rerun", TICKER, OTHER, SLOW, PAGE_APP,
                                           "%rerun_stop --all"])
    return root, isolated_env(base / "jupyter")


def test_voila_page_config_query_params_and_a_sandboxed_frame(workspace, browser):
    root, env = workspace
    server, base = start_voila(root, "page.ipynb", env)
    try:
        with offline_page(browser) as page:
            page.goto(f"{base}/?token={TOKEN}&name=Ada&days=12")
            expect(page.locator(".jupyter-rerun-cell h2")).to_have_text("Hello, Ada")
            expect(page).to_have_title("Sales dashboard")
            assert page.evaluate("document.querySelector(\"link[rel~='icon']\").href").startswith(
                "data:image/svg+xml,")
            assert page.evaluate("document.body.dataset.jrLayout") == "centered"
            width = page.evaluate("getComputedStyle(document.querySelector('#rendered_cells > div')).maxWidth")
            assert width == "736px", width  # Streamlit's centered column: 46rem
            expect(page.locator(".jupyter-rerun-cell")).to_contain_text(f"address: {base}/")
            frame = page.frame_locator(".jupyter-rerun-cell iframe")
            # the page's script ran, in an origin of its own (sandboxed, not the page's)
            expect(frame.locator("#out")).to_have_text("script ran, origin null")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "voila-execution.png"), full_page=True)
            page.get_by_role("button", name="Go to step 2").click()
            expect(page.locator(".jupyter-rerun-cell")).to_contain_text("step: 2")
            expect(page).to_have_url(re.compile(r"[?&]step=2(&|$)"))
            assert f"token={TOKEN}" in page.url and "name=Ada" in page.url
            # a slider bound to the address started from it, and writes its value back
            expect(page.locator(".jupyter-rerun-cell")).to_contain_text("days: 12")
            handle = page.locator(".jupyter-rerun-cell .noUi-handle")
            handle.focus()
            handle.press("ArrowRight")
            expect(page.locator(".jupyter-rerun-cell")).to_contain_text("days: 13")
            expect(page).to_have_url(re.compile(r"[?&]days=13(&|$)"))
            for _ in range(6):  # back to its default, 7: the parameter leaves the address
                handle.press("ArrowLeft")
            expect(page.locator(".jupyter-rerun-cell")).to_contain_text("days: 7")
            expect(page).not_to_have_url(re.compile(r"[?&]days="))
            assert "step=2" in page.url
            page.screenshot(path=str(ARTIFACTS / "voila-execution-step2.png"), full_page=True)
    finally:
        server.stop()


def tick(page) -> int:
    text = page.locator(".jupyter-rerun-cell", has_text="tick ").inner_text()
    return int(re.search(r"tick (\d+)", text).group(1))


def wait_for_tick(page, at_least: int) -> None:
    """Wait until the fragment has shown tick `at_least` or a later one."""
    page.wait_for_function(
        """least => [...document.querySelectorAll('.jupyter-rerun-cell')].some(cell => {
            const found = /tick (\\d+)/.exec(cell.innerText);
            return found !== null && Number(found[1]) >= least;
        })""", arg=at_least)


def run_cell(page, index: int) -> None:
    page.locator(".jp-CodeCell").nth(index).locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")


def test_lab_a_fragment_ticks_while_other_cells_run_and_page_config_changes_nothing(workspace, browser):
    root, env = workspace
    server, base = start_lab(root, env)
    try:
        with offline_page(browser) as page:
            page.goto(f"{base}/lab/tree/ticker.ipynb?reset&token={TOKEN}")
            expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
            for index in (0, 1):  # the extension, then the ticking cell
                run_cell(page, index)
            wait_for_tick(page, 3)
            before = tick(page)
            for run in (1, 2, 3):  # other cells run as usual meanwhile
                run_cell(page, 2)
                expect(page.locator(".jp-CodeCell").nth(2)).to_contain_text(f"other cell run {run}")
                page.wait_for_timeout(400)  # about one interval: let a tick fall between them
            wait_for_tick(page, before + 3)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "lab-fragment-ticking.png"))
            run_cell(page, 3)  # a slow cell: the fragment waits for it, then goes on
            expect(page.locator(".jp-CodeCell").nth(3)).to_contain_text("slow cell done")
            after_slow = tick(page)
            wait_for_tick(page, after_slow + 2)
            page.screenshot(path=str(ARTIFACTS / "lab-fragment-after-slow-cell.png"))

            title = page.title()  # set_page_config in JupyterLab: the page is JupyterLab's
            run_cell(page, 4)
            app = page.locator(".jp-CodeCell").nth(4)
            expect(app).to_contain_text("Hello, nobody")
            expect(app.frame_locator("iframe").locator("#out")).to_have_text("script ran, origin null")
            assert page.title() == title and page.evaluate("document.body.dataset.jrLayout") is None
            page.wait_for_timeout(300)  # the frame's own process paints it a moment later
            app.locator(".jupyter-rerun-cell").screenshot(path=str(ARTIFACTS / "lab-execution-frame.png"))
            run_cell(page, 5)  # %rerun_stop --all: the ticks stop
            expect(page.locator(".jp-CodeCell").nth(5).locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]:"))
            stopped = tick(page)
            page.wait_for_timeout(1200)  # three intervals
            assert tick(page) == stopped
    finally:
        server.stop()
