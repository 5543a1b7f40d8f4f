"""Streamlit's layout in a real browser, offline (Debian's Chromium; every request not to
127.0.0.1 aborted), as a person uses it:

- on a Voila page, the sidebar sits beside the page (fixed to the window's left, the
  content shifted right), two cells share it in their order (also after a cell draws
  something before its part), its slider drives the main content, and it folds away and
  back; a popover opens on a click and keeps a text field
  whose value reaches the cell, a click elsewhere closes it; tabs switch; an expander
  opens; a dialog opens from a button, reruns alone as its field is typed in, and closes
  when its Submit reruns the cell;
- in JupyterLab, the sidebar is a side column of its cell, left of the cell's content,
  its slider drives the cell, it folds and comes back; the popover and the dialog work
  there too (the dialog over the notebook's panel).

Screenshots go to artifacts/ (layout-*.png)."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import (  # noqa: E402
    ARTIFACTS, KERNEL_IDLE, TOKEN, box, isolated_env, offline_page, start_lab, start_voila,
    write_notebook,
)
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=30_000)

APP = '''%%rerun
import streamlit as st
n = st.sidebar.slider("Rows", 1, 10, 3)
st.sidebar.write("Filters live here")
st.header("Layout")
st.write(f"showing {n} rows")
with st.popover("Settings", icon=":material/settings:"):
    name = st.text_input("Your name")
st.write(f"hello {name or 'nobody'}")
tab1, tab2 = st.tabs([":bar_chart: Chart", "**Data**"])
tab1.write("chart tab")
tab2.write("data tab")
with st.expander("Details", icon=":material/info:"):
    st.write("hidden details")
left, right = st.columns(2, border=True, vertical_alignment="center")
left.metric("Rows", n)
right.write("a column")
with st.container(horizontal=True):
    st.button("Left")
    st.space("stretch")
    st.button("Right")

@st.dialog("Cast your vote")
def vote(item):
    st.session_state.dialog_runs = st.session_state.get("dialog_runs", 0) + 1
    st.write(f"Why is {item} your favourite?")
    reason = st.text_input("Because...")
    st.write(f"dialog run {st.session_state.dialog_runs}: {reason}")
    if st.button("Submit"):
        st.session_state.vote = {"item": item, "reason": reason}
        st.rerun()

if "vote" not in st.session_state:
    if st.button("Vote A"):
        vote("A")
else:
    st.write(f"You voted for {st.session_state.vote['item']} because {st.session_state.vote['reason']}")
'''
SECOND = '''%%rerun
import jupyter_rerun as jr
if jr.checkbox("More first"):
    jr.write("drawn before the sidebar")
jr.sidebar.write("second cell's part")
jr.write("second cell")
'''


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("layout-browser")
    root = base / "notebooks"
    root.mkdir()
    write_notebook(root / "layout.ipynb", ["%load_ext jupyter_rerun", APP, SECOND])
    ARTIFACTS.mkdir(exist_ok=True)
    return root, isolated_env(base / "jupyter")


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"layout-{name}.png"))


def use_popover(page, app):
    """Open the popover by a click, type in it (the cell reruns, the panel stays open),
    close it by a click elsewhere."""
    page.get_by_role("button", name="Settings").click()
    panel = page.locator(".jr-popover-panel")
    expect(panel).to_be_visible()
    panel.get_by_role("textbox").fill("Ada")
    panel.get_by_role("textbox").press("Enter")
    expect(app).to_contain_text("hello Ada")
    expect(panel).to_be_visible()
    assert box(panel)["y"] >= box(page.get_by_role("button", name="Settings"))["y"]
    return panel


def use_dialog(page, app, where: str) -> None:
    """Open the dialog by its button; typing reruns the dialog alone; Submit closes it."""
    page.get_by_role("button", name="Vote A").click()
    dialog = page.locator(".jr-dialog.jr-open")
    expect(dialog).to_contain_text("Why is A your favourite?")
    expect(dialog).to_contain_text("dialog run 1:")
    dialog.get_by_role("textbox").fill("it is first")
    dialog.get_by_role("textbox").press("Enter")
    expect(dialog).to_contain_text("dialog run 2: it is first")
    shot(page, f"{where}-dialog")
    dialog.get_by_role("button", name="Submit").click()
    expect(app).to_contain_text("You voted for A because it is first")
    expect(page.locator(".jr-dialog")).to_have_count(0)


def test_voila_sidebar_beside_the_page_popover_tabs_expander_and_dialog(workspace, browser):
    root, env = workspace
    server, base = start_voila(root, "layout.ipynb", env)
    try:
        with offline_page(browser, width=1200, height=1000) as page:
            page.goto(f"{base}/?token={TOKEN}")
            aside = page.locator("aside.jr-page-sidebar")
            expect(aside).to_contain_text("second cell's part")
            app = page.locator(".jupyter-rerun-cell", has_text="showing").first
            expect(app).to_contain_text("showing 3 rows")
            side, header = box(aside), box(page.get_by_role("heading", name="Layout"))
            assert side["x"] == 0 and side["height"] == 1000 and 300 < side["width"] < 400
            assert header["x"] >= side["width"]  # the content moved right of the sidebar
            text = aside.inner_text()
            assert text.index("Filters live here") < text.index("second cell's part")  # cell order
            page.wait_for_timeout(300)  # the material icons' masks paint a frame later
            shot(page, "voila")

            aside.get_by_role("slider").focus()  # the sidebar's slider drives the content
            page.keyboard.press("ArrowRight")
            expect(app).to_contain_text("showing 4 rows")

            aside.get_by_role("button", name="Close sidebar").click()  # fold it away
            expect(aside).to_be_hidden()
            page.wait_for_function("document.querySelector('.jupyter-rerun-cell h2')"
                                   ".getBoundingClientRect().x < 100")  # the content moved back
            shot(page, "voila-folded")
            page.get_by_role("button", name="Open sidebar").click()
            expect(aside).to_be_visible()
            # an element drawn before a cell's sidebar: its views are drawn again, and its
            # sidebar part moves to the page's sidebar again, once
            page.get_by_text("More first").click()
            expect(page.get_by_text("drawn before the sidebar")).to_be_visible()
            expect(aside.get_by_text("second cell's part")).to_have_count(1)
            text = aside.inner_text()
            assert text.index("Filters live here") < text.index("second cell's part")

            panel = use_popover(page, app)
            shot(page, "voila-popover")
            page.get_by_text("showing 4 rows").click()
            expect(panel).to_be_hidden()

            page.get_by_role("tab", name="Data").click()
            expect(page.get_by_text("data tab")).to_be_visible()
            expect(page.get_by_text("chart tab")).to_be_hidden()
            expect(page.get_by_text("hidden details")).to_be_hidden()
            page.get_by_text("Details", exact=True).click()
            expect(page.get_by_text("hidden details")).to_be_visible()
            shot(page, "voila-tab-and-expander")
            use_dialog(page, app, "voila")
            shot(page, "voila-after-dialog")
    finally:
        server.stop()


def run_cell(page, index: int) -> None:
    page.locator(".jp-CodeCell").nth(index).locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")


def test_lab_sidebar_is_a_side_column_of_its_cell_with_popover_and_dialog(workspace, browser):
    root, env = workspace
    server, base = start_lab(root, env)
    try:
        with offline_page(browser, width=1300, height=1100) as page:
            page.goto(f"{base}/lab/tree/layout.ipynb?reset&token={TOKEN}")
            expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
            for index in (0, 1, 2):
                run_cell(page, index)
            cell = page.locator(".jp-CodeCell").nth(1)
            app = cell.locator(".jupyter-rerun-cell").first
            expect(app).to_contain_text("showing 3 rows")
            column = app.locator(":scope > .jr-sidebar")
            expect(column).to_contain_text("Filters live here")
            side, header = box(column), box(app.get_by_role("heading", name="Layout"))
            assert side["x"] < header["x"] and side["x"] + side["width"] <= header["x"]
            assert abs(side["y"] - box(app)["y"]) < 20  # beside the content, from its top
            second = page.locator(".jp-CodeCell").nth(2).locator(".jr-sidebar")
            expect(second).to_contain_text("second cell's part")  # each cell has its own
            column.get_by_role("slider").focus()
            page.keyboard.press("ArrowRight")
            expect(app).to_contain_text("showing 4 rows")
            page.wait_for_timeout(300)
            app.screenshot(path=str(ARTIFACTS / "layout-lab.png"))
            column.get_by_role("button", name="Close sidebar").click()  # the column folds
            expect(column.get_by_text("Filters live here")).to_be_hidden()
            assert box(column)["width"] < 60
            assert box(app.get_by_role("heading", name="Layout"))["x"] < header["x"]
            app.screenshot(path=str(ARTIFACTS / "layout-lab-folded.png"))
            column.get_by_role("button", name="Open sidebar").click()
            expect(column.get_by_text("Filters live here")).to_be_visible()
            use_popover(page, app)
            shot(page, "lab-popover")
            page.keyboard.press("Escape")
            use_dialog(page, app, "lab")
    finally:
        server.stop()
