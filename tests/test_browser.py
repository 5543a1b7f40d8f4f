"""%%rerun in a real browser: JupyterLab (both comm modes) and Voila, in Debian's Chromium."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import (  # noqa: E402
    ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, KERNEL_IDLE, TOKEN, box, copy_notebooks,
    isolated_env, loopback_only, set_lab_comms_mode, start_lab, start_voila,
)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=30_000)

CONTAINER = ".jupyter-rerun-cell"
_copies = __import__("itertools").count()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    return copy_notebooks(base / "notebooks"), isolated_env(base / "jupyter")


@pytest.fixture(scope="module")
def lab(workspace):
    root, env = workspace
    server, base = start_lab(root, env)
    yield base, root
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.route("**/*", loopback_only)
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def run_all(page, base, notebook, root):
    """Open a fresh copy of `notebook` (so it gets a kernel of its own) and run all cells."""
    import shutil

    copy = f"{notebook.removesuffix('.ipynb')}-{next(_copies)}.ipynb"
    shutil.copy(root / notebook, root / copy)
    page.goto(f"{base}/lab/tree/{copy}?reset&token={TOKEN}")
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


@pytest.mark.parametrize("mode", ["perCommTarget", "disabled"])
def test_lab_slider_reruns_the_quickstart_cell(lab, page, mode):
    base, root = lab
    set_lab_comms_mode(base, mode)
    run_all(page, base, "01-quickstart.ipynb", root)
    squares = page.locator(".jp-Cell").nth(4).locator(CONTAINER)
    expect(squares).to_contain_text("the first 12 squares add up to 650")
    expect(squares).to_contain_text("reruns on: n")
    handle = page.locator(".jp-Cell").nth(3).locator(".noUi-handle")
    handle.focus()
    for expected in (819, 1015, 1240):  # 13, 14, 15
        handle.press("ArrowRight")
        expect(squares).to_contain_text(f"add up to {expected}")
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"lab-quickstart-{mode}.png"), full_page=True)


def test_lab_seed_counter_counts_clicks(lab, page):
    base, root = lab
    set_lab_comms_mode(base, "perCommTarget")
    run_all(page, base, "01-quickstart.ipynb", root)
    counter = page.locator(CONTAINER).filter(has_text="This page has run")
    expect(counter).to_contain_text("This page has run 1 times.")
    button = counter.get_by_role("button", name="Run it again")
    for count in (2, 3):
        button.click()
        expect(counter).to_contain_text(f"This page has run {count} times.")
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible()
    counter.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lab-seed-counter.png"))


DASHBOARD_CELL = 3  # the %%rerun cell of 03-dashboard.ipynb
DRAWN = "chart => { const canvas = chart.querySelector('canvas'); return canvas ? canvas.toDataURL() : chart.innerHTML; }"

WATCH_FRAMES = """(root) => {
    // every animation frame: the chart's height and whether the container is empty
    window.__frames = [];
    const sample = () => {
        const chart = root.querySelector('.jr-vega-chart');
        window.__frames.push({image: chart ? chart.getBoundingClientRect().height : 0,
                              text: root.innerText.length});
        window.__sampling = requestAnimationFrame(sample);
    };
    sample();
}"""


@pytest.mark.parametrize("mode", ["perCommTarget", "disabled"])
def test_lab_dashboard_redraws_in_place_without_blanking(lab, page, mode):
    base, root = lab
    set_lab_comms_mode(base, mode)
    run_all(page, base, "03-dashboard.ipynb", root)
    dashboard = page.locator(".jp-Cell").nth(DASHBOARD_CELL).locator(CONTAINER)
    chart = dashboard.locator(".jr-vega-chart")
    expect(chart.locator("svg path, canvas").first).to_be_visible(timeout=90_000)
    expect(dashboard).to_contain_text("1461 days; temp_max from -1.6 to 35.6; 7-day mean")
    smoothing = dashboard.locator(".jupyter-rerun-int-slider .noUi-handle")
    smoothing.evaluate("element => { element.__jupyterRerunMark = 'same element'; }")
    chart.evaluate("element => { element.__jupyterRerunMark = 'same chart'; }")
    before = chart.evaluate(DRAWN)
    dashboard.evaluate(WATCH_FRAMES)
    smoothing.focus()
    for _ in range(3):
        smoothing.press("ArrowRight")
    expect(dashboard.locator(".jupyter-rerun-int-slider .widget-readout")).to_have_text("10")
    expect(dashboard).to_contain_text("10-day mean")  # the last value was drawn
    assert chart.evaluate(DRAWN) != before  # the line was redrawn ...
    assert chart.evaluate("element => element.__jupyterRerunMark") == "same chart"  # ... in place
    # and a real drag with the mouse, most of the way along the track
    track = dashboard.locator(".jupyter-rerun-int-slider .noUi-base").bounding_box()
    handle = smoothing.bounding_box()
    y = handle["y"] + handle["height"] / 2
    page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.75, y, steps=10)
    page.mouse.up()
    readout = dashboard.locator(".jupyter-rerun-int-slider .widget-readout")
    expect(readout).not_to_have_text("10")
    dragged = readout.inner_text()
    expect(dashboard).to_contain_text(f"{dragged}-day mean")
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible()
    frames = page.evaluate("() => { cancelAnimationFrame(window.__sampling); return window.__frames; }")
    assert frames and min(f["image"] for f in frames) > 100, "the chart collapsed between states"
    assert min(f["text"] for f in frames) > 0, "the dashboard went blank between states"
    assert smoothing.evaluate("element => element.__jupyterRerunMark") == "same element"
    page.locator(".jp-Cell").nth(DASHBOARD_CELL).scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"lab-dashboard-{mode}.png"))


@pytest.fixture(scope="module")
def voila(workspace, tmp_path_factory):
    root, env = workspace
    env = {**env, "JUPYTER_RERUN_STORE": str(tmp_path_factory.mktemp("voila-store"))}
    server, base = start_voila(root, ".", env)  # tree mode: /voila/render/<notebook>
    yield base
    server.stop()


def open_voila(page, base, notebook):
    page.goto(f"{base}/voila/render/{notebook}?token={TOKEN}")


def test_voila_dashboard_reacts_to_a_control(voila, page):
    open_voila(page, voila, "03-dashboard.ipynb")
    dashboard = page.locator(CONTAINER)
    expect(dashboard.locator(".jr-vega-chart svg path, .jr-vega-chart canvas").first).to_be_visible(timeout=90_000)
    expect(dashboard).to_contain_text("1461 days; temp_max")
    # laid out as designed: one heading; every slider track of the column starts and ends
    # at the same place, whatever its value's width; the tabs stay inside their column
    expect(page.locator("h1")).to_have_count(1)
    tracks = [box(track) for track in dashboard.locator(".widget-hslider .slider-container").all()]
    assert len(tracks) == 2 and all(abs(t["x"] - tracks[0]["x"]) < 1 and
                                    abs(t["width"] - tracks[0]["width"]) < 1 for t in tracks), tracks
    for slider in dashboard.locator(".widget-hslider").all():  # which clips what leaves it
        outer = box(slider)
        for handle in slider.locator(".noUi-handle").all():
            inner = box(handle)
            assert (outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
                    and outer["y"] <= inner["y"] and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
                    ), f"a slider's handle is cut off: {inner} in {outer}"
    tab = dashboard.locator(".widget-tab")
    overflow = tab.evaluate("tab => tab.getBoundingClientRect().right"
                            " - tab.parentElement.getBoundingClientRect().right")
    assert overflow <= 1, f"the tab panel runs {overflow} px past its column"
    dashboard.get_by_text("Precipitation (mm)").click()
    expect(dashboard).to_contain_text("1461 days; precipitation from 0.0 to 55.9")
    # the multiselect is chips in an input: a chip's x removes its option
    chips = dashboard.locator(".jupyter-rerun-multiselect .jupyter-widget-tag:not(.jupyter-widget-taginput)")
    expect(chips).to_have_count(5)
    chips.filter(has_text="sun").locator(".jupyter-widget-tag-close").click()
    expect(dashboard).to_contain_text("747 days; precipitation")
    expect(chips).to_have_count(4)
    dashboard.locator(".jupyter-rerun-multiselect").click()  # and typing adds one back
    page.keyboard.type("sun")
    page.keyboard.press("Enter")
    expect(dashboard).to_contain_text("1461 days; precipitation")
    expect(chips).to_have_count(5)
    # the authors' note is not shown to Voila viewers
    expect(dashboard).not_to_contain_text("reruns on")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "voila-dashboard.png"), full_page=True)
    dashboard.screenshot(path=str(ARTIFACTS / "dashboard.png"))  # the README's picture


def test_voila_shows_rerun_errors_and_each_viewer_has_its_own_session(voila, browser):
    pages = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        context.route("**/*", loopback_only)
        viewer = context.new_page()
        open_voila(viewer, voila, "01-quickstart.ipynb")
        pages.append(viewer)
    first, second = pages
    for viewer in pages:
        expect(viewer.locator(CONTAINER).filter(has_text="This page has run")).to_contain_text(
            "This page has run 1 times.", timeout=90_000)
        expect(viewer.locator(CONTAINER).filter(has_text="1 / (40 - n)")).to_contain_text(
            "1 / (40 - n) = 0.0357")
    # Voila hides cell tracebacks, but a %%rerun cell's error is inside its container: the
    # tour's error shows once the reader drags n to 40
    handle = first.locator(".widget-slider .noUi-handle").first
    handle.focus()
    handle.press("End")
    expect(first.locator(CONTAINER).filter(has_text="1 / (40 - n)")).to_contain_text(
        "ZeroDivisionError")
    counter = first.locator(CONTAINER).filter(has_text="This page has run")
    for count in (2, 3):
        counter.get_by_role("button", name="Run it again").click()
        expect(counter).to_contain_text(f"This page has run {count} times.")
    second.wait_for_timeout(500)
    expect(second.locator(CONTAINER).filter(has_text="This page has run")).to_contain_text(
        "This page has run 1 times.")
    for viewer in pages:
        viewer.context.close()


def test_voila_renders_the_elements_gallery(voila, page):
    """notebooks/05-elements in Voila, offline: every %%rerun cell shows, none an error; the
    cells' screenshots make the README's gallery picture (docs/elements.png)."""
    open_voila(page, voila, "05-elements.ipynb")
    cells = page.locator(CONTAINER)
    expect(cells.last).to_be_visible(timeout=120_000)
    expect(page.locator(".jr-vega-chart svg path, .jr-vega-chart canvas").first).to_be_visible()
    page.wait_for_timeout(2000)  # charts and grids finish painting
    errors = [text for text in page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')
              .all_inner_texts() if "Error" in text or "Traceback" in text]
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    for index, cell in enumerate(cells.all()):
        if cell.is_visible():
            cell.scroll_into_view_if_needed()
            cell.screenshot(path=str(ARTIFACTS / f"elements-{index:02d}.png"))
