"""The text family in real kernels (both event modes): title, header, subheader, markdown,
caption, text, code, latex, divider, badge, json, html, help, echo, write and write_stream,
and markdown in widget labels. What reaches the front end is read from the models' state
as the kernel sent it: the HTML, the model classes, the messages each rerun sent."""

from __future__ import annotations

import html as html_module
import re

import pytest
from conftest import Cell, only, unique

from jupyter_rerun.ui.markdown import label_html, render, to_html
from jupyter_rerun.ui.sanitize import sanitize_html


def drawn(kernel, container: str, kind: str) -> list[str]:
    """Ids of the models of text element `kind` under `container`, in order."""
    found = []
    for name in ("HTMLModel", "HTMLMathModel", "AnyModel"):
        found += [m for m in kernel.find(container, name)
                  if f"jr-element-{kind}" in kernel.models[m].get("_dom_classes", ())]
    return sorted(found, key=lambda m: _order(kernel, container).index(m))


def _order(kernel, container: str) -> list[str]:
    ids = [container]
    for child in kernel.children(container):
        ids += _order(kernel, child)
    return ids


def html_of(kernel, model: str) -> str:
    state = kernel.models[model]
    return state.get("value", state.get("html", ""))


def text_of(html: str) -> str:
    """What a browser shows of `html`, as text."""
    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def code_text(html: str) -> str:
    """The lines of a code block, as its copy button copies them."""
    return "\n".join(text_of(line) for line in
                     re.findall(r'<span class="jr-code-text"[^>]*>(.*?)</span></div>', html))


def updates(kernel, since: int, model: str) -> list[dict]:
    return [m["content"]["data"]["state"] for m in kernel.messages_since(since, "comm_msg")
            if m["content"]["comm_id"] == model and m["content"]["data"].get("method") == "update"]


ELEMENTS = [
    # (call, kind, model, what its HTML holds)
    ("jr.title('Sales :sunglasses:')", "title", "HTMLModel",
     ['<h1 id="sales"', "Sales 😎", 'class="jr-anchor" href="#sales"']),
    ("jr.title('Plan', anchor='my-plan', icon=':material/home:')", "title", "HTMLModel",
     ['<h1 id="my-plan"', 'aria-label="home"', "-webkit-mask:url('data:image/svg+xml,"]),
    ("jr.title('No link', anchor=False)", "title", "HTMLModel", ['<h1 id="no-link"', "!jr-anchor"]),
    ("jr.header('Part :blue[one]', divider='red')", "header", "HTMLModel",
     ["<h2", 'class="jr-color jr-color-blue" style="color:rgb(28,131,225)"', "jr-rule-red"]),
    ("jr.subheader('Sub', help='a **tip**', divider='rainbow')", "subheader", "HTMLModel",
     ["<h3", 'class="jr-tip"', "<strong>tip</strong>", "jr-rule-rainbow", "linear-gradient"]),
    ("jr.markdown('**bold** :red-background[hot] :green-badge[ok] [x](https://x.org)')",
     "markdown", "HTMLModel", ["<strong>bold</strong>", "jr-background-red", "jr-badge-green",
                               'target="_blank"']),
    ("jr.markdown(r'Euler $e^{i\\pi}+1=0$, for $5')", "markdown", "HTMLMathModel",
     ['<span class="jr-math">\\(e^{i\\pi}+1=0\\)</span>', "for \\$5"]),
    ("jr.markdown('<b>raw</b>')", "markdown", "HTMLModel", ["&lt;b&gt;raw&lt;/b&gt;"]),
    ("jr.markdown('<b>raw</b><img src=x onerror=alert(1)>', unsafe_allow_html=True)", "markdown",
     "HTMLModel", ["<b>raw</b>", '<img src="x">', "!onerror"]),
    ("jr.markdown('one line *only*', wrap=False, width=300, text_alignment='center')",
     "markdown", "HTMLModel", ["width:300px", "text-align:center", "text-overflow:ellipsis",
                               "<em>only</em>", "!<p>"]),
    ("jr.caption('small :blue[print]')", "caption", "HTMLModel",
     ['class="jr-caption"', "jr-color-blue"]),
    ("jr.text('a <b>\\n  *b*')", "text", "HTMLModel",
     ["a &lt;b&gt;\n  *b*", "white-space:pre-wrap", "width:fit-content"]),
    ("jr.code('def f():\\n    return 1', line_numbers=True)", "code", "AnyModel",
     ['class="jr-code-copy"', '<span class="jr-line-number"', ">1</span>", ">2</span>",
      '<span style="color:#008000;font-weight:bold">def</span>']),
    ("jr.code('plain', language=None, wrap_lines=True, height=100)", "code", "AnyModel",
     ["pre-wrap", "max-height:100px", '<span class="jr-code-text" style="flex:1 1 auto;min-width:0">plain</span>']),
    ("jr.latex(r'\\frac{a}{b}')", "latex", "HTMLMathModel", ["\\[\\frac{a}{b}\\]"]),
    ("jr.divider()", "divider", "HTMLModel", ['<hr class="jr-rule">']),
    ("jr.badge('New', icon='🔥', color='orange')", "badge", "HTMLModel",
     ["jr-badge-orange", "🔥", "New"]),
    ("jr.json({'a': [1, None], 'b': {'c': 'd'}}, expanded=1)", "json", "HTMLModel",
     ['<details class="jr-json-node" open>', '<details class="jr-json-node" style', "&quot;c&quot;",
      'jr-json-null">null']),
    ("jr.json('{\"k\": true}')", "json", "HTMLModel", ["&quot;k&quot;", 'jr-json-boolean">true']),
    ("jr.html('<p onclick=\"go()\">hi</p><script>bad()</script>')", "html", "HTMLModel",
     ["<p>hi</p>", "!onclick", "!bad()"]),
    ("jr.html('<b onclick=\"go()\">js</b><script>run()</script>', unsafe_allow_javascript=True)",
     "html", "AnyModel", ['<b onclick="go()">js</b><script>run()</script>']),
    ("jr.help(len)", "help", "HTMLModel",
     ['jr-help-name">len<', "builtins.len(obj, /)", "Return the number of items"]),
]


@pytest.mark.parametrize("call, kind, model, expected", ELEMENTS,
                         ids=[call.split("(")[0] + str(i) for i, (call, *_) in enumerate(ELEMENTS)])
def test_each_element_reaches_the_front_end_as_html(kernel, call, kind, model, expected):
    cell = Cell(kernel, call)
    (element,) = drawn(kernel, cell.container, kind)
    assert kernel.models[element]["_model_name"] == model
    html = html_of(kernel, element)
    for piece in expected:
        if piece.startswith("!"):
            assert piece[1:] not in html, (piece, html)
        else:
            assert piece in html, (piece, html)


def test_only_html_that_may_run_javascript_gets_the_model_that_runs_it(kernel):
    cell = Cell(kernel, "jr.html('<i>a</i>')\njr.html('<i>b</i>', unsafe_allow_javascript=True)")
    plain, scripted = drawn(kernel, cell.container, "html")
    assert kernel.models[plain]["_model_name"] == "HTMLModel"  # never runs a script
    assert kernel.models[scripted]["scripts"] is True


def test_elements_update_in_place_in_one_message_and_unchanged_ones_send_nothing(kernel):
    n = unique("n")
    kernel.execute(f"{n} = w.IntSlider(1)")
    cell = Cell(kernel, f"""
        v = {n}.value
        jr.title(f"Run {{v}}")
        jr.markdown(f"**{{v}}** :blue[x]")
        jr.code(f"v = {{v}}")
        jr.json({{"v": v}})
        jr.caption("never changes")
        jr.text("fixed")
    """)
    kinds = ("title", "markdown", "code", "json", "caption", "text")
    before = {kind: drawn(kernel, cell.container, kind)[0] for kind in kinds}
    mark = len(kernel.log)
    slider = kernel.execute(f"display({n})").views[0]
    kernel.update(slider, value=2)
    cell.wait_for("Run 2")
    kernel.sync()
    after = {kind: drawn(kernel, cell.container, kind)[0] for kind in kinds}
    assert after == before  # the same models
    for kind in ("title", "markdown", "json"):
        (update,) = updates(kernel, mark, before[kind])
        assert set(update) == {"value"} and "2" in update["value"]
    (code_update,) = updates(kernel, mark, before["code"])
    assert set(code_update) == {"html"}
    for kind in ("caption", "text"):
        assert updates(kernel, mark, before[kind]) == []
    assert kernel.messages_since(mark, "comm_open") == []
    mark = len(kernel.log)
    kernel.handled(kernel.update(slider, value=2))  # the same value again: no rerun, nothing
    kernel.update(slider, value=3)
    cell.wait_for("Run 3")
    kernel.update(slider, value=3)
    kernel.sync()
    assert all(len(updates(kernel, mark, model)) <= 1 for model in before.values())


def test_a_text_that_gains_math_is_typeset(kernel):
    flag = unique("flag")
    kernel.execute(f"{flag} = w.Checkbox(False)")
    cell = Cell(kernel, f"jr.markdown('area $\\\\pi r^2$' if {flag}.value else 'area')")
    (plain,) = drawn(kernel, cell.container, "markdown")
    assert kernel.models[plain]["_model_name"] == "HTMLModel"
    kernel.update(kernel.execute(f"display({flag})").views[0], value=True)
    cell.wait_for("pi r^2")
    kernel.sync()
    (typeset,) = drawn(kernel, cell.container, "markdown")
    assert kernel.models[typeset]["_model_name"] == "HTMLMathModel"
    assert "\\(\\pi r^2\\)" in html_of(kernel, typeset)


BAD = [
    ("jr.header('h', divider='pink')", "divider='pink'; it takes True, False or a colour"),
    ("jr.title('t', anchor=True)", "anchor=True; it takes None"),
    ("jr.title('t', icon=':material/no_such_icon_zz:')", "is not a Material Symbol"),
    ("jr.subheader('s', icon='xy')", "use one emoji like"),
    ("jr.markdown('m', width='wide')", "width='wide'; it takes 'stretch' or 'content'"),
    ("jr.markdown('m', wrap=False, unsafe_allow_html=True)", "wrap=False cannot be combined"),
    ("jr.caption('c', text_alignment='middle')", "text_alignment='middle'"),
    ("jr.badge('b', color='pink')", "color='pink'; it takes"),
    ("jr.json({}, expanded=-1)", "expanded=-1; it takes True, False or a number of levels"),
    ("jr.json('{not json')", "the string is not JSON"),
    ("jr.code('c', height=0)", "height=0; it takes 'content', 'stretch'"),
    ("jr.divider(width='content')", "width='content'; it takes 'stretch'"),
    ("jr.html('')", "the HTML is empty"),
    ("jr.echo('left')", "code_location='left'"),
    ("jr.write_stream('text')", "a str is not a stream"),
    ("jr.write_stream(42)", "a int cannot be iterated"),
]


@pytest.mark.parametrize("body, message", BAD, ids=[b.split("(")[0] + str(i) for i, (b, _) in enumerate(BAD)])
def test_a_bad_argument_is_a_one_line_error_in_the_container(kernel, body, message):
    cell = Cell(kernel, f"jr.markdown('before it')\n{body}\njr.markdown('never drawn')")
    text = cell.text()
    assert message in text, text
    assert "ElementError" in text and "Traceback" not in text and "\n  File " not in text
    assert "before it" in text and "never drawn" not in text
    assert cell.execution.error is None
    (before,) = drawn(kernel, cell.container, "markdown")
    assert "before it" in html_of(kernel, before)


def test_outside_a_rerun_cell_an_element_is_shown_once_with_its_styles(kernel):
    shown = kernel.execute("jr.markdown('**outside** :blue[run]')")
    (box,) = shown.views  # a box with the page's styles, as a cell's container has
    assert "jupyter-rerun-cell" in kernel.models[box]["_dom_classes"]
    sheet, view = kernel.children(box)
    assert kernel.models[sheet]["value"].startswith("<style>")
    html = html_of(kernel, view)
    assert "<strong>outside</strong>" in html and "jr-color-blue" in html


def test_write_dispatches_as_streamlit_does(kernel):
    cell = Cell(kernel, """
        import types
        def documented():
            '''Says hello.'''
        jr.write("Hello, *World!* :sunglasses:")
        jr.write("1 + 1 = ", 2, "and", [3])
        jr.write({"key": "value"})
        jr.write(documented)
        jr.write(types.SimpleNamespace)
        class Lines:
            def __str__(self):
                return "a\\nb"
        jr.write(Lines())
    """)
    markdowns = [html_of(kernel, m) for m in drawn(kernel, cell.container, "markdown")]
    assert "<em>World!</em> 😎" in markdowns[0]
    assert "1 + 1 =  <code>2</code> and" in markdowns[1]  # texts and scalars joined
    jsons = [html_of(kernel, m) for m in drawn(kernel, cell.container, "json")]
    assert '"key": "value"' in text_of(jsons[1]) and 'jr-json-number">3' in jsons[0]  # [3] is its own element
    helps = [html_of(kernel, m) for m in drawn(kernel, cell.container, "help")]
    assert "Says hello." in helps[0] and ">class<" in helps[1]
    assert "<pre><code>a\nb\n</code></pre>" in markdowns[-1]  # a multi-line str() as a block


def test_write_of_a_frame_or_an_exception_goes_to_their_elements(kernel):
    """Whichever family draws them: write looks its elements up by name when it writes."""
    cell = Cell(kernel, """
        import pandas as pd, numpy as np
        import jupyter_rerun.ui as ui
        drew, real = [], ui.elements
        def standing_in(name):
            def element(value):
                drew.append((name, type(value).__name__))
                return jr.text(f"{name} here")
            return element
        ui.elements = lambda: {**real(), **{name: standing_in(name) for name in ("dataframe", "exception")}}
        try:
            jr.write("a frame:", pd.DataFrame({"x": [1]}), ValueError("boom"), pd.Series([1]),
                     np.arange(3), {"col": pd.Series([1])})
        finally:
            ui.elements = real
        print(drew)
    """)
    assert ("[('dataframe', 'DataFrame'), ('exception', 'ValueError'), ('dataframe', 'Series'), "
            "('dataframe', 'ndarray'), ('dataframe', 'dict')]") in cell.text()


def test_write_stream_grows_one_element_and_returns_what_it_wrote(kernel):
    cell = Cell(kernel, """
        def words():
            yield "Hello "
            yield "world"
            yield {"n": 1}
            yield "again"
        got = jr.write_stream(words)
        only_text = jr.write_stream(iter(["a", "b"]))
        print(repr(got), repr(only_text))
    """)
    assert "['Hello world', {'n': 1}, 'again'] 'ab'" in cell.text()
    texts = [html_of(kernel, m) for m in drawn(kernel, cell.container, "markdown")]
    assert [t for t in texts] == ['<div class="jr-markdown"><p>Hello world</p></div>',
                                  '<div class="jr-markdown"><p>again</p></div>',
                                  '<div class="jr-markdown"><p>ab</p></div>']


def test_write_of_several_elements_into_one_place_is_refused(kernel):
    cell = Cell(kernel, "slot = jr.empty()\nslot.write('a', {'b': 1})")
    assert "cannot put several elements in the place of one" in cell.text()


def test_echo_shows_the_code_of_its_block_then_runs_it(kernel):
    cell = Cell(kernel, """
        jr.markdown("first")
        with jr.echo():
            x = 6 * 7
            jr.write(f"x is {x}")
        with jr.echo(code_location="below"):
            jr.text("after the code? no: before")
    """)
    (above, below) = drawn(kernel, cell.container, "code")
    shown = code_text(html_of(kernel, above))
    assert shown == 'x = 6 * 7\njr.write(f"x is {x}")'
    order = _order(kernel, cell.container)
    (written,) = [m for m in drawn(kernel, cell.container, "markdown") if "x is 42" in html_of(kernel, m)]
    (text,) = drawn(kernel, cell.container, "text")
    assert order.index(above) < order.index(written) < order.index(text) < order.index(below)
    assert code_text(html_of(kernel, below)) == 'jr.text("after the code? no: before")'


def test_help_names_the_variable_and_lists_members(kernel):
    cell = Cell(kernel, """
        class Dog:
            '''A typical dog.'''
            def __init__(self, breed):
                self.breed = breed
            def bark(self):
                '''Says woof.'''
                return 'Woof!'
        fido = Dog("poodle")
        jr.help(fido)
    """)
    (box,) = drawn(kernel, cell.container, "help")
    html = html_of(kernel, box)
    for piece in ('jr-help-name">fido<', 'jr-help-type">Dog<', "A typical dog.",
                  '>bark</td><td class="jr-help-type">method</td><td class="jr-help-text">Says woof.',
                  ">breed</td>", "&#x27;poodle&#x27;"):
        assert piece in html, (piece, html)


def test_style_only_html_takes_no_room_and_dividers_cycle(kernel):
    cell = Cell(kernel, """
        jr.html("<style>.mine { color: red }</style>")
        for name in ("a", "b", "c"):
            jr.header(name, divider=True)
    """)
    (sheet,) = drawn(kernel, cell.container, "html")
    layout = kernel.models[kernel.models[sheet]["layout"].removeprefix("IPY_MODEL_")]
    assert layout["display"] == "none"
    colours = [html_of(kernel, m).split("jr-rule-")[1].split('"')[0]
               for m in drawn(kernel, cell.container, "header")]
    assert colours == ["blue", "green", "orange"]


def test_widget_labels_render_markdown(kernel):
    cell = Cell(kernel, """
        jr.slider("**Pick** :blue[one] :sunglasses:", 0, 5)
        jr.checkbox("~~old~~ *new*")
        jr.button("Go :rocket: **now**")
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    state = kernel.models[slider]
    assert state["description_allow_html"] is True
    assert state["description"] == ('<strong>Pick</strong> <span class="jr-color jr-color-blue" '
                                    'style="color:rgb(28,131,225)">one</span> 😎')
    box = kernel.models[only(kernel, cell.container, "CheckboxModel")]
    assert box["description"] == '<span style="text-decoration:line-through">old</span> <em>new</em>'
    button = kernel.models[only(kernel, cell.container, "ButtonModel")]
    assert button["description"] == "Go 🚀 **now**"  # a button shows text only


def test_a_cached_function_s_text_elements_are_drawn_again_on_a_hit(kernel):
    calls = unique("calls")
    kernel.execute(f"{calls} = []\n@jr.cache_data\ndef {calls}_report(x):\n    {calls}.append(x)\n"
                   f"    jr.code(f'x = {{x}}')\n    jr.json({{'x': x}})\n    return x")
    cell = Cell(kernel, f"v = jr.slider('v', 0, 9, 0)\n{calls}_report(v % 2)\njr.text(f'v={{v}}')")
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=1)  # report(1): a miss, drawing x = 1 into the same models
    cell.wait_for("v=1")
    kernel.update(slider, value=2)  # report(0) again: a hit, which shows x = 0 again
    cell.wait_for("v=2")
    kernel.sync()
    assert kernel.value(calls) == [0, 1]
    (code,) = drawn(kernel, cell.container, "code")
    assert code_text(html_of(kernel, code)) == "x = 0"
    assert len(drawn(kernel, cell.container, "json")) == 1


# -- the markdown renderer and the sanitiser, without a kernel -------------------------------
MARKDOWN = [
    # (markdown, pieces of its HTML; "!" pieces must not be there)
    (":blue[blue **bold**] **:red[red in bold]**",
     ['<span class="jr-color jr-color-blue" style="color:rgb(28,131,225)">blue <strong>bold</strong></span>',
      '<strong><span class="jr-color jr-color-red"']),
    (":violet[v] :gray[g] :grey[g2] :orange[o] :green[gr] :primary[p] :yellow[y]",
     ["jr-color-violet", "jr-color-gray", "jr-color-grey", "jr-color-orange", "jr-color-green",
      "jr-color-primary", "jr-color-yellow"]),
    (":rainbow[r] :rainbow-background[rb]", ["background-clip:text", "jr-background-rainbow"]),
    (":red-background[hot] :blue-badge[b] :small[s] :shimmer[...]",
     ["background-color:rgba(255,43,43,0.15)", "jr-badge-blue", "font-size:0.875em",
      "jr-shimmer"]),
    (':color[c]{foreground="#d50000" background="rgb(0,100,200)"}',
     ['style="color:#d50000;background-color:rgb(0,100,200)"']),
    (':color[evil]{foreground="red;background:url(x)" background="x\\" onmouseover=y"}',
     ['<span class="jr-color jr-color-custom">evil</span>', "!url(", "!onmouseover"]),
    (":rainbow-badge[no] :nocolor[x] :blue[unclosed", [":rainbow-badge[no] :nocolor[x] :blue[unclosed"]),
    ("\\:blue[escaped] `:blue[code]`", [":blue[escaped]", "<code>:blue[code]</code>", "!jr-color"]),
    (":sunglasses: :+1: :tulip: :no_such_code: 10:30:45", ["😎 👍 🌷 :no_such_code: 10:30:45"]),
    (":zany: :partying: :monocle: :tada: :rocket: :white_check_mark:", ["🤪 🥳 🧐 🎉 🚀 ✅"]),
    (":material/home: :material/zz_not_an_icon:", ['aria-label="home"', "-webkit-mask:url(",
                                                   'jr-icon-missing" title="material/zz_not_an_icon"']),
    ("a -> b <- c <-> d -- e >= f <= g ~= h `x->y`", ["a → b ← c ↔ d — e ≥ f ≤ g ≈ h <code>x-&gt;y</code>"]),
    ("# A *Title*, here!", ['<h1 id="a-title-here">A <em>Title</em>, here!</h1>']),
    ("[ok](https://x.org) [bad](javascript:alert(1)) <https://y.org>",
     ['<a href="https://x.org" target="_blank" rel="noopener noreferrer">ok</a>',
      "[bad](javascript:alert(1))", 'href="https://y.org"']),
    ("<b>html</b> <img src=x onerror=alert(1)>", ["&lt;b&gt;html&lt;/b&gt; &lt;img", "!<img"]),
    ("| a | b |\n|---|---|\n| 1 | 2 |", ["<table>", "<td>1</td>"]),
    ("~~gone~~", ["<s>gone</s>"]),
]


@pytest.mark.parametrize("text, pieces", MARKDOWN, ids=range(len(MARKDOWN)))
def test_markdown_extensions(text, pieces):
    html = to_html(text)
    for piece in pieces:
        if piece.startswith("!"):
            assert piece[1:] not in html, (piece, html)
        else:
            assert piece in html, (piece, html)


MATH = [
    # (markdown, math?, pieces)
    ("$x^2$ and $$y$$", True, ['<span class="jr-math">\\(x^2\\)</span>',
                              '<div class="jr-math jr-math-display">\\[y\\]</div>']),
    ("$$\n\\sum_{k=0}^n k\n$$", True, ['<div class="jr-math jr-math-display">\\[\\sum_{k=0}^n k\\]</div>']),
    ("$5 and $10", False, ["$5 and $10"]),  # no math: the dollars stay as they are
    ("$a$ costs $5 and $10", True, ["costs \\$5 and \\$10"]),  # math: the others escaped
    ("$ x $ and $x $ and $x$5", False, ["$ x $ and $x $ and $x$5"]),
    ("\\$x$ `$y$`", False, ["$x$", "<code>$y$</code>"]),
    ("$a_1 *b* a_2$", True, ["\\(a_1 *b* a_2\\)"]),  # markdown does not reach inside
    ("$x<y \\& </span><img src=x onerror=1>$", True,
     ["\\(x&lt;y \\&amp; &lt;/span&gt;&lt;img src=x onerror=1&gt;\\)", "!<img"]),
]


@pytest.mark.parametrize("text, math, pieces", MATH, ids=range(len(MATH)))
def test_markdown_math(text, math, pieces):
    rendered = render(text)
    assert rendered.math is math
    for piece in pieces:
        if piece.startswith("!"):
            assert piece[1:] not in rendered.html, (piece, rendered.html)
        else:
            assert piece in rendered.html, (piece, rendered.html)


def test_markdown_with_html_allowed_still_drops_scripts():
    html = to_html('<b onclick="x()">b</b><script>alert(1)</script><a href="javascript:1">a</a>',
                   allow_html=True)
    assert html == "<p><b>b</b><a>a</a></p>"
    assert to_html("plain", inline=True) == "plain"


def test_labels_escape_dollars_and_keep_strikethrough_as_a_style():
    # ipywidgets typesets every label: a lone dollar must not start math there
    assert label_html("~~old~~ costs $5") == '<span style="text-decoration:line-through">old</span> costs \\$5'
    assert label_html("# not a heading") == "# not a heading"


SANITIZED = [
    ("<img src=x onerror=alert(1)>", '<img src="x">'),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", "<svg><style>&lt;img src=x onerror=alert(1)></style></svg>"),
    ('<a href=" jAvA&#x09;script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="data:text/html,<script>1</script>">x</a><img src="data:image/png;base64,AA">',
     '<a>x</a><img src="data:image/png;base64,AA">'),
    ('<iframe srcdoc="<script>1</script>"></iframe><object data="x"></object>ok', "ok"),
    ("<noscript><p title=\"</noscript><img src=x onerror=1>\">", ""),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', '<svg><animate attributename="href" /></svg>'),
    ('<base href="//evil"><meta http-equiv="refresh" content="0"><link rel=stylesheet href=x>t', "t"),
    ("<style>p > b { color: red }</style><!-- c --><p style='color:red'>a &amp; b</p>",
     '<style>p > b { color: red }</style><p style="color:red">a &amp; b</p>'),
]


@pytest.mark.parametrize("html, safe", SANITIZED, ids=range(len(SANITIZED)))
def test_sanitizer_takes_out_what_runs_code(html, safe):
    assert sanitize_html(html) == safe


def test_a_rerun_of_every_text_element_unchanged_sends_nothing(kernel):
    n = unique("n")
    kernel.execute(f"{n} = w.IntSlider(1)")
    body = "\n".join([f"{n}.value"] + [call for call, *_ in ELEMENTS]
                     + ["with jr.echo():\n    jr.write('a', 1, {'b': 2})"])
    cell = Cell(kernel, body)
    slider = kernel.execute(f"display({n})").views[0]
    kernel.update(slider, value=2)  # the cell reads it, so it reruns, drawing the same
    kernel.sync()
    mark = len(kernel.log)
    kernel.update(slider, value=3)
    kernel.sync()
    sent = [m for m in kernel.messages_since(mark, "comm_msg", "comm_open", "display_data")
            if m["content"].get("comm_id") != slider]
    assert sent == []
    assert len(drawn(kernel, cell.container, "markdown")) >= 6


def test_write_stream_shows_the_text_as_it_grows_in_a_slow_run(kernel):
    cell = Cell(kernel, """
        import time
        def slowly():
            for word in ["one ", "two ", "three ", "four"]:
                time.sleep(0.1)
                yield word
        jr.write_stream(slowly, cursor=":material/more_horiz:")
    """)
    (model,) = drawn(kernel, cell.container, "markdown")
    assert html_of(kernel, model) == '<div class="jr-markdown"><p>one two three four</p></div>'
    grown = [state["value"] for state in updates(kernel, 0, model) if "value" in state]
    assert len(grown) >= 2 and "jr-icon" in grown[0]  # drawn while it ran, the cursor after it
