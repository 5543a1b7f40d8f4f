"""Status elements in real kernels, both event modes: what reaches the front end for
success/info/warning/error, exception, progress, spinner, status, toast, balloons and snow;
in-place updates; message counts of a 1,000-step progress loop in a quick and in a slow run;
a spinner on the page while a slow block runs and gone after; status states; errors."""

from __future__ import annotations

import contextlib
import re
import textwrap

import pytest
from conftest import Cell, make_slider, unique, wait_for_file


def html_models(kernel, container: str, css_class: str) -> list[str]:
    """The HTML models under `container` whose HTML has `css_class`, in order."""
    return [model for model in kernel.find(container, "HTMLModel")
            if f'class="{css_class}' in kernel.models[model]["value"]]


def html_of(kernel, container: str, css_class: str) -> list[str]:
    return [kernel.models[model]["value"] for model in html_models(kernel, container, css_class)]


def updates_to(kernel, since: int, model: str) -> list[dict]:
    """State updates the kernel sent to `model` since log index `since`."""
    return [m["content"]["data"]["state"] for m in kernel.messages_since(since, "comm_msg")
            if m["content"]["comm_id"] == model and m["content"]["data"].get("method") == "update"]


def opened_since(kernel, since: int) -> list[str]:
    return [m["content"]["data"]["state"]["_model_name"]
            for m in kernel.messages_since(since, "comm_open")]


def error_text(kernel, container: str) -> str:
    """The error outputs shown in the cell's container."""
    return "".join(f"{o['ename']}: {o['evalue']}" for slot in kernel.find(container, "OutputModel")
                   if slot in kernel.children(container)
                   for o in kernel.models[slot]["outputs"] if o["output_type"] == "error")


@contextlib.contextmanager
def live_after(kernel, seconds: float):
    """Runs draw live from `seconds` on (the mechanism's threshold, 0.15 s), while inside."""
    kernel.execute("import importlib\n_ctx = importlib.import_module('jupyter_rerun.rerun.context')\n"
                   f"_ctx.LIVE_AFTER = {seconds}")
    try:
        yield
    finally:
        kernel.execute("_ctx.LIVE_AFTER = 0.15")


# -- alerts ----------------------------------------------------------------------------------
def test_alerts_show_markdown_with_their_colour_icon_and_title(kernel):
    cell = Cell(kernel, """
        jr.success("**Saved** the file")
        jr.info("Note", icon=":material/info:")
        jr.warning("🚨 Careful now", title="Heads *up*")
        jr.error("🚨 kept in the body", icon="")
    """)
    success, info, warning, error = html_of(kernel, cell.container, "jr-alert")
    assert "jr-alert-success" in success and "<strong>Saved</strong> the file" in success
    assert "jr-alert-info" in info and "jr-icon" in info and "mask" in info  # drawn offline
    assert 'class="jr-alert-icon"><span class="jr-emoji">🚨' in warning  # taken from the body
    assert "Careful now" in warning and "🚨 Careful" not in warning
    assert '<div class="jr-alert-title">' in warning and "<em>up</em>" in warning
    assert "jr-alert-icon" not in error and "🚨 kept in the body" in error


def test_an_alert_redrawn_with_new_text_updates_its_model(kernel):
    name = unique("n")
    kernel.execute(f"{name} = w.IntSlider(1)")
    cell = Cell(kernel, f"(jr.success if {name}.value % 2 else jr.error)(f'count {{{name}.value}}')")
    (model,) = html_models(kernel, cell.container, "jr-alert")
    mark = len(kernel.log)
    slider = kernel.execute(f"display({name})").views[0]
    kernel.update(slider, value=2)
    cell.wait_for("count 2")
    kernel.sync()
    assert html_models(kernel, cell.container, "jr-alert") == [model]  # the same model
    (update,) = updates_to(kernel, mark, model)
    assert "jr-alert-error" in update["value"] and "count 2" in update["value"]


@pytest.mark.parametrize("call, message", [
    ("jr.success('x', width=0)", "jr.success: width=0 is not a width; pass a positive number"),
    ("jr.info('x', width='content')", "jr.info: width='content' is not a width"),
    ("jr.warning('x', icon=':smile:')", "jr.warning: icon=':smile:'"),
    ("jr.error('x', icon=':material/not_an_icon_at_all:')",
     "jr.error: icon=':material/not_an_icon_at_all:' is not a Material Symbol"),
    ("jr.progress(101)", "jr.progress: value=101 is outside [0, 100]"),
    ("jr.progress(1.5)", "jr.progress: value=1.5 is outside [0.0, 1.0]"),
    ("jr.progress('50')", "jr.progress: value must be an int (0 to 100) or a float (0.0 to 1.0), got str"),
    ("jr.progress(5, text=5)", "jr.progress: text must be a string or None, got int"),
    ("jr.status('x', state='done')", "jr.status: state='done' is not one of 'running', 'complete', 'error'"),
    ("jr.status('x', type='fancy')", "jr.status: type='fancy' is not one of"),
    ("jr.toast('')", "jr.toast: the body is empty"),
    ("jr.toast('hi', duration=0)", "jr.toast: duration=0 is not a duration"),
    ("jr.spinner('x', width=-3).__enter__()", "jr.spinner: width=-3 is not a width; pass a positive "
                                              "number of pixels, 'stretch' or 'content'"),
])
def test_bad_arguments_are_one_line_in_the_container_and_the_rest_stays(kernel, call, message):
    cell = Cell(kernel, f"jr.info('drawn before the error')\n{call}")
    shown = error_text(kernel, cell.container)
    assert f"ElementError: {message}" in shown and "\n" not in shown.strip()
    assert "drawn before the error" in cell.text()


# -- exception -------------------------------------------------------------------------------
def test_exception_shows_type_message_and_traceback_without_the_engine(kernel):
    cell = Cell(kernel, """
        def load(name):
            raise KeyError(name)
        def outer():
            try:
                load("config")
            except KeyError as error:
                raise RuntimeError("could not start") from error
        try:
            outer()
        except RuntimeError as error:
            jr.exception(error)
        jr.exception(ValueError("never raised"))
        jr.exception(UserWarning("a warning"), width=300)
    """)
    raised, bare, warned = html_of(kernel, cell.container, "jr-alert")
    assert '<strong class="jr-exception-type">RuntimeError</strong>: could not start' in raised
    assert "Traceback:" in raised and "in load" in raised and 'raise KeyError(name)' in raised
    assert "The above exception was the direct cause of the following exception:" in raised
    assert "KeyError: &#x27;config&#x27;" in raised
    assert "jupyter_rerun" not in raised  # the engine's frames are left out
    assert "ValueError</strong>: never raised" in bare and "Traceback:" not in bare
    assert "jr-alert-warning" in warned and "width:300px" in warned


# -- progress --------------------------------------------------------------------------------
def test_progress_takes_ints_as_percent_and_floats_as_fractions(kernel):
    cell = Cell(kernel, """
        jr.progress(0)
        jr.progress(42, text="**Loading**")
        jr.progress(0.5)
        jr.progress(1.0000000000002)
        jr.progress(True)
    """)
    bars = html_of(kernel, cell.container, "jr-progress")
    assert [re.search(r'aria-valuenow="(\d+)"', bar).group(1) for bar in bars] == ["0", "42", "50", "100", "1"]
    assert "<strong>Loading</strong>" in bars[1] and 'style="width:42%"' in bars[1]


def test_a_progress_handle_moves_the_same_bar(kernel):
    cell = Cell(kernel, """
        bar = jr.progress(0, text="working")
        jr.text("below")
        bar.progress(60, text="almost")
    """)
    (html,) = html_of(kernel, cell.container, "jr-progress")
    assert 'aria-valuenow="60"' in html and "almost" in html
    assert cell.text().index("almost") < cell.text().index("below")


def test_progress_empty_takes_the_bar_away(kernel):
    cell = Cell(kernel, "bar = jr.progress(30)\nbar.empty()\njr.text('after')")
    assert html_of(kernel, cell.container, "jr-progress") == []
    assert "after" in cell.text()


def test_a_placeholder_moves_the_one_bar_it_holds(kernel):
    mark = len(kernel.log)
    cell = Cell(kernel, "slot = jr.empty()\nfor i in range(1, 101):\n    slot.progress(i)")
    (bar,) = html_models(kernel, cell.container, "jr-progress")
    assert 'aria-valuenow="100"' in kernel.models[bar]["value"]
    made = [m for m in kernel.messages_since(mark, "comm_open")
            if "jr-progress" in str(m["content"]["data"]["state"].get("value"))]
    assert len(made) == 1  # one model, updated in place; not a hundred


LOOP = """
import time
{trigger}.value
started = time.monotonic()
bar = jr.progress(0, text="step 0")
for step in range(1, 1001):
    {pause}
    bar.progress(step / 1000, text=f"step {{step}}")
{name} = time.monotonic() - started
"""


def test_a_quick_1000_step_loop_sends_only_the_final_state(kernel):
    name, trigger = unique("seconds"), unique("n")
    slider = make_slider(kernel, trigger)
    with live_after(kernel, 60):  # never live: the loop's own speed plays no part
        mark = len(kernel.log)
        cell = Cell(kernel, LOOP.format(trigger=trigger, pause="pass", name=name))
        (bar,) = html_models(kernel, cell.container, "jr-progress")
        (update,) = updates_to(kernel, mark, bar)  # made at step 0, then one update: the last
        assert 'aria-valuenow="100"' in update["value"] and "step 1000" in update["value"]
        mark = len(kernel.log)
        kernel.update(slider, value=1)  # the loop runs again
        kernel.sync()
        assert kernel.value(name) > 0
        assert updates_to(kernel, mark, bar) == []  # it ends as it was: nothing sent
        assert opened_since(kernel, mark) == []


def test_a_slow_1000_step_loop_is_drawn_live_at_most_30_times_a_second(kernel):
    name, trigger = unique("seconds"), unique("n")
    make_slider(kernel, trigger)
    with live_after(kernel, 0):
        mark = len(kernel.log)
        cell = Cell(kernel, LOOP.format(trigger=trigger, pause="time.sleep(0.0005)", name=name))
        seconds = kernel.value(name)
    (bar,) = html_models(kernel, cell.container, "jr-progress")
    steps = updates_to(kernel, mark, bar)
    assert 2 <= len(steps) <= seconds * 30 + 2, (len(steps), seconds)
    assert "step 1000" in steps[-1]["value"]
    # the bar was on the page before its last step: the layout holding it came first
    messages = kernel.messages_since(mark, "comm_msg")
    laid_out = next(i for i, m in enumerate(messages) if f"IPY_MODEL_{bar}" in str(
        m["content"]["data"].get("state", {}).get("children", ())))
    last_step = max(i for i, m in enumerate(messages) if m["content"]["comm_id"] == bar)
    assert laid_out < last_step


# -- spinner ---------------------------------------------------------------------------------
def test_a_spinner_is_on_the_page_while_its_block_runs_and_gone_after(kernel, tmp_path):
    name = unique("go")
    slider = make_slider(kernel, name)
    cell = Cell(kernel, f"""
        import os, time
        if {name}.value:
            with jr.spinner("Crunching *numbers*", show_time=True):
                open({str(tmp_path)!r} + "/inside", "w").close()
                while not os.path.exists({str(tmp_path)!r} + "/release"):
                    time.sleep(0.01)
        jr.text(f"done {{{name}.value}}")
    """)
    assert "Crunching" not in str(kernel.messages_since(0, "comm_open", "comm_msg"))
    kernel.update(slider, value=1)
    wait_for_file(tmp_path / "inside")
    kernel.wait_for_text(cell.container, "Crunching")  # drawn while the block is busy
    html = next(o["data"]["text/html"] for slot in kernel.find(cell.container, "OutputModel")
                if slot in kernel.children(cell.container)
                for o in kernel.models[slot]["outputs"] if "jr-spinner-box" in str(o))
    assert "<em>numbers</em>" in html and "jr-spinner-time" in html
    (tmp_path / "release").touch()
    cell.wait_for("done 1")
    kernel.sync()
    assert "Crunching" not in cell.text()  # gone with its block


def test_a_quick_block_never_draws_its_spinner(kernel):
    with live_after(kernel, 60):
        mark = len(kernel.log)
        cell = Cell(kernel, "with jr.spinner('Hidden spinner'):\n    x = 1\njr.text('shown')")
    assert "shown" in cell.text()
    assert "Hidden spinner" not in str(kernel.messages_since(mark, "comm_open", "comm_msg"))


def test_spinner_is_a_decorator_and_works_in_a_plain_cell(kernel):
    result = kernel.execute(textwrap.dedent("""
        @jr.spinner("Decorated")
        def twice(x):
            return 2 * x
        print(twice(21), twice(1))
    """))
    assert result.stdout.split() == ["42", "2"]
    shown = [m for m in result.messages if m["msg_type"] == "display_data"]
    blanked = [m for m in result.messages if m["msg_type"] == "update_display_data"]
    assert len(shown) == len(blanked) == 2 and "Decorated" in shown[0]["content"]["data"]["text/html"]
    assert blanked[0]["content"]["data"] == {"text/plain": ""}


# -- status ----------------------------------------------------------------------------------
def status_box(kernel, container: str) -> dict:
    (box,) = [m for m in kernel.find(container, "AccordionModel")
              if "jr-status" in kernel.models[m]["_dom_classes"]]
    return {"id": box, **kernel.models[box]}


def test_status_is_complete_when_its_block_ends(kernel):
    cell = Cell(kernel, """
        with jr.status("Downloading *data*...") as s:
            jr.write("Searching for data...")
            s.text("found it")
        jr.text("after the status")
    """)
    box = status_box(kernel, cell.container)
    assert box["titles"] == ["Downloading data..."] and box["selected_index"] is None
    assert "jr-status-complete" in box["_dom_classes"]
    inside = kernel.text(box["id"])
    assert "Searching for data..." in inside and "found it" in inside
    assert "after the status" not in inside


def test_status_error_state_when_its_block_raises_and_the_error_shows(kernel):
    cell = Cell(kernel, """
        jr.text("before")
        with jr.status("Working", expanded=True):
            jr.text("step one")
            jr.progress(500)
    """)
    box = status_box(kernel, cell.container)
    assert "jr-status-error" in box["_dom_classes"] and box["selected_index"] == 0
    assert "step one" in kernel.text(box["id"]) and "before" in cell.text()
    assert "ElementError: jr.progress: value=500 is outside [0, 100]" in error_text(kernel, cell.container)


def test_status_update_changes_label_state_and_expansion_in_one_message(kernel):
    name = unique("n")
    slider = make_slider(kernel, name)
    cell = Cell(kernel, f"""
        with jr.status("Downloading data...", expanded=True) as s:
            jr.write(f"run {{{name}.value}}")
            s.update(label="Download complete!", state="complete", expanded=False)
    """)
    box = status_box(kernel, cell.container)
    assert box["titles"] == ["Download complete!"] and box["selected_index"] is None
    mark = len(kernel.log)
    kernel.update(slider, value=1)
    cell.wait_for("run 1")
    kernel.sync()
    assert status_box(kernel, cell.container)["id"] == box["id"]  # the same box
    assert updates_to(kernel, mark, box["id"]) == []  # it ends as it was: nothing sent
    with live_after(kernel, 0):  # drawn live: running and open, then complete and closed
        mark = len(kernel.log)
        kernel.update(slider, value=2)
        cell.wait_for("run 2")
        kernel.sync()
    states = updates_to(kernel, mark, box["id"])
    assert any("jr-status-running" in s.get("_dom_classes", ()) and s.get("selected_index") == 0
               for s in states), states
    assert kernel.models[box["id"]]["selected_index"] is None
    assert "jr-status-complete" in kernel.models[box["id"]]["_dom_classes"]


def test_a_status_shows_while_its_block_is_busy(kernel, tmp_path):
    name = unique("go")
    slider = make_slider(kernel, name)
    cell = Cell(kernel, f"""
        import os, time
        with jr.status(f"Busy {{{name}.value}}", expanded=True):
            jr.text(f"inside {{{name}.value}}")
            while {name}.value and not os.path.exists({str(tmp_path)!r} + "/release"):
                time.sleep(0.01)
    """)
    kernel.update(slider, value=1)
    kernel.wait_for_text(cell.container, "inside 1")  # drawn by the timer: the block is busy
    box = status_box(kernel, cell.container)
    assert "jr-status-running" in box["_dom_classes"] and box["titles"] == ["Busy 1"]
    (tmp_path / "release").touch()
    kernel.wait_until(lambda: "jr-status-complete" in kernel.models[box["id"]]["_dom_classes"])
    kernel.sync()


def test_status_methods_draw_inside_it_and_outside_a_run_it_says_how(kernel):
    cell = Cell(kernel, "s = jr.status('Methods')\ns.markdown('**inside**')\njr.text('outside')")
    box = status_box(kernel, cell.container)
    assert "inside" in kernel.text(box["id"]) and "outside" not in kernel.text(box["id"])
    assert "jr-status-running" in box["_dom_classes"]  # no block: it stays running
    result = kernel.execute("jr.status('x')", allow_errors=True)
    assert "works inside a %%rerun cell" in result.error


# -- toast, balloons, snow -------------------------------------------------------------------
def effects(kernel, container: str, kind: str) -> list[str]:
    return [m for m in kernel.find(container, "AnyModel") if kernel.models[m].get("kind") == kind]


def test_a_toast_is_one_model_that_each_run_shows_again_and_a_handle_updates(kernel):
    name = unique("n")
    slider = make_slider(kernel, name)
    cell = Cell(kernel, f"""
        msg = jr.toast(f"Gathering *ingredients* {{{name}.value}}")
        if {name}.value == 2:
            msg.toast("Ready!", icon="🥞")
        jr.toast("Long one", icon=":material/thumb_up:", duration="long")
        jr.text(f"run {{{name}.value}}")
    """)
    first, second = effects(kernel, cell.container, "toast")
    state = kernel.models[first]
    assert "<em>ingredients</em> 0" in state["body"] and state["duration"] == 4 and state["token"]
    assert kernel.models[second]["duration"] == 10 and "jr-icon" in kernel.models[second]["icon"]
    token = state["token"]
    mark = len(kernel.log)
    kernel.update(slider, value=1)
    cell.wait_for("run 1")
    kernel.sync()
    assert effects(kernel, cell.container, "toast") == [first, second]  # the same models
    assert opened_since(kernel, mark) == []
    (update,) = updates_to(kernel, mark, first)
    assert update["token"] != token and "ingredients</em> 1" in update["body"]  # shown again
    token = update["token"]
    mark = len(kernel.log)
    kernel.update(slider, value=2)
    cell.wait_for("run 2")
    kernel.sync()
    final = kernel.models[first]
    assert "Ready!" in final["body"] and final["icon"] == '<span class="jr-emoji">🥞</span>'
    assert len({u.get("token") for u in updates_to(kernel, mark, first) if "token" in u}) == 1


def test_balloons_and_snow_reuse_their_model_and_pile_nothing_up(kernel):
    name = unique("n")
    slider = make_slider(kernel, name)
    cell = Cell(kernel, f"jr.balloons()\njr.snow()\njr.text(f'party {{{name}.value}}')")
    (balloon,) = effects(kernel, cell.container, "balloons")
    (flake,) = effects(kernel, cell.container, "snow")
    tokens = {kernel.models[balloon]["token"]}
    for value in (1, 2, 3):
        mark = len(kernel.log)
        kernel.update(slider, value=value)
        cell.wait_for(f"party {value}")
        kernel.sync()
        assert opened_since(kernel, mark) == []  # no new model
        tokens.add(kernel.models[balloon]["token"])
    assert len(tokens) == 4  # each run shows them again
    assert effects(kernel, cell.container, "balloons") == [balloon]
    assert effects(kernel, cell.container, "snow") == [flake]
    layout = kernel.models[kernel.models[balloon]["layout"].removeprefix("IPY_MODEL_")]
    assert layout["display"] == "none"  # drawn over the page, not in the cell


# -- Streamlit's signatures ------------------------------------------------------------------
STATUS_NAMES = ["success", "info", "warning", "error", "exception", "progress", "spinner",
                "status", "toast", "balloons", "snow"]


@pytest.mark.parametrize("name", STATUS_NAMES)
def test_each_status_element_has_streamlits_parameters_order_and_defaults(name):
    import inspect

    import streamlit.delta_generator as delta_generator
    import jupyter_rerun as jr

    def parameters(function, skip=0):
        return [(p.name, p.kind, p.default)
                for p in list(inspect.signature(function).parameters.values())[skip:]]

    assert parameters(getattr(jr, name)) == parameters(getattr(delta_generator.DeltaGenerator, name), 1)
    assert name in jr.__all__
