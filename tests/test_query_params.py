"""`jr.query_params` and `jr.context`: the Voila page's request as a kernel sees it (Voila's
own environment variables, given to a real kernel), and nothing in JupyterLab. A preheated
kernel is served its request the way Voila serves it: over a websocket, once a viewer
arrives."""

from __future__ import annotations

import json
import threading

import pytest
from conftest import Cell

from jupyter_rerun.testing import KernelDriver

SETUP = "%load_ext jupyter_rerun\nimport jupyter_rerun as jr"
# what Voila 0.5 puts in the environment of a kernel it starts for a request (REPORT.md §4)
VOILA = {
    "VOILA_BASE_URL": "/", "VOILA_SERVER_URL": "/", "VOILA_PREHEAT": "False",
    "VOILA_APP_PORT": "8866",
    "VOILA_REQUEST_URL": "http://127.0.0.1:8866/?token=secret&name=Ada&tag=a&tag=b&embed=true",
    "QUERY_STRING": "token=secret&name=Ada&tag=a&tag=b&embed=true&empty=",
    "SCRIPT_NAME": "/", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8866",
    "SERVER_SOFTWARE": "voila/0.5.13", "SERVER_PROTOCOL": "HTTP/1.1",
    "HTTP_USER_AGENT": "Chromium/156", "HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9,en;q=0.8",
    "HTTP_COOKIE": "session=abc; theme=dark",
}


def page_models(kernel, container):
    """The page model (widgets/page_config.py) under `container`, if it is there."""
    return [model for model in kernel.find(container, "AnyModel")
            if {"title", "icon", "page_layout", "query"} <= kernel.models[model].keys()]


@pytest.fixture(scope="module")
def voila_kernel():
    with KernelDriver(env=VOILA) as kernel:
        kernel.execute(SETUP)
        yield kernel


@pytest.fixture(scope="module")
def lab_kernel():
    with KernelDriver(env={"JPY_SESSION_NAME": "notebook.ipynb"}) as kernel:
        kernel.execute(SETUP)
        yield kernel


def test_voila_query_params_read_the_viewers_address(voila_kernel):
    value = voila_kernel.value
    assert value("jr.query_params['name']") == "Ada"
    assert value("jr.query_params.name") == "Ada"
    assert value("jr.query_params['tag']") == "b"  # the last value of a repeated key
    assert value("jr.query_params.get_all('tag')") == ["a", "b"]
    assert value("jr.query_params['empty']") == ""
    # Voila's login token and Streamlit's embed options are hidden, as Streamlit hides embed
    assert value("jr.query_params.to_dict()") == {"name": "Ada", "tag": "b", "empty": ""}
    assert value("('token' in jr.query_params, 'embed' in jr.query_params, len(jr.query_params))") \
        == (False, False, 3)


def test_missing_query_params_raise_streamlits_errors(voila_kernel):
    missing = voila_kernel.execute("jr.query_params['nope']", allow_errors=True)
    assert missing.error == "KeyError: 'st.query_params has no key \"nope\".'"
    attribute = voila_kernel.execute("jr.query_params.nope", allow_errors=True)
    assert attribute.error == 'AttributeError: st.query_params has no attribute "nope".'
    assert voila_kernel.value("jr.query_params.get('nope', 'default')") == "default"


def test_writing_query_params_changes_the_voila_address(voila_kernel):
    cell = Cell(voila_kernel, """
        import streamlit as st
        st.query_params["name"] = "Grace"
        st.query_params.tag = ["x", "y"]
        del st.query_params["empty"]
        st.write(st.query_params.to_dict())
    """)
    (page,) = page_models(voila_kernel, cell.container)
    assert voila_kernel.models[page]["query"] == "name=Grace&tag=x&tag=y"
    assert voila_kernel.value("jr.query_params.to_dict()") == {"name": "Grace", "tag": "y"}
    voila_kernel.execute("jr.query_params.from_dict({'page': 2})")
    assert voila_kernel.value("jr.query_params.to_dict()") == {"page": "2"}
    voila_kernel.execute("jr.query_params.clear()")
    assert voila_kernel.value("dict(jr.query_params)") == {}


@pytest.mark.parametrize("statement, message", [
    ("jr.query_params['a'] = {'b': 1}", "Query param value for `a` cannot be set to a dictionary"),
    ("jr.query_params['embed'] = 'true'", "Query param embed cannot be set programmatically"),
    ("jr.query_params.update(token='x')", "Query param token cannot be set programmatically"),
])
def test_bad_writes_are_one_line_errors(voila_kernel, statement, message):
    failed = voila_kernel.execute(statement, allow_errors=True)
    assert failed.error.startswith("QueryParamsError") and message in failed.error


def test_voila_context_tells_what_the_request_holds(voila_kernel):
    value = voila_kernel.value
    assert value("jr.context.url") == "http://127.0.0.1:8866/"
    assert value("jr.context['url']") == "http://127.0.0.1:8866/"
    assert value("jr.context.headers['user-agent']") == "Chromium/156"
    assert value("jr.context.headers.to_dict()['Accept-Language']").startswith("fr-FR")
    assert value("jr.context.cookies.to_dict()") == {"session": "abc", "theme": "dark"}
    assert value("jr.context.locale") == "fr-FR"
    assert value("jr.context.is_embedded") is True
    # what never reaches a kernel
    assert value("(jr.context.timezone, jr.context.timezone_offset, jr.context.ip_address, "
                 "jr.context.theme.type)") == (None, None, None, None)
    assert value("'timezone' in jr.context") is True
    bad = voila_kernel.execute("jr.context['nope']", allow_errors=True)
    assert 'st.context has no key "nope". Valid keys are: cookies, headers' in bad.error


def test_in_jupyterlab_there_is_no_address_and_writes_change_none(lab_kernel):
    assert lab_kernel.value("dict(jr.query_params)") == {}
    cell = Cell(lab_kernel, "import streamlit as st\nst.query_params['step'] = 3\n"
                            "st.set_page_config(page_title='ignored', layout='wide')\n"
                            "st.write(st.query_params.to_dict())")
    assert "step" in cell.text()
    assert page_models(lab_kernel, cell.container) == []  # no page model: Lab's page is Lab's
    assert lab_kernel.value("jr.query_params.to_dict()") == {"step": "3"}
    assert lab_kernel.value("(jr.context.url, dict(jr.context.headers), dict(jr.context.cookies), "
                            "jr.context.locale, jr.context.is_embedded)") == (None, {}, {}, None, None)


def test_set_page_config_sets_the_voila_pages_title_icon_and_layout(voila_kernel):
    cell = Cell(voila_kernel, """
        import streamlit as st
        st.set_page_config(page_title="Sales", page_icon="📈", layout="wide")
        st.set_page_config(layout="centered")  # calls add up: the title stays
        st.text("page set")
    """)
    (page,) = page_models(voila_kernel, cell.container)
    state = voila_kernel.models[page]
    assert state["title"] == "Sales" and state["page_layout"] == "centered"
    assert state["icon"].startswith("data:image/svg+xml,") and "%F0%9F%93%88" in state["icon"]


@pytest.mark.parametrize("call, message", [
    ("layout='full'", "Invalid `layout` value. Supported values: 'centered', 'wide'"),
    ("initial_sidebar_state='open'", "Invalid `initial_sidebar_state` value"),
    ("menu_items={'Help me': 'https://x.org'}", "`Help me` is not a supported menu item key"),
    ("menu_items={'Get help': 'x.org'}", "is not a valid URL"),
])
def test_set_page_config_checks_what_streamlit_checks(lab_kernel, call, message):
    failed = lab_kernel.execute(f"jr.set_page_config({call})", allow_errors=True)
    assert failed.error.startswith("ElementError") and message in failed.error


def test_a_preheated_kernel_waits_for_its_viewers_request_and_ignores_the_stale_one():
    from websockets.sync.server import serve

    payload = {"QUERY_STRING": "visit=second", "SCRIPT_NAME": "/", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "8866", "SERVER_SOFTWARE": "voila/0.5.13",
               "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": ""}
    asked: list[str] = []

    def answer(connection):  # Voila's RequestInfoSocketHandler: one message, the request
        asked.append(connection.request.path)
        connection.send(json.dumps(payload))

    with serve(answer, "127.0.0.1", 0) as server:
        port = server.socket.getsockname()[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        env = {"VOILA_BASE_URL": "/", "VOILA_SERVER_URL": "/", "VOILA_PREHEAT": "True",
               "VOILA_APP_IP": "127.0.0.1", "VOILA_APP_PORT": str(port),
               # the request that started this pooled kernel, not this viewer's
               "VOILA_REQUEST_URL": f"http://127.0.0.1:{port}/?visit=first"}
        with KernelDriver(env=env) as kernel:
            kernel.execute(SETUP + "\nimport os\nos.environ['VOILA_KERNEL_ID'] = 'kernel-7'")
            assert kernel.value("jr.query_params.to_dict()") == {"visit": "second"}
            assert kernel.value("jr.context.url") == "http://127.0.0.1:8866/"
            assert kernel.value("jr.query_params['visit']") == "second"
        server.shutdown()
    assert asked == ["/voila/query/kernel-7"]  # asked once, for this kernel


BOUND = """
    import datetime as dt
    import streamlit as st
    days = st.slider("Days", 1, 30, 7, key="days", bind="query-params")
    city = st.selectbox("City", ["Oslo", "Rome"], key="city", bind="query-params")
    tags = st.multiselect("Tags", ["a", "b", "c"], key="tags", bind="query-params")
    ok = st.checkbox("OK", key="ok", bind="query-params")
    bad = st.number_input("Bad", 0, 10, 5, key="bad", bind="query-params")
    when = st.date_input("When", dt.date(2025, 1, 1), key="when", bind="query-params")
    span = st.slider("Span", 0, 10, (2, 5), key="span", bind="query-params")
    same = st.slider("Same", 0, 10, 7, key="same", bind="query-params")
    st.text(f"GOT {days} {city} {tags} {ok} {bad} {when} {span} {same}")
"""


def test_bound_widgets_start_from_the_address_and_write_their_values_back():
    """bind="query-params", as Streamlit: a shared link's values start the widgets; a value
    a widget cannot take, or its default, leaves the address; each change is written back."""
    query = ("token=secret&days=14&city=Rome&tags=b&tags=c&ok=true&bad=zz&when=2025-06-04"
             "&span=3&span=9&same=7")
    with KernelDriver(env={**VOILA, "QUERY_STRING": query}) as kernel:
        kernel.execute(SETUP)
        cell = Cell(kernel, BOUND)
        assert "GOT 14 Rome ['b', 'c'] True 5 2025-06-04 (3, 9) 7" in cell.text()
        expected = "days=14&city=Rome&tags=b&tags=c&ok=true&when=2025-06-04&span=3&span=9"
        (page,) = page_models(kernel, cell.container)
        assert kernel.models[page]["query"] == expected  # the browser's address, in Voila
        assert kernel.value("jr.session_state['days']") == 14
        # the reader moves widgets: a default leaves the address, another value joins it
        sliders = {kernel.models[m]["description"]: m for m in kernel.find(cell.container, "IntSliderModel")}
        kernel.handled(kernel.update(sliders["Days"], value=7))
        cell.wait_for("GOT 7 Rome")
        (number,) = [m for m in kernel.models if kernel.models[m].get("_anywidget_id", "").endswith("NumberBox")
                     and kernel.models[m]["description"].endswith("Bad")]
        kernel.handled(kernel.update(number, value=8.0))
        cell.wait_for("GOT 7 Rome ['b', 'c'] True 8")
        kernel.sync()
        assert kernel.value("jr.query_params.to_dict()") == {
            "city": "Rome", "tags": "c", "ok": "true", "when": "2025-06-04", "span": "9", "bad": "8"}
        assert kernel.value("jr.query_params.get_all('span')") == ["3", "9"]
        # code that sets session_state leads after the first run, as for any keyed widget
        kernel.execute("jr.session_state.days = 21")
        kernel.handled(kernel.update(sliders["Same"], value=8))
        cell.wait_for("GOT 21 Rome")
        assert kernel.value("jr.query_params['days']") == "21"


@pytest.mark.parametrize("call, message", [
    ("jr.slider('Days', 1, 30, bind='query-params')", "bind='query-params' needs a key="),
    ("jr.checkbox('On', key='on', bind='url')", "bind must be None or 'query-params'"),
])
def test_bind_needs_a_key_and_one_of_streamlits_values(lab_kernel, call, message):
    failed = lab_kernel.execute(f"%%rerun\n{call}", allow_errors=True)
    lab_kernel.sync()
    shown = lab_kernel.text(failed.views[0]) if failed.views else failed.error
    assert message in shown, shown
