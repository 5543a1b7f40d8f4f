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
# one way a person changes each kind of widget: (selector of the control, action); the
# kernel's notebook test (test_notebooks.py) changes every model kind by protocol, these do
# it with the keyboard and the mouse
CONTROLS = [
    (".widget-slider .noUi-handle", "press"),
    (".jr-step-slider input[type=range]", "press"),
    (".widget-radio-box input:not(:checked)", "click"),
    (".widget-checkbox input", "click"),
    (".jupyter-widget-tag-close", "click"),
    (".jr-chip-close", "click"),
    ("button.jupyter-button", "click"),  # ipywidgets' buttons and ours (jr-icon-button)
    (".jr-number-step", "click"),
    (".jr-button-group", "pick .jr-option:not(.jr-selected)"),
    (".widget-dropdown select", "choose"),
    (".widget-text input[type=text], .widget-textarea textarea", "type"),
    (".jr-date-range input[type=date]", "later"),
    (".widget-timepicker input[type=time]", "later"),
    (".widget-datetimepicker input[type=datetime-local]", "later"),
    (".jupyter-widget-Collapse-header", "click"),
    (".jupyter-widget-TabPanel", "pick .lm-TabBar-tab:not(.lm-mod-current)"),
]
# a date, time or date and time as the field holds it, one step later (a day, an hour)
LATER = """field => {
  const value = field.value;
  if (field.type === "time") {
    const [hours, rest] = [Number(value.slice(0, 2)), value.slice(2)];
    return String(hours < 23 ? hours + 1 : 22).padStart(2, "0") + rest;
  }
  const when = new Date(value + (field.type === "date" ? "T00:00Z" : "Z"));
  when.setUTCHours(when.getUTCHours() + (field.type === "date" ? 24 : 1));
  return when.toISOString().slice(0, field.type === "date" ? 10 : 16);
}"""


def change(control, action: str) -> None:
    """Change one control as a person would."""
    if action == "press":  # the arrow key away from the end the thumb is at
        at_end = control.evaluate("e => (e.getAttribute('aria-valuenow') ?? e.value) =="
                                  " (e.getAttribute('aria-valuemax') ?? e.max)")
        control.focus()
        control.press("ArrowLeft" if at_end else "ArrowRight")
    elif action == "choose":  # another entry of the list
        options = control.locator("option").count()
        current = control.evaluate("e => e.selectedIndex")
        control.select_option(index=(current + 1) % options)
    elif action == "type":
        control.click()
        control.press("End")
        control.type("x")
        control.press("Enter")
    elif action.startswith("pick "):  # another of its options (a pill, a tab)
        control.locator(action.removeprefix("pick ")).first.click()
    elif action == "later":
        control.fill(control.evaluate(LATER))
        control.press("Enter")
    else:
        control.click()


CHANGED: dict[str, set[str]] = {}  # notebook -> the CONTROLS selectors it had, and changed


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
    errors = [text[:300] for text in page.locator(STDERR).all_inner_texts() if EXCEPTION.search(text)]
    return errors + blank_tables(page)


# a dataframe that has rows, is on screen and shows none of them (static/grid.js)
BLANK_TABLES = """() => [...document.querySelectorAll('.jr-grid')].filter((grid) =>
  grid.getClientRects().length && Number(grid.dataset.rows) > 0 &&
  ![...grid.querySelectorAll('.jr-grid-body .jr-grid-row')].some((row) =>
    row.isConnected && row.getClientRects().length && row.style.visibility !== 'hidden' &&
    row.textContent.trim())).map((grid) => 'a blank table of ' + grid.dataset.rows + ' rows')"""


def blank_tables(page) -> list[str]:
    return page.evaluate(BLANK_TABLES)


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
    changed, kinds = 0, set()
    for selector, action in CONTROLS:
        for index in range(page.locator(selector).count()):
            if index >= page.locator(selector).count():
                break  # a change removed some (a chip's x)
            control = page.locator(selector).nth(index)
            if not control.is_visible() or not control.is_enabled():
                continue
            control.scroll_into_view_if_needed()
            change(control, action)
            changed += 1
            kinds.add(selector)
            settle(page)
            assert shown_errors(page) == [], f"{notebook} after changing {selector} #{index}"
    assert changed > 0 or notebook == "02-caching.ipynb"  # the caching tour has no widgets
    CHANGED[notebook] = kinds
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"tour-{notebook.removesuffix('.ipynb')}.png"))
    context.close()


def test_every_kind_of_control_was_changed_in_some_tour():
    """A selector that no tour matched is a typo, or a control the tours lost; the tours
    are the test above's runs (this runs after them)."""
    assert set(CHANGED) == set(NOTEBOOKS), "run with the test above"
    assert {selector for selector, _ in CONTROLS} - set().union(*CHANGED.values()) == set()
