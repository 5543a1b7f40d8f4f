"""The data family in a real browser, offline: JupyterLab and Voila in Debian's Chromium,
every request that is not to 127.0.0.1 aborted. A 1,000,000-row dataframe paints its
first rows and scrolls; a header click sorts it in the kernel; clicking a row's checkbox
reruns the cell with the selection; a value typed into a data_editor cell reaches the
kernel; every column type, a table and metrics are drawn. Screenshots go to artifacts/."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api")
nbformat = pytest.importorskip("nbformat")
from browser_support import (  # noqa: E402
    ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, KERNEL_IDLE, TOKEN, isolated_env, loopback_only,
    start_lab, start_voila,
)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=60_000)

NOTEBOOK = "data.ipynb"
SETUP = """\
%load_ext jupyter_rerun
import datetime as dt
import jupyter_rerun as jr
import numpy as np
import pandas as pd
rng = np.random.default_rng(0)
n = 1_000_000
big = pd.DataFrame({"id": np.arange(n), "a": rng.normal(size=n), "b": rng.uniform(0, 1000, n),
                    "c": rng.integers(-10**6, 10**6, n), "flag": rng.random(n) < 0.3,
                    "when": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 10**8, n), unit="s"),
                    "city": pd.Series([f"city-{i % 5000:04d}" for i in range(n)], dtype="str"),
                    "cat": pd.Categorical(rng.choice(["red", "green", "blue"], n)),
                    "d": rng.normal(size=n).cumsum(), "e": rng.exponential(size=n)})"""
BIG = """\
%%rerun
event = jr.dataframe(big, key="big", on_select="rerun", height=420)
jr.text(f"selected rows: {event.selection.rows}")"""
EDITOR = """\
%%rerun
scores = pd.DataFrame({"name": ["ann", "bob", "cy"], "score": [1, 2, 3], "ok": [True, False, True]})
edited = jr.data_editor(scores, key="scores", num_rows="dynamic",
                        column_config={"score": jr.column_config.NumberColumn("Score", min_value=0)})
jr.text(f"total score: {edited['score'].sum()} over {len(edited)} rows; names: {'/'.join(map(str, edited['name']))}")"""
TYPES = """\
%%rerun
dot = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'><circle cx='10' cy='10' r='9' fill='%23ff4b4b'/></svg>"
kinds = pd.DataFrame({
    "name": ["alpha", "beta"], "stars": [1234.5, 87.0], "done": [True, False],
    "status": ["open", "closed"], "tags": [["a", "b"], ["c"]], "labels": [["x"], ["y", "z"]],
    "day": [dt.date(2024, 1, 5), dt.date(2024, 2, 9)], "at": [dt.time(9, 30), dt.time(17, 5)],
    "when": pd.to_datetime(["2024-01-05 09:30", "2024-02-09 17:05"]),
    "url": ["https://example.com/alpha", "https://example.com/beta"], "icon": [dot, dot],
    "trend": [[1, 3, 2, 5], [5, 4, 4, 1]], "bars": [[1, 2, 3], [3, 1, 2]], "area": [[2, 1, 3], [1, 1, 2]],
    "progress": [30, 85], "meta": [{"k": 1}, {"k": 2}], "plain": ["x", "y"]})
cc = jr.column_config
jr.dataframe(kinds, hide_index=True, column_config={
    "name": cc.TextColumn("Name", help="the name"), "stars": cc.NumberColumn("Stars", format="%d ⭐"),
    "done": cc.CheckboxColumn("Done"), "status": cc.SelectboxColumn("Status", options=["open", "closed"]),
    "tags": cc.ListColumn("Tags"), "labels": cc.MultiselectColumn("Labels", options=["x", "y", "z"], color=["red", "blue", "green"]),
    "day": cc.DateColumn("Day", format="D MMM YYYY"), "at": cc.TimeColumn("At", format="h:mm a"),
    "when": cc.DatetimeColumn("When"), "url": cc.LinkColumn("Link", display_text=r"https://example\\.com/(.*)"),
    "icon": cc.ImageColumn("Icon"), "trend": cc.LineChartColumn("Trend"), "bars": cc.BarChartColumn("Bars", color="blue"),
    "area": cc.AreaChartColumn("Area", color="auto"), "progress": cc.ProgressColumn("Progress", format="%d%%"),
    "meta": cc.JsonColumn("Meta"), "plain": cc.Column("Plain", width="small")})"""
METRICS = """\
%%rerun
left, middle, right = jr.columns(3)
left.metric("Temperature", "70 °F", "1.2 °F", chart_data=[3, 5, 4, 6, 8], border=True)
middle.metric("Cost", 120, -8, delta_color="inverse", border=True)
right.metric("Wind", "9 mph", "-8%", chart_data=[9, 7, 8, 5], chart_type="bar", border=True)
jr.table(pd.DataFrame({"model": ["**tiny**", "large"], "accuracy": [0.912345, 0.95]}))"""
REDRAWN = """\
%%rerun
shift = jr.slider("Shift", 0, 5, 0)
jr.dataframe(pd.DataFrame({"v": [shift * 10 + i for i in range(4)]}), hide_index=True)"""
CELLS = [SETUP, BIG, EDITOR, TYPES, METRICS, REDRAWN]
GRID = ".jr-grid"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("data-browser")
    root = base / "notebooks"
    root.mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                       "language": "python"}
    nbformat.write(notebook, root / NOTEBOOK)
    return root, isolated_env(base / "jupyter")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    blocked: list[str] = []

    def route(route) -> None:
        if not route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            blocked.append(route.request.url)
        loopback_only(route)

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors
    assert [url for url in blocked if "fontawesome" not in url.replace("-", "")] == [], blocked  # Voila's own


def painted(page, grid, version_first: str | None = None):
    """Wait until `grid` has painted every visible row (optionally: this version:first row)."""
    if version_first is None:
        expect(grid).to_have_attribute("data-painted", __import__("re").compile(r"\d+:\d+"))
    else:
        expect(grid).to_have_attribute("data-painted", version_first)


def cell_text(grid, row: int, column: int) -> str:
    """The text of a visible row (0 = the top one shown) and column (0 = the first shown:
    the big frame's range index is hidden, as Streamlit hides a selectable one)."""
    return grid.locator(".jr-grid-body .jr-grid-row").nth(row).locator(".jr-grid-cell:not(.jr-g-marker)").nth(column).inner_text()


def check_big_grid(page, name: str) -> None:
    grid = page.locator(GRID).first
    grid.scroll_into_view_if_needed()
    painted(page, grid)
    assert cell_text(grid, 0, 0) == "0"  # id of the first row
    assert cell_text(grid, 1, 0) == "1"
    # scroll far down: the rows there are asked for, and painted
    grid.locator(".jr-grid-scroll").evaluate("s => { s.scrollTop = s.scrollHeight / 2; }")
    expect(grid).not_to_have_attribute("data-first", "0")
    first = int(grid.get_attribute("data-first"))
    assert first > 400_000
    painted(page, grid, f"{grid.get_attribute('data-painted').split(':')[0]}:{first}")
    assert cell_text(grid, 0, 0) == str(first)
    page.screenshot(path=str(ARTIFACTS / f"data-{name}-scrolled.png"))
    grid.locator(".jr-grid-scroll").evaluate("s => { s.scrollTop = 0; }")
    painted(page, grid, f"{grid.get_attribute('data-painted').split(':')[0]}:0")


def run_all(page, base) -> None:
    page.goto(f"{base}/lab/tree/{NOTEBOOK}?reset&token={TOKEN}")
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    expect(page.locator(".jr-metric")).to_have_count(3)


def test_lab_big_dataframe_sorts_selects_and_the_editor_edits(workspace, page):
    root, env = workspace
    server, base = start_lab(root, env)
    try:
        run_all(page, base)
        ARTIFACTS.mkdir(exist_ok=True)
        check_big_grid(page, "lab")
        grid = page.locator(GRID).first
        # a header click sorts by "b" in the kernel: ascending, then descending
        header = grid.locator(".jr-g-head-cell", has_text="b").first
        header.click()
        expect(header.locator(".jr-g-sort")).to_have_text("↑")
        painted(page, grid)
        low = float(cell_text(grid, 0, 2))
        assert low < 0.01 and float(cell_text(grid, 1, 2)) >= low
        header.click()
        expect(header.locator(".jr-g-sort")).to_have_text("↓")
        painted(page, grid)
        assert float(cell_text(grid, 0, 2)) > 999.9
        sorted_id = cell_text(grid, 0, 0)
        page.locator(GRID).first.screenshot(path=str(ARTIFACTS / "data-lab-sorted.png"))
        # clicking the first shown row's checkbox reruns the cell: the row's position in the data
        grid.locator(".jr-grid-body .jr-grid-row").first.locator(".jr-g-marker").click()
        big_cell = page.locator(".jp-Cell").nth(1)
        expect(big_cell.locator(".jupyter-rerun-cell")).to_contain_text(f"selected rows: [{sorted_id}]")
        # the editor: a value typed into a cell reaches the kernel
        editor = page.locator(GRID).nth(1)
        editor.scroll_into_view_if_needed()
        painted(page, editor)
        editor_cell = page.locator(".jp-Cell").nth(2).locator(".jupyter-rerun-cell")
        expect(editor_cell).to_contain_text("total score: 6 over 3 rows")
        score = editor.locator(".jr-grid-body .jr-grid-row").nth(1).locator(".jr-grid-cell:not(.jr-g-marker)").nth(1)
        score.dblclick()
        page.keyboard.press("Control+A")
        page.keyboard.type("10")
        page.keyboard.press("Enter")
        expect(editor_cell).to_contain_text("total score: 14 over 3 rows")
        # typing on a selected cell edits it; JupyterLab's own keys (a, b: new cells) stay out
        cells_before = page.locator(".jp-Cell").count()
        editor.locator(".jr-grid-body .jr-grid-row").nth(2).locator(".jr-grid-cell:not(.jr-g-marker)").nth(0).click()
        page.keyboard.type("abby")
        page.keyboard.press("Enter")
        expect(editor_cell).to_contain_text("names: ann/bob/abby")
        assert page.locator(".jp-Cell").count() == cells_before
        editor.locator(".jr-grid-add").click()
        expect(editor_cell).to_contain_text("over 4 rows")
        page.locator(".jp-Cell").nth(2).screenshot(path=str(ARTIFACTS / "data-lab-editor.png"))
        types = page.locator(GRID).nth(2)
        types.scroll_into_view_if_needed()
        painted(page, types)
        expect(types.locator(".jr-g-spark")).to_have_count(6)
        expect(types.locator(".jr-g-progress-fill")).to_have_count(2)
        expect(types.locator(".jr-g-check-on")).to_have_count(1)
        expect(types).to_contain_text("1234 ⭐")
        expect(types).to_contain_text("5 Jan 2024")
        expect(types.locator("a.jr-g-link").first).to_have_text("alpha")
        types.screenshot(path=str(ARTIFACTS / "data-lab-column-types.png"))
        types.locator(".jr-grid-scroll").evaluate("s => { s.scrollLeft = s.scrollWidth; }")
        types.screenshot(path=str(ARTIFACTS / "data-lab-column-types-right.png"))
        metrics = page.locator(".jp-Cell").nth(4)
        metrics.scroll_into_view_if_needed()
        expect(metrics.locator(".jr-delta-green")).to_have_count(2)  # up and good; -8 inverse
        expect(metrics.locator(".jr-delta-red")).to_have_count(1)
        expect(metrics.locator(".jr-metric-chart")).to_have_count(2)
        expect(metrics.locator(".jr-table strong")).to_have_text("tiny")
        metrics.screenshot(path=str(ARTIFACTS / "data-lab-metrics.png"))
        # new data of as many rows: the rows are painted again (they once stayed blank)
        redrawn = page.locator(".jp-Cell").nth(5)
        redrawn.scroll_into_view_if_needed()
        grid = redrawn.locator(GRID)
        painted(page, grid)
        assert cell_text(grid, 0, 0) == "0"
        redrawn.locator(".noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        expect(grid.locator(".jr-grid-body .jr-grid-row").first).to_have_text("10")
        expect(grid.locator(".jr-grid-body .jr-grid-row").nth(3)).to_have_text("13")
    finally:
        server.stop()


def test_voila_paints_and_scrolls_the_big_dataframe(workspace, page):
    root, env = workspace
    server, base = start_voila(root, NOTEBOOK, env)
    try:
        page.goto(f"{base}/?token={TOKEN}")
        expect(page.locator(".jr-metric")).to_have_count(3, timeout=120_000)
        ARTIFACTS.mkdir(exist_ok=True)
        check_big_grid(page, "voila")
        page.screenshot(path=str(ARTIFACTS / "data-voila.png"), full_page=True)
    finally:
        server.stop()
