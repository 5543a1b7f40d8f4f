"""The tour notebooks in JupyterLab, as a reader meets them: Run All, then every widget on
the page changed once with the mouse or the keyboard. No error may show anywhere: not as a
cell's output, not inside a %%rerun container."""

from __future__ import annotations

import re

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import (  # noqa: E402
    ARTIFACTS, CHROMIUM, CHROMIUM_FLAGS, KERNEL_IDLE, ROOT, TOKEN, copy_notebooks, isolated_env,
    loopback_only, start_lab,
)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
expect.set_options(timeout=60_000)

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
# JupyterLab renders an error output (a cell's, or one inside a %%rerun container) as
# stderr text; a warning is stderr too, so an error is stderr naming an exception
STDERR = '[data-mime-type="application/vnd.jupyter.stderr"]'
EXCEPTION = re.compile(r"\b(Traceback|\w*Error|\w*Exception|SystemExit|KeyboardInterrupt)\b")
# one way a person changes each kind of widget: (selector of the control, action)
CONTROLS = [
    (".widget-slider .noUi-handle", "press"),
    (".widget-radio-box input:not(:checked)", "click"),
    (".widget-checkbox input", "click"),
    (".jupyter-widget-tag-close", "click"),
    ("button.jupyter-button", "click"),
]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    base = tmp_path_factory.mktemp("tour")
    root = copy_notebooks(base / "notebooks")
    env = isolated_env(base / "jupyter")
    server, url = start_lab(root, env)
    yield url
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def settle(page) -> None:
    """Wait until the kernel is idle again (reruns included)."""
    page.wait_for_timeout(300)
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible()


def shown_errors(page) -> list[str]:
    return [text[:300] for text in page.locator(STDERR).all_inner_texts() if EXCEPTION.search(text)]


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_tour_notebook_shows_no_error_after_run_all_and_each_change(lab, browser, notebook):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.route("**/*", loopback_only)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{lab}/lab/tree/{notebook}?reset&token={TOKEN}")
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    code_cells = page.locator(".jp-CodeCell")
    expect(code_cells.last.locator(".jp-InputPrompt")).not_to_have_text("[ ]:")
    expect(code_cells.last.locator(".jp-InputPrompt")).not_to_have_text("[*]:")
    settle(page)
    assert shown_errors(page) == [], f"{notebook} after Run All"
    changed = 0
    for selector, action in CONTROLS:
        for index in range(page.locator(selector).count()):
            if index >= page.locator(selector).count():
                break  # a change removed some (a chip's x)
            control = page.locator(selector).nth(index)
            if not control.is_visible():
                continue
            control.scroll_into_view_if_needed()
            if action == "press":
                control.focus()
                control.press("ArrowLeft" if control.get_attribute("aria-valuenow") ==
                              control.get_attribute("aria-valuemax") else "ArrowRight")
            else:
                control.click()
            changed += 1
            settle(page)
            assert shown_errors(page) == [], f"{notebook} after changing {selector} #{index}"
    assert changed > 0 or notebook == "02-caching.ipynb"  # the caching tour has no widgets
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"tour-{notebook.removesuffix('.ipynb')}.png"))
    context.close()
