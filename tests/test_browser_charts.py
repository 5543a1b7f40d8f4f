"""Vega-Lite charts in a real browser, offline: JupyterLab and Voila in Debian's Chromium,
every request that is not to 127.0.0.1 aborted. Every chart is painted (its SVG marks, or the
coloured pixels of its canvas, not an empty box), a brush dragged on an Altair chart reruns
its cell, new data (2,000 -> 100,000 points) redraws the line chart in the same Vega view,
and a narrower window resizes it there too."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import (  # noqa: E402
    ARTIFACTS, KERNEL_IDLE, TOKEN, isolated_env, offline_page, start_lab, start_voila,
    write_notebook,
)
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=60_000)

NOTEBOOK = "charts.ipynb"
SETUP = """\
%load_ext jupyter_rerun
import jupyter_rerun as jr
import ipywidgets as w
import numpy as np, pandas as pd, altair as alt
from numpy.random import default_rng as rng
points = w.IntSlider(2000, min=2000, max=100000, step=98000, description="points")
display(points)"""
BUILT_IN = """\
%%rerun
y = np.cumsum(rng(points.value).standard_normal(points.value))
jr.line_chart(pd.DataFrame({"x": np.arange(points.value, dtype=float), "y": y}), x="x", y="y")
df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=["a", "b", "c"])
left, right = jr.columns(2)
left.area_chart(df)
right.bar_chart(df, horizontal=True)
jr.scatter_chart(df, x="a", y="b", color="c", size="c")"""
MAP = """\
%%rerun
jr.map(pd.DataFrame(rng(0).standard_normal((1000, 2)) / [50, 50] + [37.76, -122.4],
                    columns=["lat", "lon"]))"""
USER = """\
%%rerun
df = pd.DataFrame(rng(0).standard_normal((20, 3)), columns=["a", "b", "c"])
jr.vega_lite_chart(df, {"mark": {"type": "circle", "tooltip": True}, "encoding": {
    "x": {"field": "a", "type": "quantitative"}, "y": {"field": "b", "type": "quantitative"},
    "size": {"field": "c", "type": "quantitative"}, "color": {"field": "c", "type": "quantitative"}}})
brush = alt.selection_interval(name="brush")
chart = alt.Chart(df).mark_circle(size=150).encode(x="a", y="b").add_params(brush)
event = jr.altair_chart(chart, on_select="rerun", key="picked")
jr.text(f"brush: {dict(event.selection.brush)}")"""
# (name, least marks): SVG mark items, or coloured canvas pixels (the line: 2,000+ points)
CHARTS = [("line", 500), ("area", 3), ("bar", 60), ("scatter", 20), ("map", 1000),
          ("vega-lite", 20), ("altair", 20)]

PAINTED = """(el) => {
    // what the chart drew: data marks in its SVG, or its canvas's coloured pixels (axes,
    // grid and labels are grey, so a chart without marks counts 0)
    const svg = el.querySelector('svg.marks');
    if (svg) return [...svg.querySelectorAll('g.role-mark > path, g.role-mark > g > path')]
        .filter((p) => (p.getAttribute('d') || '').length > 4 && getComputedStyle(p).opacity !== '0').length;
    const canvas = el.querySelector('canvas');
    if (!canvas) return 0;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    return coloured;
}"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("charts-browser")
    root = base / "notebooks"
    root.mkdir()
    write_notebook(root / NOTEBOOK, [SETUP, BUILT_IN, MAP, USER])
    return root, isolated_env(base / "jupyter")


@pytest.fixture
def page(browser):
    with offline_page(browser, height=1400) as page:
        yield page


def check_painted(page, shots: str) -> None:
    """Seven charts, each drawn once, each with its marks; a screenshot of each."""
    charts = page.locator(".jr-vega-chart")
    expect(page.locator(".jr-vega-chart[data-embeds='1']")).to_have_count(len(CHARTS))
    ARTIFACTS.mkdir(exist_ok=True)
    for index, (name, least) in enumerate(CHARTS):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.evaluate(PAINTED) >= least, name
        assert chart.locator(".jr-vega-error").count() == 0, name
        chart.screenshot(path=str(ARTIFACTS / f"{shots}-{index}-{name}.png"))
    left, right = charts.nth(1).bounding_box(), charts.nth(2).bounding_box()
    assert left["x"] + left["width"] <= right["x"] + 1  # side by side, each in its column


def drag_a_brush(page) -> None:
    """Drag across the middle of the Altair chart; the cell shows the brush's extent."""
    cell = page.locator(".jupyter-rerun-cell").filter(has_text="brush:")
    expect(cell).to_contain_text("brush: {}")
    area = page.locator(".jr-vega-chart").nth(6).locator("svg.marks").bounding_box()
    page.mouse.move(area["x"] + area["width"] * 0.3, area["y"] + area["height"] * 0.25)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] * 0.7, area["y"] + area["height"] * 0.7, steps=8)
    page.mouse.up()
    expect(cell).to_contain_text("brush: {'a': [")


def more_points(page) -> None:
    """2,000 -> 100,000 points: the line chart's data swapped into the same view."""
    line = page.locator(".jr-vega-chart").first
    handle = page.locator(".noUi-handle").first
    handle.focus()
    handle.press("End")
    expect(line).to_have_attribute("data-updates", "1")
    expect(line).to_have_attribute("data-embeds", "1")
    line.scroll_into_view_if_needed()
    assert line.evaluate(PAINTED) >= 500


def narrower_page(page) -> None:
    """A narrower window: the line chart fits its narrower column, in the same view."""
    line = page.locator(".jr-vega-chart").first
    drawing = "(el) => el.querySelector('canvas, svg.marks').getBoundingClientRect().width"
    wide = line.evaluate(drawing)
    page.set_viewport_size({"width": 900, "height": 1400})
    page.wait_for_function(f"([el, wide]) => ({drawing})(el) < wide - 100",
                           arg=[line.element_handle(), wide])
    assert line.evaluate(drawing) <= line.bounding_box()["width"] + 1
    expect(line).to_have_attribute("data-embeds", "1")


def test_lab_paints_every_chart_a_brush_reruns_and_new_data_redraws_in_place(workspace, page):
    root, env = workspace
    server, base = start_lab(root, env)
    try:
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?reset&token={TOKEN}")
        expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        check_painted(page, "lab-chart")
        drag_a_brush(page)
        more_points(page)
        narrower_page(page)
        page.locator(".jr-vega-chart").first.screenshot(path=str(ARTIFACTS / "lab-chart-line-100k.png"))
        expect(page.get_by_text(KERNEL_IDLE)).to_be_visible()
    finally:
        server.stop()


def test_voila_paints_every_chart_a_brush_reruns_and_new_data_redraws_in_place(workspace, page):
    root, env = workspace
    server, base = start_voila(root, NOTEBOOK, env)
    try:
        page.goto(f"{base}/?token={TOKEN}")
        check_painted(page, "voila-chart")
        drag_a_brush(page)
        more_points(page)
        page.screenshot(path=str(ARTIFACTS / "voila-charts.png"), full_page=True)
    finally:
        server.stop()
