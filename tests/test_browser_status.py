"""Status elements in a real browser, offline: JupyterLab (light and dark themes) and Voila
in Debian's Chromium, every request that is not to 127.0.0.1 aborted. Alerts, exceptions,
progress bars and status containers are painted; a spinner shows while its slow block runs
and is gone after; a slow progress loop is seen moving; toasts appear and disappear; the
balloons' layer comes and goes. Screenshots of each go to artifacts/."""

from __future__ import annotations

import http.client
import itertools
import json
import shutil
from urllib.parse import urlsplit

import pytest

playwright = pytest.importorskip("playwright.sync_api")
pytest.importorskip("nbformat")
from browser_support import (  # noqa: E402
    ARTIFACTS, KERNEL_IDLE, TOKEN, isolated_env, offline_page, start_lab, start_voila,
    write_notebook,
)
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=30_000)

SETUP = "%load_ext jupyter_rerun"
ALERTS = """\
%%rerun
import jupyter_rerun as st
st.success("**Saved** the report to `out.csv`", icon="✅")
st.info("Alerts take *markdown* and an icon", icon=":material/info:")
st.warning("🚨 A leading emoji becomes the icon", title="Heads up")
st.error("Something went wrong: a red box 420 px wide", width=420)"""
EXCEPTION = """\
%%rerun
import jupyter_rerun as st
def load(path):
    return open(path).read()
try:
    load("/no/such/file.csv")
except OSError as error:
    st.exception(error)
st.exception(RuntimeError("This is an exception of type RuntimeError"))"""
PROGRESS_STATUS = """\
%%rerun
import jupyter_rerun as st
st.progress(35, text="Operation in progress. Please wait.")
st.progress(0.8)
with st.status("Downloading data...", expanded=True):
    st.write("Searching for data...")
    st.write("Found URL.")
st.status("Still running", state="running")
st.status("Could not connect", state="error")"""
TOASTS = """\
%%rerun
import jupyter_rerun as st
st.toast("Hip!", duration=3)
st.toast("Hooray!", icon="🎉", duration="long")"""
SPINNER = """\
%%rerun
import time
import jupyter_rerun as st
with st.spinner("Wait for it...", show_time=True):
    time.sleep(2.5)
st.success("Done!")"""
LOOP = """\
%%rerun
import time
import jupyter_rerun as st
bar = st.progress(0, text="Live step 0")
for step in range(1, 61):
    time.sleep(0.04)
    bar.progress(step / 60, text=f"Live step {step}")"""
EFFECTS = """\
%%rerun
import jupyter_rerun as st
st.toast("Short toast", icon=":material/thumb_up:", duration=2)
st.balloons()"""

GALLERY, LIVE = "status-gallery.ipynb", "status-live.ipynb"
_copies = itertools.count()

# collects, in the page, each value a "Live step" bar showed (it is drawn while its loop runs)
WATCH_BARS = """() => {
  window.__jrBars = [];
  const look = () => {
    for (const bar of document.querySelectorAll('.jr-progress')) {
      if (!bar.textContent.includes('Live step')) continue;
      const value = bar.getAttribute('aria-valuenow');
      if (window.__jrBars[window.__jrBars.length - 1] !== value) window.__jrBars.push(value);
    }
  };
  new MutationObserver(look).observe(document.body, {subtree: true, childList: true, attributes: true});
}"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("status-browser")
    root = base / "notebooks"
    root.mkdir()
    write_notebook(root / GALLERY, [SETUP, ALERTS, EXCEPTION, PROGRESS_STATUS, TOASTS])
    write_notebook(root / LIVE, [SETUP, SPINNER, LOOP, EFFECTS])
    return root, isolated_env(base / "jupyter")


@pytest.fixture(scope="module")
def lab(workspace):
    root, env = workspace
    server, base = start_lab(root, env)
    yield base, root
    server.stop()


@pytest.fixture
def page(browser):
    with offline_page(browser, timeout=30_000) as page:
        yield page


def set_lab_theme(base: str, theme: str) -> None:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("PUT", "/lab/api/settings/@jupyterlab/apputils-extension:themes",
                       body=json.dumps({"raw": json.dumps({"theme": theme})}),
                       headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    status = connection.getresponse().status
    connection.close()
    assert status == 204, status


def run_all(page, base, root, notebook, before=None) -> None:
    """Open a fresh copy of `notebook` (a kernel of its own) in Lab and run all its cells."""
    copy = f"{notebook.removesuffix('.ipynb')}-{next(_copies)}.ipynb"
    shutil.copy(root / notebook, root / copy)
    page.goto(f"{base}/lab/tree/{copy}?reset&token={TOKEN}")
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
    if before is not None:
        page.evaluate(before)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def check_gallery(page) -> None:
    alerts = page.locator(".jr-alert:not(.jr-exception)")
    expect(alerts).to_have_count(4)
    for kind, text in (("success", "Saved the report"), ("info", "Alerts take markdown"),
                       ("warning", "A leading emoji becomes the icon"), ("error", "Something went wrong")):
        expect(page.locator(f".jr-alert-{kind}:not(.jr-exception)")).to_contain_text(text)
    expect(page.locator(".jr-alert-info .jr-icon")).to_be_visible()  # the material icon, drawn
    assert page.locator(".jr-alert-error:not(.jr-exception)").bounding_box()["width"] == 420
    exceptions = page.locator(".jr-exception")
    expect(exceptions).to_have_count(2)
    expect(exceptions.first).to_contain_text("FileNotFoundError: [Errno 2] No such file or directory")
    expect(exceptions.first.locator(".jr-exception-trace")).to_contain_text('return open(path).read()')
    expect(exceptions.nth(1).locator(".jr-exception-trace")).to_have_count(0)  # never raised
    fills = page.locator(".jr-progress-fill")
    expect(fills).to_have_count(2)
    widths = [fill.evaluate("n => n.getBoundingClientRect().width / n.parentNode.getBoundingClientRect().width")
              for fill in fills.all()]
    assert [round(w, 2) for w in widths] == [0.35, 0.8]
    statuses = page.locator(".jr-status")
    expect(statuses).to_have_count(3)
    expect(page.locator(".jr-status-complete")).to_contain_text("Found URL.")  # expanded
    expect(page.locator(".jr-status-running")).to_contain_text("Still running")
    expect(page.locator(".jr-status-error")).to_contain_text("Could not connect")


def shoot(page, name: str) -> None:
    """Each %%rerun container of the page, then the page (the toasts are in its corner)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for index, cell in enumerate(page.locator(".jupyter-rerun-cell").all()):
        if not cell.is_visible():
            continue  # an element shown in a plain cell that draws nothing there (a toast)
        cell.screenshot(path=str(ARTIFACTS / f"{name}-{index}.png"))
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_lab_paints_the_status_elements_in_light_and_dark_themes(lab, page):
    base, root = lab
    run_all(page, base, root, GALLERY)
    check_gallery(page)
    expect(page.locator(".jr-toasts .jr-toast")).to_have_count(2)  # stacked, top right
    shoot(page, "lab-status-light")
    expect(page.locator(".jr-toast", has_text="Hip!")).to_have_count(0)  # gone after 3 s
    expect(page.locator(".jr-toast", has_text="Hooray!")).to_be_visible()
    set_lab_theme(base, "JupyterLab Dark")
    try:
        run_all(page, base, root, GALLERY)
        check_gallery(page)
        assert page.evaluate("document.body.dataset.jpThemeLight") == "false"
        colour = page.locator(".jr-alert-success").first.evaluate("n => getComputedStyle(n).color")
        assert colour == "rgb(223, 253, 233)", colour  # the dark theme's success text
        shoot(page, "lab-status-dark")
    finally:
        set_lab_theme(base, "JupyterLab Light")


def test_lab_shows_a_slow_block_live_and_effects_come_and_go(lab, page):
    base, root = lab
    run_all(page, base, root, LIVE, before=WATCH_BARS)
    spinner = page.locator(".jr-spinner-box")
    expect(spinner).to_be_visible()  # while time.sleep(2.5) runs in its block
    expect(spinner).to_contain_text("Wait for it...")
    clock = spinner.locator(".jr-spinner-time").evaluate(  # the browser counts (a CSS counter)
        "n => getComputedStyle(n, '::after').animationName")
    assert "jr-count-seconds" in clock, clock
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".jupyter-rerun-cell").first.screenshot(path=str(ARTIFACTS / "lab-status-spinner.png"))
    expect(page.locator(".jr-alert-success")).to_contain_text("Done!")
    expect(spinner).to_have_count(0)  # gone with its block
    bar = page.locator(".jr-progress", has_text="Live step")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    seen = page.evaluate("window.__jrBars")
    assert len(seen) >= 5 and seen[-1] == "100", seen  # it moved while the loop ran
    toast = page.locator(".jr-toasts .jr-toast", has_text="Short toast")
    expect(toast).to_be_visible()
    expect(page.locator(".jr-effect-layer")).to_have_count(1)
    page.wait_for_function(  # balloons start below the window: wait until some are up in it
        "() => [...document.querySelectorAll('.jr-effect-layer > div')]"
        ".some(b => b.getBoundingClientRect().top < innerHeight * 0.6)")
    page.screenshot(path=str(ARTIFACTS / "lab-status-effects.png"))
    expect(toast).to_have_count(0)  # after its 2 s
    expect(page.locator(".jr-effect-layer")).to_have_count(0)  # the balloons' layer is removed
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible()


def test_voila_paints_the_status_elements_and_toasts_come_and_go(workspace, page):
    root, env = workspace
    server, base = start_voila(root, GALLERY, env)
    try:
        page.goto(f"{base}/?token={TOKEN}")
        check_gallery(page)
        expect(page.locator(".jr-toasts .jr-toast")).to_have_count(2)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "voila-status.png"), full_page=True)
        expect(page.locator(".jr-toast", has_text="Hip!")).to_have_count(0)
        expect(page.locator(".jr-toast", has_text="Hooray!")).to_be_visible()
    finally:
        server.stop()
