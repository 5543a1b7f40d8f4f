"""Streamlit code unchanged in a %%rerun cell: `import streamlit` gives jupyter_rerun's API
there (and only there), Streamlit's magic shows bare expressions, components.v1 draws
frames, multi-page apps say they are not supported.

Real kernels, both event modes (the `kernel` fixture)."""

from __future__ import annotations

import pytest
from conftest import Cell, only, unique

REAL_STREAMLIT = "import sys; print('streamlit' in sys.modules)"


def test_import_streamlit_as_st_gives_jupyter_rerun_inside_the_cell_only(kernel):
    before = kernel.execute(REAL_STREAMLIT).stdout.strip()
    hooks = "[type(h).__name__ for h in __import__('sys').meta_path]"
    hooks_before = kernel.value(hooks)
    cell = Cell(kernel, """
        import streamlit as st
        print("st is", st.__name__)
        st.header("hello from st")
    """)
    assert "st is jupyter_rerun" in cell.text() and "hello from st" in cell.text()
    # nothing global changed: no hook, and Streamlit itself was not imported
    assert kernel.execute(REAL_STREAMLIT).stdout.strip() == before
    assert kernel.value(hooks) == hooks_before
    real = kernel.execute("import streamlit as real\nprint(real.__name__, hasattr(real, 'delta_generator'))")
    assert real.stdout.strip() == "streamlit True"


IMPORTS = [
    ("import streamlit\nstreamlit.text('via the package')", "via the package"),
    ("from streamlit import text, session_state\ntext(f'from-import {type(session_state).__name__}')",
     "from-import SessionState"),
    ("import streamlit.components.v1 as components\ncomponents.html('<b>framed</b>')", "framed"),
    ("from streamlit.components.v1 import html\nhtml('<i>framed too</i>')", "framed too"),
    ("import streamlit.components.v1\nstreamlit.components.v1.html('<u>dotted</u>')", "dotted"),
    ("from streamlit import components\ncomponents.v1.iframe('http://127.0.0.1:9/page')",
     "http://127.0.0.1:9/page"),
    ("import os, streamlit as st\nst.text(os.sep + ' mixed')", "/ mixed"),
    ("def draw():\n    import streamlit as st\n    st.text('inside a function')\ndraw()",
     "inside a function"),
]


@pytest.mark.parametrize("body, shown", IMPORTS, ids=[i[0].split("\n")[0] for i in IMPORTS])
def test_every_form_of_importing_streamlit_works(kernel, body, shown):
    cell = Cell(kernel, body)
    assert shown in cell.text()
    assert "Error" not in cell.text()


def test_streamlit_need_not_be_installed(fresh_kernel):
    fresh_kernel.execute("import sys\nsys.modules['streamlit'] = None  # import streamlit now fails\n"
                         "%load_ext jupyter_rerun")
    plain = fresh_kernel.execute("import streamlit", allow_errors=True)
    assert plain.error.startswith("ModuleNotFoundError")
    cell = Cell(fresh_kernel, "import streamlit as st\nfrom streamlit.components.v1 import html\n"
                              "st.text('no Streamlit needed')")
    assert "no Streamlit needed" in cell.text() and "Error" not in cell.text()


def test_streamlit_internals_are_a_one_line_error_naming_the_module(kernel):
    cell = Cell(kernel, "import streamlit as st\nst.text('before')\n"
                        "from streamlit.runtime.scriptrunner import get_script_run_ctx\nst.text('after')")
    text = cell.text()
    assert "before" in text and "after" not in text
    assert "streamlit.runtime.scriptrunner is not available in a %%rerun cell" in text
    assert "in this cell, line 3" in text and "Traceback" not in text
    caught = Cell(kernel, "try:\n    import streamlit.web.cli\nexcept ModuleNotFoundError as error:\n"
                          "    print('caught', error.name)")
    assert "caught streamlit.web.cli" in caught.text()


MAGIC = '''
"""A docstring is not shown."""
import streamlit as st

"# A title, written as markdown"
x = 6
x * 7
"hidden";
numbers = [10, 20]
f"numbers {numbers}"
st.text("a call draws itself")
len("call")
with st.container():
    "inside with"
for i in range(2):
    f"loop {i}"
if x > 1:
    "inside if"
else:
    "never"
try:
    "inside try"
finally:
    "inside finally"
def shout(word):
    """Not shown either."""
    loud = word.upper()
    loud
shout("from a function")
def generate():
    yield "yielded"
list(generate())
"pair", 99
'''


def test_magic_shows_each_bare_expression_in_order(kernel):
    text = Cell(kernel, MAGIC).text()
    expected = ["A title, written as markdown", "42", "numbers [10, 20]", "a call draws itself",
                "inside with", "loop 0", "loop 1", "inside if", "inside try", "inside finally",
                "FROM A FUNCTION", "pair", "99"]
    positions = [text.find(item) for item in expected]
    assert -1 not in positions, (expected, text)
    assert positions == sorted(positions), text
    for hidden in ("docstring", "hidden", "never", "Not shown", "yielded", "None", "4\n", "Error"):
        assert hidden not in text, hidden


def test_magic_shows_a_last_call_in_a_cell(kernel):
    cell = Cell(kernel, "import streamlit as st\nst.text('drawn')\n'-'.join(sorted('cab'))")
    assert "a-b-c" in cell.text()
    quiet = Cell(kernel, "import streamlit as st\n'-'.join(sorted('cab'));")
    assert "a-b-c" not in quiet.text()
    element = Cell(kernel, "import streamlit as st\nst.checkbox('tick')")
    assert "False" not in element.text()


def test_magic_is_off_in_a_plain_rerun_cell(kernel):
    cell = Cell(kernel, 'import jupyter_rerun as jr\n"not shown"\nx = 5\nx\n"the last one"')
    text = cell.text()
    assert "the last one" in text and "not shown" not in text and "5" not in text


def test_components_html_is_a_sandboxed_frame_of_its_own(kernel):
    cell = Cell(kernel, """
        import streamlit.components.v1 as components
        components.html("<p id='x'>a & b</p><script>document.title='ran'</script>")
        components.html("<b>tall</b>", width=300, height=420, scrolling=True, tab_index=0)
    """)
    first, second = [model for model in kernel.find(cell.container, "HTMLModel")
                     if kernel.models[model]["value"].startswith("<iframe ")]
    markup = kernel.models[first]["value"]
    assert "srcdoc=\"&lt;p id=&#x27;x&#x27;&gt;a &amp; b&lt;/p&gt;" in markup
    assert 'height="150"' in markup and 'width="100%"' in markup and 'scrolling="no"' in markup
    assert "allow-scripts" in markup and "allow-same-origin" not in markup
    other = kernel.models[second]["value"]
    assert 'width="300"' in other and 'height="420"' in other and 'scrolling="auto"' in other
    assert 'tabindex="0"' in other


def test_components_errors_are_one_line_naming_the_fix(kernel):
    for call, message in [
        ("components.html(b'<p>')", "html must be a string of HTML"),
        ("components.html('<p>', height=0)", "height is a whole number of pixels"),
        ("components.html('<p>', tab_index=-2)", "tab_index is None, -1"),
        ("components.declare_component('my_component', url='http://localhost:3001')",
         "custom components are not supported yet"),
    ]:
        cell = Cell(kernel, f"import streamlit.components.v1 as components\n{call}")
        assert message in cell.text(), call
        assert "Traceback" not in cell.text()


@pytest.mark.parametrize("call", [
    "st.navigation([st.Page('one.py'), st.Page('two.py')]).run()",
    "st.navigation({'Main': []})",
    "st.switch_page('pages/two.py')",
    "st.page_link('pages/two.py', label='Two')",
])
def test_multi_page_apps_say_they_are_not_supported(kernel, call):
    cell = Cell(kernel, f"import streamlit as st\n{call}")
    text = cell.text()
    assert "NotSupportedError: multi-page apps are not supported yet;" in text
    assert "%streamlit pages/one.py" in text and "Traceback" not in text


def test_page_link_to_a_url_is_a_link(kernel):
    cell = Cell(kernel, "import streamlit as st\nst.page_link('https://example.org', label='Docs', icon='📄')")
    assert '<a href="https://example.org"' in cell.text() and ">Docs</a>" in cell.text()


def test_a_name_streamlit_code_uses_exists(kernel):
    names = ["fragment", "set_page_config", "query_params", "secrets", "context", "rerun",
             "stop", "components", "navigation", "Page", "switch_page", "page_link"]
    missing = kernel.value(f"[n for n in {names!r} if not hasattr(jr, n)]")
    assert missing == []
    assert set(names) - {"components"} <= set(kernel.value("jr.__all__"))


# -- %streamlit app.py ---------------------------------------------------------------------
APP = '''
"""A small Streamlit app."""
import sys
import streamlit as st
from helper import greeting

st.session_state.setdefault("app_runs", 0)
st.session_state.app_runs += 1
level = st.slider("level", 0, 10, 3)
f"{greeting()} at level {level}, run {st.session_state.app_runs}"
st.text(f"argv {sys.argv[1:]} file {__file__.rsplit('/', 1)[-1]} name {__name__}")
f"sees the notebook: {'notebook_only' in globals()}"
"-".join(sorted("cab"))
'''


@pytest.fixture
def app(tmp_path):
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "helper.py").write_text("def greeting():\n    return 'hello'\n")
    path = folder / "app.py"
    path.write_text(APP)
    return path


def test_streamlit_magic_runs_a_script_as_streamlit_run_would(kernel, app):
    kernel.execute("notebook_only = 1\nimport sys\nargv_before, path_before = list(sys.argv), list(sys.path)")
    execution = kernel.execute(f"%streamlit {app} one -- two", cell_id=unique("script-"))
    (container,) = execution.views
    text = kernel.text(container)
    assert "hello at level 3, run 1" in text
    assert "argv ['one', '--', 'two'] file app.py name __main__" in text
    assert "sees the notebook: False" in text
    assert "A small Streamlit app" not in text and "a-b-c" not in text  # docstring; a call
    assert kernel.value("(sys.argv == argv_before, sys.path == path_before)") == (True, True)
    slider = only(kernel, container, "IntSliderModel")
    kernel.update(slider, value=8)
    kernel.wait_for_text(container, "hello at level 8, run 2")


def test_streamlit_magic_strips_the_separator_before_the_scripts_arguments(kernel, app):
    (container,) = kernel.execute(f"%streamlit {app} -- --year 2024", cell_id=unique("script-")).views
    assert "argv ['--year', '2024']" in kernel.text(container)


def test_running_the_magic_again_picks_up_an_edited_script(kernel, app):
    cell_id = unique("script-")
    (first,) = kernel.execute(f"%streamlit {app}", cell_id=cell_id).views
    app.write_text(APP.replace("at level", "now at level"))
    (again,) = kernel.execute(f"%streamlit {app}", cell_id=cell_id).views
    assert again == first and "hello now at level" in kernel.text(again)


@pytest.mark.parametrize("make, line, message", [
    (lambda folder: (folder / "pages").mkdir(), "{app}", "multi-page apps are not supported yet;"),
    (lambda folder: None, "{folder}/missing.py", "%streamlit: no such file"),
    (lambda folder: None, "", "%streamlit needs the path of a Streamlit script"),
])
def test_streamlit_magic_misuse_is_a_one_line_usage_error(kernel, app, make, line, message):
    make(app.parent)
    failed = kernel.execute("%streamlit " + line.format(app=app, folder=app.parent),
                            allow_errors=True)
    assert failed.error.startswith("UsageError") and message in failed.error


def test_a_script_calling_st_navigation_says_multi_page_is_not_supported(kernel, tmp_path):
    script = tmp_path / "nav.py"
    script.write_text("import streamlit as st\npage = st.navigation([st.Page('a.py')])\npage.run()\n")
    (container,) = kernel.execute(f"%streamlit {script}", cell_id=unique("script-")).views
    text = kernel.text(container)
    assert "multi-page apps are not supported yet;" in text and "Traceback" not in text
    assert "in this cell, line 2" in text or "line 2" in text


# Streamlit's documentation of magic ("Magic commands"), unchanged below its import
MAGIC_DOCS = """
import streamlit as st
# Draw a title and some text to the app:
'''
# This is the document title

This is some _markdown_.
'''

import pandas as pd
df = pd.DataFrame({'col1': [1,2,3]})
df  # 👈 Draw the dataframe

x = 10
'x', x  # 👈 Draw the string 'x' and then the value of x

# Also works with most supported chart types
import matplotlib.pyplot as plt
import numpy as np

arr = np.random.normal(1, 1, size=100)
fig, ax = plt.subplots()
ax.hist(arr, bins=20)

fig  # 👈 Draw a Matplotlib chart
"""


def test_streamlits_magic_example_draws_markdown_a_table_a_pair_and_a_figure(kernel):
    cell = Cell(kernel, MAGIC_DOCS)
    text = cell.text()
    assert "This is the document title" in text and "<em>markdown</em>" in text
    assert text.index("document title") < text.index("x <code>10</code>")
    drawn = [kernel.models[model] for model in kernel.find(cell.container, "AnyModel")]
    assert [state.get("kind") == "image" for state in drawn] == [False, True]  # the table, the figure
    assert "Error" not in text


def test_page_link_is_a_method_of_containers(kernel):
    cell = Cell(kernel, "import streamlit as st\nleft, right = st.columns(2)\n"
                        "right.page_link('https://example.org/docs', label='Docs')")
    assert '<a href="https://example.org/docs"' in cell.text()
