"""Media and the other libraries' charts in a real browser, offline: JupyterLab and Voila
in Debian's Chromium, every request that is not to 127.0.0.1 aborted. Every element is
painted (a Plotly chart's traces, a pyplot image, Graphviz's SVG nodes, images with their
captions, a Bokeh canvas, the audio and video players), and a box selection drawn with the
mouse on the Plotly chart reruns its cell."""

from __future__ import annotations

import contextlib
import io
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

playwright = pytest.importorskip("playwright.sync_api")
nbformat = pytest.importorskip("nbformat")
from browser_support import (  # noqa: E402
    ARTIFACTS, KERNEL_IDLE, TOKEN, isolated_env, offline_page, start_lab, start_voila,
)
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=60_000)

NOTEBOOK = "media-charts.ipynb"
SETUP = """\
%load_ext jupyter_rerun
import jupyter_rerun as jr
import numpy as np
import plotly.graph_objects as go
import matplotlib.pyplot as plt
from PIL import Image"""
PLOTLY = """\
%%rerun
x = np.arange(20, dtype=float)
event = jr.plotly_chart(go.Figure(go.Scatter(x=x, y=x ** 2, mode="markers")), key="pick",
                        on_select="rerun", selection_mode="box", height=320)
jr.text(f"picked {len(event.selection.point_indices)} points")"""
MEDIA = """\
%%rerun
fig, ax = plt.subplots(figsize=(4, 2))
ax.plot([1, 2, 3], [2, 1, 3])
left, right = jr.columns(2)
left.pyplot(fig)
right.graphviz_chart('digraph { rankdir=LR; notebook -> kernel -> browser }')
red = np.zeros((60, 90, 3), dtype=np.uint8); red[..., 0] = 230
jr.image([red, Image.new("RGB", (90, 60), (30, 90, 220)),
          '<svg width="90" height="60"><circle cx="45" cy="30" r="25" fill="green"/></svg>',
          "{url}"], caption=["red **array**", "blue PIL", "green SVG", "served locally"])
tone = np.sin(2 * np.pi * 440 * np.linspace(0, 1, 8000, endpoint=False))
jr.audio(tone, sample_rate=8000)
jr.video(b"not a real video", subtitles="WEBVTT\\n\\n00:00.000 --> 00:01.000\\nhello")"""
BOKEH = """\
%%rerun
from bokeh.plotting import figure
plot = figure(title="bokeh squares", height=250)
plot.line([1, 2, 3, 4], [1, 4, 9, 16], line_width=3)
jr.bokeh_chart(plot)"""


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (250, 160, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A notebook folder with the test notebook, and a local server for its image URL."""
    base = tmp_path_factory.mktemp("media-browser")
    root = base / "notebooks"
    root.mkdir()
    files = base / "files"
    files.mkdir()
    (files / "orange.png").write_bytes(_png(90, 60))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(files)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/orange.png"
    cells = [SETUP, PLOTLY, MEDIA.replace("{url}", url), BOKEH]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                       "language": "python"}
    nbformat.write(notebook, root / NOTEBOOK)
    yield root, isolated_env(base / "jupyter")
    server.shutdown()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def page(browser):
    with offline_page(browser) as page:
        yield page


@contextlib.contextmanager
def screenshot_on_failure(page, name: str):
    """What the page showed when a check failed, in ARTIFACTS/<name>-failed.png."""
    try:
        yield
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-failed.png"), full_page=True)
        raise


@contextlib.contextmanager
def stopping(server):
    try:
        yield server
    finally:
        server.stop()


def check_painted(page) -> None:
    """Every element of the notebook is on the page, drawn."""
    plot = page.locator(".jr-plotly-plot[data-revision]")
    expect(plot).to_have_count(1)
    expect(plot.locator(".scatterlayer .trace .point")).to_have_count(20)
    expect(page.locator(".jr-image img")).to_have_count(5)  # the pyplot image and 4 images
    pyplot = page.locator(".jr-image").first.locator("img")
    assert pyplot.evaluate("img => img.decode().then(() => img.naturalWidth)") > 500
    images = page.locator(".jr-media-images").nth(1)
    for caption in ("red array", "blue PIL", "green SVG", "served locally"):
        expect(images).to_contain_text(caption)
    expect(images.locator("figcaption strong")).to_have_text("array")  # markdown
    served = images.locator("img").nth(3)
    assert served.evaluate("img => img.decode().then(() => img.naturalWidth)") == 90
    expect(page.locator(".jr-graphviz svg g.node")).to_have_count(3)
    expect(page.locator("audio.jr-media-audio")).to_have_count(1)
    expect(page.locator("video.jr-media-video track")).to_have_count(1)
    expect(page.locator(".jr-bokeh-plot[data-drawn] canvas").first).to_be_attached()


def box_select(page) -> None:
    """Drag a box over the middle of the Plotly chart, as a user would."""
    area = page.locator(".jr-plotly-plot .nsewdrag").first.bounding_box()
    page.mouse.move(area["x"] + area["width"] * 0.3, area["y"] + area["height"] * 0.05)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] * 0.7, area["y"] + area["height"] * 0.95, steps=8)
    page.mouse.up()


def test_lab_paints_every_element_and_a_box_selection_reruns_the_cell(workspace, page):
    root, env = workspace
    server, base = start_lab(root, env)
    with stopping(server), screenshot_on_failure(page, "lab-media-charts"):
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?reset&token={TOKEN}")
        expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        check_painted(page)
        expect(page.locator(".jupyter-rerun-cell").first).to_contain_text("picked 0 points")
        box_select(page)
        expect(page.locator(".jupyter-rerun-cell").first).not_to_contain_text("picked 0 points")
        expect(page.get_by_text(KERNEL_IDLE)).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "lab-media-charts.png"))
        for index, name in ((1, "media"), (2, "bokeh")):  # below the fold of Lab's panel
            cell = page.locator(".jupyter-rerun-cell").nth(index)
            cell.scroll_into_view_if_needed()
            cell.screenshot(path=str(ARTIFACTS / f"lab-media-charts-{name}.png"))


def test_voila_paints_every_element_and_a_box_selection_reruns_the_cell(workspace, page):
    root, env = workspace
    server, base = start_voila(root, NOTEBOOK, env)
    with stopping(server), screenshot_on_failure(page, "voila-media-charts"):
        page.goto(f"{base}/?token={TOKEN}")
        check_painted(page)
        chart_cell = page.locator(".jupyter-rerun-cell").filter(has_text="picked")
        expect(chart_cell).to_contain_text("picked 0 points")
        box_select(page)
        expect(chart_cell).not_to_contain_text("picked 0 points")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "voila-media-charts.png"), full_page=True)
