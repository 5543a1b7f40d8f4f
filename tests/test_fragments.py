"""`jr.fragment`: a function that reruns alone (its widgets, its `run_every` timer), in a
real kernel, both event modes (the `kernel` fixture). Runs are counted, never timed."""

from __future__ import annotations

import pytest
from conftest import Cell, only, unique

# Streamlit's own example (st.fragment's docstring), unchanged
STREAMLIT_EXAMPLE = '''
import streamlit as st

if "app_runs" not in st.session_state:
    st.session_state.app_runs = 0
    st.session_state.fragment_runs = 0

@st.fragment
def my_fragment():
    st.session_state.fragment_runs += 1
    st.button("Rerun fragment")
    st.write(f"Fragment says it ran {st.session_state.fragment_runs} times.")

st.session_state.app_runs += 1
my_fragment()
st.button("Rerun full app")
st.write(f"Full app says it ran {st.session_state.app_runs} times.")
st.write(f"Full app sees that fragment ran {st.session_state.fragment_runs} times.")
'''


def logged_cell(kernel, body: str, **options):
    """A cell whose body appends to LOG, a fresh list; returns (cell, the list's name)."""
    log = unique("log")
    kernel.execute(f"{log} = []")
    return Cell(kernel, body.replace("LOG", log), **options), log


def buttons(kernel, container):
    return {kernel.models[b]["description"]: b for b in kernel.find(container, "ButtonModel")}


def test_streamlit_example_a_fragment_button_reruns_only_the_fragment(kernel):
    kernel.execute("jr.session_state.clear()")
    cell = Cell(kernel, STREAMLIT_EXAMPLE)
    assert "Fragment says it ran 1 times." in cell.text()
    assert "Full app says it ran 1 times." in cell.text()
    pressed = buttons(kernel, cell.container)
    kernel.click(pressed["Rerun fragment"])
    cell.wait_for("Fragment says it ran 2 times.")
    kernel.sync()
    text = cell.text()
    assert "Full app says it ran 1 times." in text  # the rest of the cell did not run
    assert "Full app sees that fragment ran 1 times." in text  # ... nor redraw
    assert kernel.value("(jr.session_state.app_runs, jr.session_state.fragment_runs)") == (1, 2)
    kernel.click(pressed["Rerun full app"])
    cell.wait_for("Full app says it ran 2 times.")
    kernel.sync()
    assert "Full app sees that fragment ran 3 times." in cell.text()
    assert buttons(kernel, cell.container) == pressed  # the same models, kept


def test_a_fragment_draws_in_its_own_place_and_its_rerun_touches_nothing_else(kernel):
    cell, log = logged_cell(kernel, """
        LOG.append("cell")
        jr.text("before the fragment")

        @jr.fragment
        def part(label):
            LOG.append("fragment")
            value = jr.slider(label, 0, 10, 2)
            jr.text(f"part shows {value}")

        part("level")
        jr.text("after the fragment")
    """)
    text = cell.text()
    assert text.index("before the fragment") < text.index("part shows 2") < text.index("after the fragment")
    slider = only(kernel, cell.container, "IntSliderModel")
    (box,) = [child for child in kernel.children(cell.container)
              if slider in kernel.find(child, "IntSliderModel")]
    outside = set(kernel.children(cell.container)) - {box}
    start = len(kernel.log)
    kernel.update(slider, value=7)
    cell.wait_for("part shows 7")
    kernel.sync()
    assert kernel.value(log) == ["cell", "fragment", "fragment"]
    touched = {m["content"]["comm_id"] for m in kernel.messages_since(start, "comm_msg")}
    assert touched.isdisjoint(outside | {cell.container}), "the fragment's run redrew the cell"
    assert text.index("before") < cell.text().index("part shows 7") < cell.text().index("after")


# Streamlit's example of st.rerun() in a fragment (st.fragment's docstring), unchanged
COUNT_TO_FIVE = '''
import streamlit as st

if "clicks" not in st.session_state:
    st.session_state.clicks = 0

@st.fragment
def count_to_five():
    if st.button("Plus one!"):
        st.session_state.clicks += 1
        if st.session_state.clicks % 5 == 0:
            st.rerun()
    return

count_to_five()
st.header(f"Multiples of five clicks: {st.session_state.clicks // 5}")

if st.button("Check click count"):
    st.toast(f"## Total clicks: {st.session_state.clicks}")
'''


def test_streamlit_example_a_fragment_reruns_the_app_every_fifth_click(kernel):
    kernel.execute("jr.session_state.clear()")
    cell = Cell(kernel, COUNT_TO_FIVE)
    plus = buttons(kernel, cell.container)["Plus one!"]
    for _ in range(4):
        kernel.handled(kernel.click(plus))
        kernel.sync()
    assert kernel.value("jr.session_state.clicks") == 4
    assert "Multiples of five clicks: 0" in cell.text()  # only the fragment ran
    kernel.handled(kernel.click(plus))
    cell.wait_for("Multiples of five clicks: 1")  # the fifth: st.rerun(), the whole app
    assert buttons(kernel, cell.container)["Plus one!"] == plus


def test_a_fragments_keyed_widget_and_callback_follow_streamlits_rules(kernel):
    key = unique("level")
    cell, log = logged_cell(kernel, f"""
        def changed():
            LOG.append(("callback", jr.session_state[{key!r}]))

        @jr.fragment
        def part():
            LOG.append(("fragment", jr.slider("level", 0, 10, key={key!r}, on_change=changed)))

        LOG.append("cell")
        part()
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=4)
    kernel.wait_until(lambda: ("fragment", 4) in kernel.value(log))
    kernel.sync()
    assert kernel.value(log) == ["cell", ("fragment", 0), ("callback", 4), ("fragment", 4)]
    assert kernel.value(f"jr.session_state[{key!r}]") == 4


def test_run_every_ticks_without_blocking_other_cells_and_never_overlaps_them(kernel):
    ticks, busy = unique("ticks"), unique("busy")
    kernel.execute(f"{ticks} = []; {busy} = [False]")
    cell = Cell(kernel, f"""
        import streamlit as st
        @st.fragment(run_every=0.05)
        def clock():
            {ticks}.append({busy}[0])
            st.write(f"tick {{len({ticks})}}")
        st.session_state.setdefault({ticks!r}, 0)
        st.session_state[{ticks!r}] += 1
        clock()
    """, line=f"--name {unique('clock')}")
    seen = []
    for n in range(8):  # other cells run normally meanwhile; a tick waits for each
        run = kernel.execute(f"{busy}[0] = True\nimport time; time.sleep(0.05)\n{busy}[0] = False\n"
                             f"print(len({ticks}))")
        assert run.error is None
        seen.append(int(run.stdout))
    assert seen[-1] > seen[0] >= 1, seen  # it kept ticking between the cells
    kernel.wait_until(lambda: kernel.value(f"len({ticks})") >= seen[-1] + 2)
    assert not any(kernel.value(ticks)), "a tick ran while a cell was running"
    assert kernel.value(f"jr.session_state[{ticks!r}]") == 1  # the cell's body ran once
    assert f"tick {seen[-1]}" in kernel.wait_for_text(cell.container, f"tick {seen[-1]}")
    kernel.execute("%rerun_stop --all")


def test_rerun_scope_fragment_restarts_the_fragment_and_app_reruns_the_cell(kernel):
    cell, log = logged_cell(kernel, """
        @jr.fragment
        def part():
            LOG.append("fragment")
            if jr.button("again") and LOG.count("fragment") < 4:
                jr.rerun(scope="fragment")
            if jr.button("whole"):
                jr.rerun()
        LOG.append("cell")
        part()
    """)
    pressed = buttons(kernel, cell.container)
    kernel.click(pressed["again"])
    kernel.wait_until(lambda: kernel.value(log).count("fragment") == 4)
    kernel.sync()
    assert kernel.value(log) == ["cell", "fragment", "fragment", "fragment", "fragment"]
    kernel.execute(f"{log}.clear()")
    kernel.click(pressed["whole"])
    kernel.wait_until(lambda: "cell" in kernel.value(log))
    kernel.sync()
    assert kernel.value(log) == ["fragment", "cell", "fragment"]


@pytest.mark.parametrize("body", [
    "jr.rerun(scope='fragment')",
    "@jr.fragment\ndef part():\n    jr.rerun(scope='fragment')\npart()",
])
def test_rerun_scope_fragment_outside_a_fragments_own_run_is_streamlits_error(kernel, body):
    text = Cell(kernel, body).text()
    assert 'jr.rerun(scope="fragment") can only be called from a @jr.fragment function during a run of that fragment alone' in text
    assert "Traceback" not in text


def test_an_error_in_a_fragment_shows_in_its_box_and_stops_the_run(kernel):
    flag = unique("fail")
    kernel.execute(f"{flag} = [True]")
    cell = Cell(kernel, f"""
        @jr.fragment
        def part():
            jr.text("inside")
            if {flag}[0]:
                raise ValueError("broken fragment")
            jr.button("fixed")
        part()
        jr.text("after it")
    """)
    (box,) = [child for child in kernel.children(cell.container) if "inside" in kernel.text(child)]
    assert "ValueError: broken fragment" in kernel.text(box)
    assert "after it" not in cell.text()  # as Streamlit: the script stops there


def test_a_fragment_stops_when_its_cell_no_longer_calls_it_and_at_rerun_stop(kernel):
    ticks, name = unique("ticks"), unique("ticker")
    kernel.execute(f"{ticks} = []")
    body = f"@jr.fragment(run_every='50ms')\ndef tick():\n    {ticks}.append(1)\ntick()"
    cell = Cell(kernel, body, line=f"--name {name}")
    kernel.wait_until(lambda: kernel.value(f"len({ticks})") >= 3)
    Cell(kernel, "jr.text('no fragment any more')", line=f"--name {name}", cell_id=cell.id)
    stopped = kernel.value(f"len({ticks})")
    kernel.execute("import time; time.sleep(0.3)")  # six intervals
    kernel.sync()
    assert kernel.value(f"len({ticks})") == stopped
    Cell(kernel, body, line=f"--name {name}", cell_id=cell.id)
    kernel.wait_until(lambda: kernel.value(f"len({ticks})") >= stopped + 3)
    kernel.execute(f"%rerun_stop {name}")
    stopped = kernel.value(f"len({ticks})")
    kernel.execute("import time; time.sleep(0.3)")
    kernel.sync()
    assert kernel.value(f"len({ticks})") == stopped


TIMERS = ("import asyncio\nloop = get_ipython().kernel.io_loop.asyncio_loop\n"
          "print(sum(1 for h in loop._scheduled if not h.cancelled() and "
          "'jupyter_rerun' in getattr(getattr(h, '_callback', None), '__module__', '')))")


def test_no_timer_is_left_after_unload(fresh_kernel):
    fresh_kernel.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr")
    Cell(fresh_kernel, "@jr.fragment(run_every=0.05)\ndef a():\n    jr.text('a')\n"
                       "@jr.fragment(run_every=10)\ndef b():\n    jr.text('b')\na(); b()")
    assert int(fresh_kernel.execute(TIMERS).stdout) == 2
    fresh_kernel.execute("%unload_ext jupyter_rerun")
    assert int(fresh_kernel.execute(TIMERS).stdout) == 0


def test_a_key_reruns_named_fragments_from_a_callback(kernel):
    cell, log = logged_cell(kernel, """
        import streamlit as st
        @st.fragment(key="charts")
        def show_charts():
            LOG.append("charts")
            st.write(f"Data: {st.session_state.get('filter', 'all')}")
        LOG.append("cell")
        show_charts()
        st.selectbox("Filter", ["all", "recent"], key="filter", on_change=lambda: st.rerun("charts"))
    """)
    dropdown = only(kernel, cell.container, "DropdownModel")
    kernel.update(dropdown, index=1)
    cell.wait_for("Data: recent")
    kernel.sync()
    assert kernel.value(log) == ["cell", "charts", "charts"]


@pytest.mark.parametrize("decorator, message", [
    ("@jr.fragment(run_every='soon')", "run_every takes seconds, a timedelta, or a duration string"),
    ("@jr.fragment(run_every=-1)", "run_every must be a positive duration"),
    ("@jr.fragment(key='app')", "'app' is a reserved name"),
])
def test_bad_fragment_arguments_are_one_line_errors(kernel, decorator, message):
    text = Cell(kernel, f"{decorator}\ndef f():\n    pass").text()
    assert message in text and "Traceback" not in text


def test_run_every_takes_what_streamlit_takes(kernel):
    assert kernel.value("[jr.fragments._interval(v) for v in (2, 0.5, dt.timedelta(minutes=1), "
                        "'10s', '1h23s', '1.5 min', None, 0)]") == [2.0, 0.5, 60.0, 10.0, 3623.0,
                                                                   90.0, None, None]


def test_nested_fragments_rerun_alone_each(kernel):
    cell, log = logged_cell(kernel, """
        @jr.fragment
        def inner():
            LOG.append("inner")
            jr.button("inner button")

        @jr.fragment
        def outer():
            LOG.append("outer")
            jr.button("outer button")
            inner()

        LOG.append("cell")
        outer()
    """)
    pressed = buttons(kernel, cell.container)
    kernel.handled(kernel.click(pressed["inner button"]))
    kernel.sync()
    kernel.handled(kernel.click(pressed["outer button"]))
    kernel.sync()
    assert kernel.value(log) == ["cell", "outer", "inner", "inner", "outer", "inner"]
    assert buttons(kernel, cell.container) == pressed


def test_outside_a_rerun_cell_a_fragment_is_its_function(kernel):
    run = kernel.execute("@jr.fragment\ndef f(x):\n    return x * 2\nprint(f(21))")
    assert run.stdout == "42\n"


def test_a_fragment_drawing_into_a_column_of_the_cell_updates_it_in_place(kernel):
    cell, log = logged_cell(kernel, """
        left, right = jr.columns(2)
        left.text("the cell's column")

        @jr.fragment
        def part():
            n = jr.slider("n", 0, 10, 1)
            LOG.append(n)
            with right:
                jr.metric("level", n)
                print("printed", n)
            jr.text(f"inside {n}")

        part()
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    columns = kernel.children(only(kernel, cell.container, "HBoxModel"))
    shown_before = {column: kernel.children(column) for column in columns}
    kernel.execute("import time; time.sleep(0.3)")  # the cell's run is long past: no live drawing of it
    for value in (4, 7, 9):
        kernel.handled(kernel.update(slider, value=value))
        kernel.sync()
    assert kernel.value(log) == [1, 4, 7, 9]
    assert "inside 9" in cell.text() and '<div class="jr-metric-value">9</div>' in cell.text()
    # the metric model was updated where it is; no column was redrawn or grew (what is new
    # there, like the print, shows at the cell's next run)
    assert {column: kernel.children(column) for column in columns} == shown_before
