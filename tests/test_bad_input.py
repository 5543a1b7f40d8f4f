"""The bad-input matrix: each misuse gives a one-line error that names the fix, and loses
nothing (session_state, caches, other reactive cells carry on).

Read MATRIX as a table: where the mistake is made, what was typed, what the error says.
Every case runs in one real kernel that also holds state to lose: a session_state key, a
filled cache, and a %%rerun cell listening to a slider. After each case the test checks all
three are intact, then checks the reactive cell still reacts.
"""

from __future__ import annotations

import pytest
from conftest import Cell

from jupyter_rerun.testing import KernelDriver

MAGIC, BODY, DECORATOR, WIDGET, STATE, STORE, LAYOUT = (
    "magic", "%%rerun body", "decorator", "widget", "session_state", "store URL", "layout")

MATRIX = [
    # (surface, what the user wrote, a piece of the one-line error)
    (MAGIC, "%%rerun --bogus\nx = 1", "unrecognized arguments: --bogus; usage: %%rerun"),
    (MAGIC, "%%rerun --debounce -5\nx = 1", "--debounce takes milliseconds from 0 to 3600000"),
    (MAGIC, "%%rerun --debounce soon\nx = 1", "--debounce takes milliseconds from 0 to 3600000"),
    (MAGIC, "%%rerun --debounce 4000000\nx = 1", "--debounce takes milliseconds from 0 to 3600000 (an hour)"),
    (MAGIC, "%%rerun --on nothing_here\nx = 1", "'nothing_here' is not defined; widgets in scope: slider"),
    (MAGIC, "%%rerun --on sentinel_number\nx = 1", "'sentinel_number' is a int, not a widget"),
    (MAGIC, "%%rerun --on 2fast\nx = 1", "--on takes comma-separated names like --on a,b"),
    (MAGIC, "%rerun_stop", "name one cell or pass --all"),
    (MAGIC, "%rerun_stop no_such_cell", "no %%rerun cell is called 'no_such_cell'"),
    (MAGIC, "%%cache --ttl never\nx = 1", "--ttl takes seconds"),
    (MAGIC, "%%cache --ttl 0\nx = 1", "--ttl must be a positive duration"),
    (MAGIC, "%%cache --store s3://bucket\nx = 1", "unknown store 's3'"),
    (MAGIC, "%%cache --outputs nope\nx = 1", "the cell does not assign nope; it assigns: x"),
    (MAGIC, "%%cache --resource --persist\nx = 1", "cannot go with --persist or --store"),
    (MAGIC, "%cache_info nothing_cached", "no cached function is called 'nothing_cached'"),
    (MAGIC, "%cache_clear --persistent", "name the functions, or add --all"),
    (MAGIC, "%cache_clear --all", "--all goes with --persistent"),
    (BODY, "%%rerun\nget_ipython().run_cell_magic('rerun', '', 'x = 1')",
     "UsageError: %%rerun cannot run inside a %%rerun cell"),
    (BODY, "%%rerun\nimport sys\nsys.exit(3)", "SystemExit: 3"),
    (BODY, "%%rerun\nraise SystemExit('bye')", "SystemExit: bye"),
    (BODY, "%%rerun\nimport asyncio\nawait asyncio.sleep(0)", "run the coroutine on a thread of its own"),
    (DECORATOR, "jr.cache_data(ttl='soon')", "ttl takes seconds, a timedelta, or a string like '30m'"),
    (DECORATOR, "jr.cache_data(ttl=-3)", "ttl must be a positive duration"),
    (DECORATOR, "jr.cache_data(ttl=10**400)", "ttl must be at most"),
    (DECORATOR, "jr.cache_data(max_size='1' * 400 + 'GB')", "max_size must be at most"),
    (DECORATOR, "@jr.cache_resource\ndef rows():\n    yield 1", "a generator is used up once it is read"),
    (DECORATOR, "jr.cache_data(max_entries=0)", "max_entries takes a positive int"),
    (DECORATOR, "jr.cache_data(max_size='huge')", "max_size takes bytes or a string like '500MB'"),
    (DECORATOR, "jr.cache_data(persist='ftp://x')", "unknown store 'ftp'"),
    (DECORATOR, "jr.cache_resource(validate='yes')", "validate takes a function"),
    (DECORATOR, "jr.cache_data(hash_funcs={1: 2})", "hash_funcs takes a dict from types to functions"),
    (DECORATOR, "jr.cache_data(42)", "decorates a function; got 42"),
    (DECORATOR, "jr.cache_data(retries=3)", "unknown option 'retries'"),
    (DECORATOR, "@jr.cache_data\nasync def fetch():\n    return 1", "cannot cache async function"),
    (DECORATOR, "@jr.cache_data\ndef q(conn):\n    return 1\nimport threading\nq(threading.Lock())",
     "Pass it as _conn"),
    (DECORATOR, "@jr.cache_data\ndef handle():\n    import threading\n    return threading.Lock()\nhandle()",
     "use @jr.cache_resource"),
    (WIDGET, "jr.slider('outside')", "jr.slider() works inside a %%rerun cell"),
    (WIDGET, "%%rerun\njr.slider('s', 9, 9)", "min_value and max_value are both 9; give a wider range"),
    (WIDGET, "%%rerun\njr.select_slider('s', [])", "options is empty; pass at least one option"),
    (WIDGET, "%%rerun\njr.radio('s', ['a', 'b'], index=5)", "index must be None or an int from 0 to 1"),
    (WIDGET, "%%rerun\njr.number_input('s', value='ten')", "must be numbers"),
    (WIDGET, "%%rerun\njr.text_input('s', max_chars=0)", "max_chars must be a positive int"),
    (WIDGET, "%%rerun\njr.button('b', key=['no'])", "key must be a string"),
    (WIDGET, "%%rerun\njr.checkbox('a', key='k')\njr.toggle('b', key='k')", "two widgets in this run have key='k'"),
    (WIDGET, "%%rerun\njr.slider('s', key='bound')\njr.session_state.bound = 3",
     "belongs to a widget already drawn in this run"),
    (WIDGET, "%%rerun\njr.slider('s', label_visibility='faint')", "label_visibility must be 'visible'"),
    (LAYOUT, "%%rerun\njr.columns([1, -1])", "a list of positive widths"),
    (LAYOUT, "%%rerun\njr.tabs('one')", "labels must be a non-empty list of strings"),
    (LAYOUT, "%%rerun\njr.columns(2, gap='huge')", "gap must be 'small', 'medium' or 'large'"),
    (STATE, "jr.session_state.not_there", "no key 'not_there' (keys: 'sentinel'"),
    (STATE, "jr.session_state['missing']", "set it first: session_state['missing'] = ..."),
    (STATE, "jr.session_state[3] = 1", "session_state keys are strings"),
    (STORE, "jr.open_store('gopher://x')", "unknown store 'gopher'"),
    (STORE, "jr.open_store('redis://host:port/0')", "is not a Redis URL"),
    (STORE, "jr.open_store('disk://')", "names no folder; write disk:///absolute/path"),
    (STORE, "%config JupyterRerun.max_cache_size = 'lots'", "takes bytes or a string like '500MB'"),
    (STORE, "%config JupyterRerun.store = 'gopher://x'", "unknown store 'gopher'"),
]

SETUP = """
%load_ext jupyter_rerun
import ipywidgets as w
import jupyter_rerun as jr
jr.session_state.sentinel = "kept"
sentinel_number = 3
slider = w.IntSlider(value=0, max=100)
@jr.cache_data
def filled(x):
    return x * 2
filled(21)
"""

INTACT = ("(jr.session_state.sentinel, filled.cache_info()['entries'], "
          "'listener' in __import__('jupyter_rerun.runtime').runtime.current().bindings)")


@pytest.fixture(scope="module")
def kernel():
    with KernelDriver() as driver:
        driver.execute(SETUP)
        (model,) = driver.execute("slider").views
        listener = Cell(driver, "print('listener sees', slider.value)", cell_id="listener")
        driver.listener = (model, listener)
        yield driver


@pytest.mark.parametrize("surface, typed, expected", MATRIX,
                         ids=[f"{i:02d}-{row[0]}" for i, row in enumerate(MATRIX)])
def test_misuse_gives_a_one_line_error_naming_the_fix_and_loses_nothing(kernel, surface, typed, expected):
    before = kernel.value(INTACT)
    run = kernel.execute(typed, allow_errors=True)
    if typed.startswith("%config"):  # IPython's %config reports a refused value on stderr
        message = "".join(m["content"]["text"] for m in run.messages if m["msg_type"] == "stream")
        assert message.count("\n") == 1
    elif typed.startswith("%%rerun") and run.views:
        # the cell showed its container: the error is shown inside it, the cell succeeded
        (container,) = run.views
        assert run.error is None, run.error
        (error,) = [o for slot in kernel.find(container, "OutputModel")
                    for o in kernel.models[slot].get("outputs", []) if o["output_type"] == "error"]
        message = f"{error['ename']}: {error['evalue']}"
        if "SystemExit" not in expected:  # (the cell's own exception shows its traceback)
            assert len(error["traceback"]) <= 2, error["traceback"]  # the message and the line
    else:
        assert run.error is not None, f"no error for {typed!r}"
        message = run.error
        if message.startswith("UsageError"):
            shown = "".join(m["content"]["text"] for m in run.messages if m["msg_type"] == "stream")
            assert shown.count("\n") == 1, shown  # IPython prints UsageError as one line
    assert "\n" not in message.strip(), message
    assert expected in message, message
    assert kernel.value(INTACT) == before


def test_after_all_that_the_reactive_cell_still_reacts(kernel):
    model, listener = kernel.listener
    kernel.update(model, value=42)
    listener.wait_for("listener sees 42")
    assert kernel.value("jr.session_state.sentinel") == "kept"
    hits = kernel.value("filled.cache_info()['hits']")
    assert kernel.value("(filled(21), filled.cache_info()['hits'])") == (42, hits + 1)


def test_the_matrix_covers_every_surface():
    surfaces = {row[0] for row in MATRIX}
    assert surfaces == {MAGIC, BODY, DECORATOR, WIDGET, STATE, STORE, LAYOUT} and len(MATRIX) >= 30
