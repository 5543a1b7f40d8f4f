"""Issue 13's inputs in a real browser, offline: JupyterLab and Voila in Debian's Chromium,
every request that is not to 127.0.0.1 aborted. A person fills a date range and a time,
steps a time-range slider with the keyboard, drags a date slider, types a number and
clicks +, picks pills, a segment, stars, a thumb and a face, a city and two chips (and
meets the limit), a radio with captions, a date and time, types a new option into a
selectbox and a multiselect, and clicks a button with a Material icon; each value reaches
the cell. Labels sit above their controls; screenshots go to artifacts/."""

from __future__ import annotations

import datetime as dt

import pytest

playwright = pytest.importorskip("playwright.sync_api")
from browser_support import (  # noqa: E402
    ARTIFACTS, KERNEL_IDLE, TOKEN, isolated_env, offline_page, start_lab, start_voila,
    write_notebook,
)
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=30_000)

NOTEBOOK = "inputs.ipynb"
CELL = """\
%%rerun
import datetime as dt
import jupyter_rerun as st
d = st.date_input("Trip", (dt.date(2024, 1, 1), dt.date(2024, 1, 7)))
t = st.time_input("Alarm", dt.time(8, 45))
w = st.slider("Opening hours", value=(dt.time(9), dt.time(17)))
day = st.slider("Day", value=dt.date(2024, 6, 15), format="MMM D")
n = st.number_input("Amount", 0.0, 100.0, value=None, step=0.5, format="%0.1f", placeholder="Type a number")
p = st.pills("Tags", ["North", "South", ":material/star: Best"], selection_mode="multi", help="Any number")
s = st.segmented_control("View", ["Day", "Week", "Month"], default="Week")
f = st.feedback("stars")
thumbs = st.feedback("thumbs")
c = st.selectbox("City", ["Oslo", "Rome"], index=None, placeholder="Pick a city")
m = st.multiselect("Two at most", ["a", "b", "c"], max_selections=2)
r = st.radio("Speed", ["fast", "slow"], captions=["right now", "tomorrow"], horizontal=True)
go = st.button("Go", type="primary", icon=":material/rocket_launch:")
st.button("Quiet", type="tertiary")
meet = st.datetime_input("Meeting", dt.datetime(2025, 11, 19, 16, 45))
fruit = st.selectbox("Fruit", ["apple", "pear"], accept_new_options=True)
own = st.multiselect("Own tags", ["red"], accept_new_options=True)
face = st.feedback("faces")
print(f"state d={[x.isoformat() for x in d]} t={t} w={[x.isoformat() for x in w]} day={day}",
      f"n={n} p={p} s={s} f={f} thumbs={thumbs} c={c} m={m} r={r} go={go}",
      f"meet={meet} fruit={fruit} own={own} face={face}")
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("inputs-browser")
    root = base / "notebooks"
    root.mkdir()
    write_notebook(root / NOTEBOOK, ["%load_ext jupyter_rerun", CELL])
    return root, isolated_env(base / "jupyter")


@pytest.fixture
def page(browser):
    with offline_page(browser, width=1100, height=1400, timeout=30_000) as page:
        yield page


def state(cell, text: str) -> None:
    expect(cell).to_contain_text(text)


def labels_sit_above_their_controls(cell) -> None:
    for name, control in (("Trip", ".jr-date-range-field"), ("Day", ".jr-slider-track"),
                          ("Amount", ".jr-number-field"), ("Tags", ".jr-group-options"),
                          ("Two at most", ".jr-chip-box")):
        widget = cell.locator(".jr-input", has=cell.page.locator(".jr-input-label", has_text=name)).first
        label = widget.locator(".jr-input-label").bounding_box()
        box = widget.locator(control).bounding_box()
        assert label["y"] + label["height"] <= box["y"] + 1, (name, label, box)
        assert abs(label["x"] - box["x"]) < 2, (name, label, box)  # left-aligned, as page.css


def pick_dates_times_and_numbers(page, cell) -> None:
    cell.locator(".jr-date-range input[type=date]").nth(1).fill("2024-01-20")
    state(cell, "d=['2024-01-01', '2024-01-20']")
    cell.locator("input[type=time]").first.fill("09:30")
    state(cell, "t=09:30:00")
    start = cell.locator(".jr-step-slider").nth(0).locator("input[type=range]").first
    start.focus()
    for _ in range(4):  # four steps of Streamlit's 15 minutes
        page.keyboard.press("ArrowRight")
    state(cell, "w=['10:00:00', '17:00:00']")
    expect(cell.locator(".jr-step-slider").nth(0).locator(".jr-slider-readout")).to_have_text("10:00 – 17:00")
    track = cell.locator(".jr-step-slider").nth(1).locator("input[type=range]").bounding_box()
    middle = track["y"] + track["height"] / 2
    page.mouse.move(track["x"] + track["width"] * 0.5, middle)  # Jun 15, the middle
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.75, middle, steps=8)
    page.mouse.up()
    expect(cell).not_to_contain_text("day=2024-06-15")
    day = dt.date.fromisoformat(cell.inner_text().split("day=")[1][:10])
    assert dt.date(2024, 6, 19) <= day <= dt.date(2024, 6, 25), day
    readout = cell.locator(".jr-step-slider").nth(1).locator(".jr-slider-readout")
    expect(readout).to_have_text(f"{day:%b} {day.day}")  # the browser's "MMM D" of the value
    number = cell.locator(".jr-number-text")
    expect(number).to_have_attribute("placeholder", "Type a number")
    number.click()
    page.keyboard.type("42")
    page.keyboard.press("Enter")
    state(cell, "n=42.0")
    expect(number).to_have_value("42.0")  # shown through format="%0.1f"
    cell.locator(".jr-number-step", has_text="+").click()
    state(cell, "n=42.5")


def pick_buttons_and_options(page, cell) -> None:
    expect(cell.locator(".jr-input-help")).to_have_attribute("title", "Any number")  # help, by the label
    pills = cell.locator(".jr-button-group[data-style=pills] .jr-option")
    pills.filter(has_text="South").click()
    state(cell, "p=['South']")
    pills.filter(has_text="Best").click()
    state(cell, "p=['South', ':material/star: Best']")
    selected = pills.filter(has_text="South").evaluate("n => getComputedStyle(n).borderColor")
    assert selected == "rgb(255, 75, 75)", selected  # Streamlit's red on a chosen pill
    cell.locator(".jr-button-group[data-style=segmented] .jr-option", has_text="Month").click()
    state(cell, "s=Month")
    stars = cell.locator(".jr-button-group[data-style=stars] .jr-option")
    stars.nth(3).click()
    state(cell, "f=3")
    expect(cell.locator(".jr-button-group[data-style=stars] .jr-selected")).to_have_count(4)
    cell.locator(".jr-button-group[data-style=thumbs] .jr-option").first.click()  # thumb up
    state(cell, "thumbs=1")
    city = cell.locator("select").first
    expect(city.locator("option").first).to_have_text("Pick a city")
    city.select_option("Rome")
    state(cell, "c=Rome")
    cell.locator(".jr-chip-box").first.click()
    page.keyboard.type("a")
    page.keyboard.press("Enter")
    state(cell, "m=['a']")
    page.keyboard.type("c")
    page.keyboard.press("Enter")
    state(cell, "m=['a', 'c']")
    expect(cell.locator(".jr-chip-menu").first).to_have_text(
        "You can only select up to 2 options. Remove an option first.")
    cell.locator(".jr-button-group[data-style=radio] .jr-option", has_text="slow").click()
    state(cell, "r=slow")
    expect(cell.locator(".jr-radio-caption")).to_have_text(["right now", "tomorrow"])
    go = cell.locator(".jr-icon-button", has_text="Go")
    assert go.evaluate("n => getComputedStyle(n).backgroundColor") == "rgb(255, 75, 75)"  # primary
    quiet = cell.locator(".widget-button", has_text="Quiet").evaluate(
        "n => [getComputedStyle(n).backgroundColor, getComputedStyle(n).borderTopWidth]")
    assert quiet == ["rgba(0, 0, 0, 0)", "0px"], quiet  # tertiary: text only
    go.click()
    state(cell, "go=True")
    expect(cell.locator(".jr-icon-button .jr-icon")).to_be_visible()  # the rocket, drawn offline


def pick_the_rest(page, cell) -> None:
    cell.locator("input[type=datetime-local]").fill("2025-12-01T10:15")
    state(cell, "meet=2025-12-01 10:15:00")
    fruit = cell.locator(".jupyter-rerun-combobox input")
    fruit.fill("")
    fruit.type("quince")
    fruit.press("Enter")
    state(cell, "fruit=quince")  # a new option, typed
    cell.locator(".jr-chip-select").nth(1).locator(".jr-chip-box").click()
    page.keyboard.type("zebra")
    expect(cell.locator(".jr-chip-menu").nth(1)).to_have_text("Add: zebra")
    page.keyboard.press("Enter")
    state(cell, "own=['zebra']")
    page.keyboard.press("Escape")  # the list closes
    expect(cell.locator(".jr-chip-menu").nth(1)).to_be_hidden()
    cell.locator(".jr-button-group[data-style=faces] .jr-option").nth(4).click()
    state(cell, "face=4")


def test_lab_a_person_uses_every_new_input(workspace, page):
    root, env = workspace
    server, base = start_lab(root, env)
    try:
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?reset&token={TOKEN}")
        expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        cell = page.locator(".jupyter-rerun-cell").first
        state(cell, "state d=['2024-01-01', '2024-01-07']")
        labels_sit_above_their_controls(cell)
        ARTIFACTS.mkdir(exist_ok=True)
        cell.screenshot(path=str(ARTIFACTS / "lab-inputs-before.png"))
        pick_dates_times_and_numbers(page, cell)
        pick_buttons_and_options(page, cell)
        pick_the_rest(page, cell)
        cell.screenshot(path=str(ARTIFACTS / "lab-inputs-after.png"))
    finally:
        server.stop()


def test_voila_a_person_uses_the_new_inputs(workspace, page):
    root, env = workspace
    server, base = start_voila(root, NOTEBOOK, env)
    try:
        page.goto(f"{base}/?token={TOKEN}")
        cell = page.locator(".jupyter-rerun-cell").first
        expect(cell).to_contain_text("state d=['2024-01-01', '2024-01-07']", timeout=90_000)
        labels_sit_above_their_controls(cell)
        pick_dates_times_and_numbers(page, cell)
        pick_buttons_and_options(page, cell)
        pick_the_rest(page, cell)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "voila-inputs.png"), full_page=True)
    finally:
        server.stop()
