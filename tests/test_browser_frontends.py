"""Other front ends that speak the widget protocol, in Chromium: Jupyter Notebook 7, and
JupyterLab with commsOverSubshells on ('perCommTarget', the default) and off ('disabled').

A person drags a slider up and part of the way back (and, in JupyterLab, steps it with the
keyboard); the %%rerun cell must show every value it ends on. The cell also prints how many subshells the kernel has and on which thread
the slider's last change was handled, so each test proves that its front end really sent the
comm messages the way its setting says (on a subshell, or on the main shell).
"""

from __future__ import annotations

import itertools
import re

import nbformat
import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import (  # noqa: E402
    ARTIFACTS, KERNEL_IDLE, TOKEN, chromium, isolated_env, offline_page, set_lab_comms_mode,
    start_lab, start_notebook7,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=30_000)

CELLS = [
    "%load_ext jupyter_rerun\nimport threading\nimport ipywidgets as widgets",
    # the observer records where the kernel handled the slider's comm message
    "n = widgets.IntSlider(value=12, min=1, max=40, description='n',\n"
    "                      layout=widgets.Layout(width='600px'))\n"
    "handled_on = []\n"
    "n.observe(lambda change: handled_on.append(\n"
    "    'main' if threading.current_thread() is threading.main_thread() else 'subshell'), 'value')\n"
    "n",
    "%%rerun\n"
    "print(f'the first {n.value} squares add up to {sum(i * i for i in range(1, n.value + 1))}')\n"
    # ipykernel 6 has no subshells: its front ends send everything to the main shell
    "thread = getattr(get_ipython().kernel, 'shell_channel_thread', None)\n"
    "count = len(thread.manager.list_subshell()) if thread else 'none'\n"
    "print(f'subshells: {count}; change handled on: {handled_on[-1:]}')",
]
SQUARES = "the first {0} squares add up to {1}"
_copies = itertools.count()


def squares(n: int) -> str:
    return SQUARES.format(n, sum(i * i for i in range(1, n + 1)))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("frontends")
    root = base / "notebooks"
    root.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3 (ipykernel)"}
    nbformat.write(notebook, root / "slider.ipynb")
    return root, isolated_env(base / "jupyter")


@pytest.fixture(scope="module")
def servers(workspace):
    root, env = workspace
    started = {}
    try:
        started["notebook7"] = start_notebook7(root, env)
        started["lab"] = start_lab(root, env)
        yield {name: base for name, (_, base) in started.items()}, root
    finally:
        for server, _ in started.values():
            server.stop()


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def open_and_run_all(page, frontend: str, base: str, root) -> None:
    copy = f"slider-{next(_copies)}.ipynb"  # a kernel of its own
    (root / copy).write_bytes((root / "slider.ipynb").read_bytes())
    if frontend == "lab":
        page.goto(f"{base}/lab/tree/{copy}?reset&token={TOKEN}")
        expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
    else:
        page.goto(f"{base}/notebooks/{copy}?token={TOKEN}")
        expect(page.locator(".jp-Notebook-ExecutionIndicator-tooltip")).to_contain_text(
            "Kernel status: Idle", timeout=90_000)
    first_prompt = page.locator(".jp-Cell").first.locator(".jp-InputPrompt")
    for attempt in range(3):
        try:
            page.get_by_role("menuitem", name="Run", exact=True).click(timeout=20_000)
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click(timeout=20_000)
        except PlaywrightTimeout:
            dialog = page.locator(".jp-Dialog")
            if not dialog.count():
                raise
            # a dialog in the way: what it asks goes into the failure, with a picture
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"frontend-{frontend}-dialog.png"))
            raise AssertionError(f"{frontend} shows a dialog: {dialog.first.inner_text()!r}") from None
        # Notebook 7 can report its kernel idle before the notebook takes commands: a click
        # then runs nothing (seen once, with ipykernel 6.29), and a person clicks again
        try:
            expect(first_prompt).not_to_have_text("[ ]:", timeout=15_000)
            return
        except AssertionError:
            if attempt == 2:
                raise


def drag(page, handle, pixels: float) -> None:
    """Press the slider's handle, move it in small steps as a hand does, and let go."""
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + pixels, y, steps=12)
    page.mouse.up()


# Notebook 7.6 opens every notebook with comms on subshells: it applies its commsOverSubshells
# setting after the notebook's kernel connection has made its comms, and "disabled" still
# gave one subshell per comm target (seen with plain ipywidgets, no jupyter_rerun loaded)
CASES = [("notebook7", "perCommTarget"), ("lab", "perCommTarget"), ("lab", "disabled")]
# Notebook 7.6's shortcut settings raise this on every page load, with or without widgets
NOTEBOOK7_ERRORS = ("Cannot read properties of undefined (reading 'schema')",)


@pytest.mark.parametrize(("frontend", "mode"), CASES)
def test_a_dragged_slider_reruns_the_cell(servers, browser, frontend, mode):
    bases, root = servers
    set_lab_comms_mode(bases[frontend], mode)
    known = NOTEBOOK7_ERRORS if frontend == "notebook7" else ()
    with offline_page(browser, width=1200, height=800, known_errors=known) as page:
        open_and_run_all(page, frontend, bases[frontend], root)
        cells = page.locator(".jp-Cell")
        output = cells.nth(2).locator(".jupyter-rerun-cell")
        expect(output).to_contain_text(squares(12), timeout=90_000)

        slider = cells.nth(1)
        handle = slider.locator(".noUi-handle")
        readout = slider.locator(".widget-readout")
        value = 12
        for pixels in (150, -80):  # a drag up, then part of the way back
            drag(page, handle, pixels)
            expect(readout).not_to_have_text(str(value))
            moved = int(readout.inner_text())
            assert (moved > value) == (pixels > 0), (value, moved)
            value = moved
            expect(output).to_contain_text(squares(value))

        if frontend == "lab":
            # Notebook 7 gives ArrowRight to its heading navigation whenever anything in a
            # command-mode notebook has focus (a notebook-extension shortcut whose selector
            # JupyterLab's read-write notebooks escape), so a slider there moves by mouse only
            handle.focus()
            for step in (1, 2):
                handle.press("ArrowRight")
                expect(output).to_contain_text(squares(value + step))

        # where the comm messages went: a subshell per comm target, or the main shell
        expect(output).to_contain_text("change handled on: ['")
        subshells = re.search(r"subshells: (\w+)", output.inner_text()).group(1)
        on_subshells = mode == "perCommTarget" and subshells != "none"
        expect(output).to_contain_text(
            f"change handled on: ['{'subshell' if on_subshells else 'main'}']")
        assert int(subshells) >= 1 if on_subshells else subshells in ("0", "none"), subshells
        expect(output.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
               ).to_have_count(0)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"frontend-{frontend}-{mode}.png"))
