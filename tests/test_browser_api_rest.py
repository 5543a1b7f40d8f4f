"""Streamlit 1.67's last elements in Voila, in Debian's Chromium, offline (every request not
to 127.0.0.1 aborted): a PDF (drawn by hand: a red line, a blue box) in the browser's own viewer, a grid's cells in three columns,
`bottom` below the rest of its cell, the logo in the page's corner, a skeleton replaced,
pagination and a menu button clicked. The screenshot goes to artifacts/."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api")
pytest.importorskip("nbformat")
from browser_support import (  # noqa: E402
    ARTIFACTS, TOKEN, chromium, isolated_env, offline_page, start_voila, write_notebook,
)
from playwright.sync_api import expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
expect.set_options(timeout=30_000)

NOTEBOOK = "rest.ipynb"
SETUP = """\
%load_ext jupyter_rerun
import io

def one_page_pdf(drawing: bytes) -> io.BytesIO:
    # a 300 x 200 pt page of vector drawing, its cross-reference table counted here
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>",
               b"<< /Length %d >>\\nstream\\n" % len(drawing) + drawing + b"\\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\\n" % number + body + b"\\nendobj\\n"
    table = len(out)
    out += b"xref\\n0 %d\\n0000000000 65535 f \\n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \\n" % offset for offset in offsets)
    out += b"trailer\\n<< /Size %d /Root 1 0 R >>\\nstartxref\\n%d\\n%%%%EOF\\n" % (len(objects) + 1, table)
    return io.BytesIO(bytes(out))

document = one_page_pdf(b"1 0 0 RG 8 w 20 20 m 150 180 l 280 60 l S 0 0 1 rg 40 120 60 40 re f")"""
ELEMENTS = """\
%%rerun
import streamlit as st
st.logo(":material/home:", size="large", link="http://127.0.0.1:9/home")
st.bottom.write("pinned below")
grid = st.grid(3, min_column_width=100, border=True)
for i in range(4):
    grid.metric(f"card {i}", i)
slot = st.skeleton(height=60)
page = st.pagination(12, key="page", max_visible_pages=5)
st.write(f"page {page}")
picked = st.menu_button("Export", ["csv", "json"])
st.write(f"picked {picked}")
st.pdf(document, height=320)
slot.write("skeleton replaced")
st.write("last in the cell")"""


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    base = tmp_path_factory.mktemp("rest-browser")
    root = base / "notebooks"
    root.mkdir()
    write_notebook(root / NOTEBOOK, [SETUP, ELEMENTS])
    server, url = start_voila(root, NOTEBOOK, isolated_env(base / "jupyter"))
    yield url
    server.stop()


def test_voila_draws_the_last_elements_and_they_respond(voila):
    with chromium() as browser, offline_page(browser, timeout=30_000) as page:
        page.goto(f"{voila}/?token={TOKEN}", wait_until="domcontentloaded", timeout=90_000)  # a PDF viewer may hold "load"
        expect(page.get_by_text("skeleton replaced")).to_be_visible()
        expect(page.locator(".jr-skeleton")).to_have_count(0)
        frame = page.locator('iframe[title="st.pdf"]')
        expect(frame).to_be_visible()
        assert round(frame.bounding_box()["height"]) == 320
        cards = [card.bounding_box() for card in page.locator(".jr-metric").all()]
        assert len(cards) == 4
        assert len({round(card["y"]) for card in cards[:3]}) == 1  # one row of three
        assert cards[3]["y"] > cards[0]["y"] and round(cards[3]["x"]) == round(cards[0]["x"])
        cell = page.locator(".jr-layout-grid-border > *").first
        assert cell.evaluate("n => getComputedStyle(n).borderTopStyle") == "solid"  # border=True
        assert page.locator(".jr-layout-grid").evaluate("n => getComputedStyle(n).borderTopStyle") == "none"
        pinned = page.get_by_text("pinned below").bounding_box()
        last = page.get_by_text("last in the cell").bounding_box()
        assert pinned["y"] > last["y"]  # drawn first, shown at the cell's bottom
        logo = page.locator(".jr-logo")
        expect(logo).to_be_visible()
        box = logo.bounding_box()
        assert box["x"] < 40 and box["y"] < 40 and logo.locator("a").get_attribute("href") == "http://127.0.0.1:9/home"
        page.wait_for_timeout(1500)  # the PDF viewer paints in its own process
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "voila-api-rest.png"), full_page=True)
        pages = page.locator(".jr-pagination .jr-page")
        assert pages.all_inner_texts() == ["‹", "1", "2", "3", "4", "12", "›"]
        expect(page.locator(".jr-page-gap")).to_have_count(1)  # "…" between 4 and 12
        page.get_by_role("button", name="Page 3").click()
        expect(page.get_by_text("page 3")).to_be_visible()
        page.get_by_role("button", name="Next page").click()
        expect(page.get_by_text("page 4")).to_be_visible()
        expect(page.locator(".jr-page.jr-selected")).to_have_text("4")
        page.get_by_role("button", name="Export").click()
        page.get_by_role("button", name="json").click()
        expect(page.get_by_text("picked json")).to_be_visible()
