"""The text family in a real browser, offline (every request not to 127.0.0.1 aborted):
JupyterLab and Voila in Debian's Chromium show every text element, Streamlit's colours,
emoji and Material icons (drawn from the outlines the package ships), LaTeX typeset by
the front end's MathJax, markdown in a widget label, a JSON tree that folds, a help
tooltip and a code block's copy button. Screenshots go to artifacts/text-*.png."""

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

CELL = r'''%%rerun
jr.title("Sales dashboard :sunglasses:", help="A **title** with a tooltip")
jr.title("Dashboard", icon=":material/dashboard:", anchor=False)
jr.header("Header with a divider", divider=True)
jr.subheader("_Streamlit_ is :blue[cool] :sunglasses:", divider="rainbow")
jr.markdown("""
*Streamlit* is **really** ***cool***. :red[Streamlit] :orange[can] :green[write] :blue[text]
:violet[in] :gray[pretty] :rainbow[colors] and :blue-background[highlight] text.
Badges :green-badge[:material/check: Done] :orange-badge[⚠️ Needs review] :gray-badge[Deprecated].
A bouquet: :tulip::cherry_blossom::rose::hibiscus::sunflower::blossom:
Icons :material/home: :material/thumb_up: and **:red[bold red :material/favorite:]**,
math $e^{i\pi} + 1 = 0$ costs $5 and $10, a [link](https://streamlit.io), ~~struck~~, `code`, a -> b.

| a | b |
|---|---|
| 1 | 2 |
""", help="markdown help")
jr.caption("A caption with _italics_ :blue[colors] and emojis :sunglasses:")
jr.text("Plain text: [not a link](x) <b>not bold</b>")
jr.code("def hello():\n    print('Hello, Streamlit!')", line_numbers=True)
jr.latex(r"a + ar + a r^2 + \cdots + a r^{n-1} = \sum_{k=0}^{n-1} ar^k = a \left(\frac{1-r^{n}}{1-r}\right)")
jr.divider()
jr.badge("Success", icon=":material/check:", color="green")
jr.json({"foo": "bar", "stuff": ["stuff 1", "stuff 2"], "level1": {"level2": {"level3": {"a": "b"}}}}, expanded=2)
jr.html("<p><span style='text-decoration: line-through double red;'>Oops</span>!</p>")
jr.html("<p id='jr-no-js'>scripts stay out</p><script>document.getElementById('jr-no-js').textContent = 'ran'</script>")
jr.html("<p id='jr-js'>waiting</p><script>document.getElementById('jr-js').textContent = 'script ran'</script>",
        unsafe_allow_javascript=True)
with jr.echo():
    jr.write("echoed: 1 + 1 =", 2)
jr.help(len)
n = jr.slider("**Pick** a :blue[number] :sunglasses: :material/bolt:", 0, 10, 3)
jr.write("You picked", n)
'''
KINDS = ("title", "header", "subheader", "markdown", "caption", "text", "code", "latex",
         "divider", "badge", "json", "html", "help")
CODE = "def hello():\n    print('Hello, Streamlit!')"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    base = tmp_path_factory.mktemp("text-browser")
    (root := base / "notebooks").mkdir()
    write_notebook(root / "text.ipynb", ["%load_ext jupyter_rerun\nimport jupyter_rerun as jr", CELL])
    env = isolated_env(base / "jupyter")
    lab, lab_url = start_lab(root, env)
    voila, voila_url = start_voila(root, "text.ipynb", env)
    yield lab_url, voila_url
    lab.stop()
    voila.stop()


@pytest.fixture
def page(browser):
    with offline_page(browser, width=1100, height=2300) as page:  # the viewport holds the cell
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        yield page


def check_every_text_element(page, shot: str) -> None:
    cell = page.locator(".jupyter-rerun-cell").first
    expect(cell.locator(".jr-element-help")).to_be_visible()
    for kind in KINDS:
        expect(cell.locator(f".jr-element-{kind}").first).to_be_visible()
    shown = cell.inner_text()
    for literal in (":blue[", ":material/", ":sunglasses:", ":tulip:", "\\frac", "\\(", "$e^"):
        assert literal not in shown, literal  # every directive, shortcode and formula rendered
    assert "😎" in shown and "🌷🌸🌹🌺🌻🌼" in shown and "a → b" in shown and "$5 and $10" in shown
    colour = cell.locator(".jr-element-markdown .jr-color-blue").first
    assert colour.evaluate("e => getComputedStyle(e).color") == "rgb(28, 131, 225)"
    badge = cell.locator(".jr-element-markdown .jr-badge-green").first
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(33, 161, 66, 0.12)"
    home = cell.locator('.jr-icon[aria-label="home"]').first
    assert home.bounding_box()["width"] > 10
    assert "data:image/svg+xml" in home.evaluate("e => getComputedStyle(e).webkitMaskImage")
    # LaTeX, typeset by the front end's MathJax, inline in markdown and displayed by latex
    expect(cell.locator(".jr-element-markdown .jr-math mjx-container")).to_have_count(1)
    expect(cell.locator(".jr-element-latex mjx-container")).to_have_count(1)
    assert cell.locator(".jr-element-latex mjx-container").bounding_box()["width"] > 200
    # markdown in a widget label: bold, a colour, an emoji and an icon
    label = cell.locator(".widget-label").filter(has_text="Pick").first
    expect(label.locator("strong")).to_have_text("Pick")
    assert label.locator(".jr-color-blue").evaluate("e => getComputedStyle(e).color") == "rgb(28, 131, 225)"
    assert label.locator('.jr-icon[aria-label="bolt"]').bounding_box()["width"] > 5
    # st.html's scripts run only with unsafe_allow_javascript=True
    expect(cell.locator("#jr-js")).to_have_text("script ran")
    expect(cell.locator("#jr-no-js")).to_have_text("scripts stay out")
    # the help tooltip shows its markdown on hover
    tip = cell.locator(".jr-element-title .jr-tip").first
    tip.hover()
    expect(tip.locator(".jr-tip-text strong")).to_have_text("title")
    # the JSON tree folds: level2 starts folded, a click opens it
    summary = cell.locator(".jr-element-json summary", has_text='"level2"')
    level2 = summary.locator("xpath=..")
    assert level2.get_attribute("open") is None
    summary.click()
    expect(level2).to_have_attribute("open", "")
    expect(cell.locator(".jr-element-json summary", has_text='"level3"')).to_be_visible()
    cell.page.screenshot(path=str(ARTIFACTS / shot))
    # the copy button copies the code, not the line numbers
    code = cell.locator(".jr-element-code").first
    code.hover()
    code.locator(".jr-code-copy").click()
    expect(code.locator(".jr-code-copy.jr-copied")).to_be_visible()
    assert code.locator(".jr-code-box").evaluate("e => e.parentElement.parentElement.dataset.copied") == CODE


def test_lab_shows_every_text_element(servers, page):
    lab_url, _ = servers
    page.goto(f"{lab_url}/lab/tree/text.ipynb?reset&token={TOKEN}")
    expect(page.get_by_text(KERNEL_IDLE)).to_be_visible(timeout=90_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    check_every_text_element(page, "text-lab.png")
    assert page.evaluate("navigator.clipboard.readText()") == CODE


def test_voila_shows_every_text_element(servers, page):
    _, voila_url = servers
    page.goto(f"{voila_url}/?token={TOKEN}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    check_every_text_element(page, "text-voila.png")
