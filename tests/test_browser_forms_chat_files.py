"""Forms, chat and file inputs in a real browser, offline: JupyterLab and Voila in Debian's
Chromium, every request that is not to 127.0.0.1 aborted. A person fills a form's fields
and clicks Submit (one run, every value), submits a second form with Enter, types into a
chat input and presses Enter (the message shows in a chat message, the field empties),
uploads a file (the cell shows its name and size), downloads two files (the bytes arrive as
a real browser download) and clicks a link button. The tour notebooks 07-forms and 08-chat
render in Voila, and the echo bot answers there. Screenshots go to artifacts/."""

from __future__ import annotations

import re

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import (  # noqa: E402
    ARTIFACTS, KERNEL_IDLE, ROOT, TOKEN, isolated_env, offline_page, start_lab,
    start_voila, write_notebook,
)
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=30_000)

NOTEBOOK = "forms_chat_files.ipynb"
FORM_CELL = """\
%%rerun
import jupyter_rerun as st
st.session_state.setdefault("form_runs", 0)
st.session_state.form_runs += 1
with st.form("profile"):
    name = st.text_input("Name")
    age = st.number_input("Age", 0, 120, 30)
    note = st.text_area("Note")
    agree = st.checkbox("I agree")
    sent = st.form_submit_button("Submit")
with st.form("city"):
    city = st.text_input("City")
    st.form_submit_button("Go")
print(f"form run {st.session_state.form_runs}: name={name} age={age} note={note} "
      f"agree={agree} sent={sent} city={city}")
"""
CHAT_CELL = """\
%%rerun
import jupyter_rerun as st
st.session_state.setdefault("chat_log", [])
for role, text in st.session_state.chat_log:
    st.chat_message(role).write(text)
if prompt := st.chat_input("Say hi"):
    st.chat_message("user").write(prompt)
    st.chat_message("assistant").write(f"Echo {prompt}")
    st.session_state.chat_log += [("user", prompt), ("assistant", f"Echo {prompt}")]
print(f"chat messages {len(st.session_state.chat_log)}")
"""
FILES_CELL = """\
%%rerun
import jupyter_rerun as st
upload = st.file_uploader("A text file", type=["txt"])
if upload is not None:
    st.write(f"got {upload.name} of {upload.size} bytes: {upload.read().decode()}")
st.download_button("Download greeting", b"hello from the kernel", file_name="greeting.txt")
st.download_button("Download made on click", lambda: "made " * 3, file_name="made.txt",
                   mime="text/plain", on_click="ignore")
st.link_button("Open the docs", "http://127.0.0.1:9/docs")
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("forms-chat-files")
    root = base / "notebooks"
    root.mkdir()
    write_notebook(root / NOTEBOOK, ["%load_ext jupyter_rerun", FORM_CELL, CHAT_CELL, FILES_CELL])
    for tour in ("06-fragments.ipynb", "07-forms.ipynb", "08-chat.ipynb"):
        (root / tour).write_bytes((ROOT / "notebooks" / tour).read_bytes())
    return root, isolated_env(base / "jupyter")


@pytest.fixture
def page(browser):
    with offline_page(browser, width=1100, height=1400, timeout=30_000) as page:
        yield page


def fill_and_submit_forms(page, cell) -> None:
    expect(cell).to_contain_text("form run 1: name= age=30 note= agree=False sent=False city=")
    cell.locator(".widget-text input").first.fill("Ada")
    number = cell.locator(".jr-number-text")
    number.fill("36")
    number.press("Tab")
    cell.locator(".widget-textarea textarea").fill("two\nlines")
    cell.locator(".widget-checkbox input").check()
    page.wait_for_timeout(500)  # every field has sent its value: still no run
    expect(cell).to_contain_text("form run 1:")
    cell.get_by_role("button", name="Submit").click()
    expect(cell).to_contain_text("form run 2: name=Ada age=36 note=two\nlines agree=True sent=True")
    city = cell.locator(".widget-text input").nth(1)
    city.fill("Oslo")
    city.press("Enter")  # enter_to_submit
    expect(cell).to_contain_text("form run 3: name=Ada age=36")
    expect(cell).to_contain_text("sent=False city=Oslo")


def chat(page, cell, text: str, messages: int) -> None:
    field = cell.locator(".jr-chat-text")
    expect(field).to_have_attribute("placeholder", "Say hi")
    field.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(field).to_have_value("")  # emptied as the message left
    expect(cell).to_contain_text(f"chat messages {messages}")
    expect(cell.locator(".jr-chat-message").filter(has_text=f"Echo {text}")).to_have_count(1)
    expect(cell.locator(".jr-chat-message .jr-avatar-user").first).to_be_visible()


def chat_twice(page, cell) -> None:
    expect(cell).to_contain_text("chat messages 0")
    chat(page, cell, "hello", 2)
    chat(page, cell, "again", 4)
    rows = cell.locator(".jr-chat-message")
    expect(rows).to_have_count(4)
    field = cell.locator(".jr-chat-field").bounding_box()
    last = rows.last.bounding_box()
    assert field["y"] >= last["y"] + last["height"] - 1, (field, last)  # pinned under the messages
    prompt = cell.page.locator(".jp-CodeCell", has=cell).locator(".jp-InputPrompt")
    ran = prompt.inner_text() if prompt.count() else ""  # JupyterLab's [n]: of the cell
    text = cell.locator(".jr-chat-text")
    text.click()
    page.keyboard.type("line one")
    page.keyboard.press("Shift+Enter")  # a new line: not sent, and JupyterLab runs no cell
    page.keyboard.type("line two")
    expect(text).to_have_value("line one\nline two")
    if ran:
        assert prompt.inner_text() == ran  # the notebook did not run the cell again
    page.keyboard.press("Enter")
    expect(cell).to_contain_text("chat messages 6")
    expect(cell.locator(".jr-chat-message")).to_have_count(6)


def upload_download_and_link(page, cell) -> None:
    cell.locator(".jr-file-drop input[type=file]").set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"twelve bytes"}])
    expect(cell).to_contain_text("got notes.txt of 12 bytes: twelve bytes")
    expect(cell.locator(".jr-file-name")).to_have_text("notes.txt")
    for label, name, data in (("Download greeting", "greeting.txt", b"hello from the kernel"),
                              ("Download made on click", "made.txt", b"made made made ")):
        with page.expect_download() as started:
            cell.get_by_role("button", name=label).click()
        download = started.value
        assert download.suggested_filename == name
        with open(download.path(), "rb") as saved:
            assert saved.read() == data
    link = cell.get_by_role("link", name="Open the docs")
    expect(link).to_have_attribute("href", "http://127.0.0.1:9/docs")
    with page.context.expect_page() as opened:
        link.click()
    assert opened.value.url.startswith(("http://127.0.0.1:9/docs", "chrome-error://")), opened.value.url
    opened.value.close()


def look(cell) -> None:
    """What a screenshot would show wrong: empty boxes, markup shown as text."""
    text = cell.inner_text()
    assert not re.search(r"</?(div|span|svg)\b", text), text[:500]


def test_lab_forms_chat_and_files(workspace, page):
    root, env = workspace
    server, base = start_lab(root, env)
    try:
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?reset&token={TOKEN}")
        expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        cells = page.locator(".jupyter-rerun-cell")
        expect(cells).to_have_count(3)
        fill_and_submit_forms(page, cells.nth(0))
        chat_twice(page, cells.nth(1))
        upload_download_and_link(page, cells.nth(2))
        ARTIFACTS.mkdir(exist_ok=True)
        for index, name in enumerate(("forms", "chat", "files")):
            look(cells.nth(index))
            cells.nth(index).screenshot(path=str(ARTIFACTS / f"lab-{name}.png"))
    finally:
        server.stop()


def test_voila_forms_chat_and_files(workspace, page):
    root, env = workspace
    server, base = start_voila(root, NOTEBOOK, env)
    try:
        page.goto(f"{base}/?token={TOKEN}")
        cells = page.locator(".jupyter-rerun-cell")
        expect(cells.nth(2)).to_contain_text("Download greeting", timeout=90_000)
        fill_and_submit_forms(page, cells.nth(0))
        chat_twice(page, cells.nth(1))
        upload_download_and_link(page, cells.nth(2))
        for index in range(3):
            look(cells.nth(index))
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "voila-forms-chat-files.png"), full_page=True)
    finally:
        server.stop()


@pytest.mark.parametrize("tour, shown", [("06-fragments.ipynb", "Plant monitor"),
                                         ("07-forms.ipynb", "Tell us about your lunch"),
                                         ("08-chat.ipynb", "Here are three random walks")])
def test_voila_renders_the_tour(workspace, page, tour, shown):
    root, env = workspace
    server, base = start_voila(root, tour, env)
    try:
        page.goto(f"{base}/?token={TOKEN}")
        expect(page.locator(".jupyter-rerun-cell").first).to_contain_text(shown, timeout=90_000)
        if tour == "08-chat.ipynb":
            echo = page.locator(".jupyter-rerun-cell").nth(1)
            echo.locator(".jr-chat-text").fill("hi bot")
            echo.locator(".jr-chat-text").press("Enter")
            expect(echo.locator(".jr-chat-message")).to_have_count(2)
            expect(echo).to_contain_text("You said: hi bot")
        elif tour == "06-fragments.ipynb":
            # the live panel reruns itself every second (run_every), with nobody touching it
            live = page.locator(".jupyter-rerun-cell").first
            before = live.inner_text()
            expect(live).not_to_have_text(before, timeout=30_000)
            # Streamlit's three fragment tutorials, in the tour's words: a day of another
            # week reruns the whole cell from the fragment (st.rerun) ...
            weekly = page.locator(".jupyter-rerun-cell").nth(2)
            expect(weekly).to_contain_text("The week of 10 March")
            weekly.locator("input[type=date]").fill("2025-06-04")
            expect(weekly).to_contain_text("The week of 02 June")
            # ... a baker's button bakes only its own shelves, in the cell's containers ...
            shelves = page.locator(".jupyter-rerun-cell").nth(3).locator(".jr-metric")
            expect(shelves).to_have_count(6)
            baked = shelves.all_inner_texts()
            page.get_by_role("button", name="Bake the rye").click()
            expect(shelves.nth(0)).not_to_have_text(baked[0], timeout=10_000)
            assert shelves.all_inner_texts()[1::2] == baked[1::2]  # the spelt stayed
            # ... and a button starts and stops a live fragment
            stream = page.locator(".jupyter-rerun-cell").nth(4)
            expect(stream).to_contain_text("30 readings, stopped")
            stream.get_by_role("button", name="Start the stream").click()
            expect(stream).to_contain_text(re.compile(r"3[2-9] readings, streaming"), timeout=20_000)
            stream.get_by_role("button", name="Stop the stream").click()
            expect(stream).to_contain_text("readings, stopped")
        else:
            form = page.locator(".jupyter-rerun-cell").first
            form.locator(".widget-text input").first.fill("Grace")
            form.get_by_role("button", name="Send").click()
            expect(form).to_contain_text("Grace wants spice level 3")
        cells = page.locator(".jupyter-rerun-cell")
        for index in range(cells.count()):
            look(cells.nth(index))
        assert page.locator(".jp-OutputArea-output [data-mime-type*=error]").count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"voila-tour-{tour.removesuffix('.ipynb')}.png"),
                        full_page=True)
    finally:
        server.stop()
