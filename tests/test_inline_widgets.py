"""Streamlit's model in a %%rerun cell: inline widgets, keys, callbacks, buttons, identity.

Real kernels, both event modes, comm messages as a browser sends them.
"""

from __future__ import annotations


import datetime as dt

import pytest
from conftest import Cell, only, unique


def micros(moment) -> float:
    """What our StepSlider's front end sends for a date, time or datetime: its wall-clock
    time in microseconds from 1970, read as UTC."""
    if isinstance(moment, dt.time):
        moment = dt.datetime.combine(dt.date(2000, 1, 1), moment)
    elif not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time())
    return (moment - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1) * 1.0

SEED = '''
import jupyter_rerun as jr
if "counter" not in jr.session_state:
    jr.session_state.counter = 0
jr.session_state.counter += 1
jr.header(f"This page has run {jr.session_state.counter} times.")
jr.button("Run it again")
'''


def test_the_seed_example_counts_its_runs(fresh_kernel):
    fresh_kernel.execute("%load_ext jupyter_rerun")
    cell = Cell(fresh_kernel, SEED)
    assert "This page has run 1 times." in cell.text()
    assert "False" not in cell.text()  # the button's value on the last line is not shown
    button = only(fresh_kernel, cell.container, "ButtonModel")
    fresh_kernel.click(button)
    cell.wait_for("This page has run 2 times.")
    fresh_kernel.click(button)
    cell.wait_for("This page has run 3 times.")
    assert only(fresh_kernel, cell.container, "ButtonModel") == button


def test_a_cell_may_end_in_a_builtin_method_call_and_twin_buttons_are_both_live(kernel):
    """`presses.append(...)` on the last line: a method whose __module__ is None (the cell
    once showed AttributeError for it). Two buttons of one label, without keys, are two
    buttons (Streamlit refuses them as duplicate IDs; here each is its own)."""
    presses = unique("presses")
    kernel.execute(f"{presses} = []")
    cell = Cell(kernel, f"""
    first = jr.button("Go")
    second = jr.button("Go")
    {presses}.append((first, second))
    """)
    assert "Error" not in cell.text()
    buttons = kernel.find(cell.container, "ButtonModel")
    assert len(buttons) == 2
    kernel.handled(kernel.click(buttons[1]))
    kernel.sync()
    assert kernel.value(presses) == [(False, False), (False, True)]


WIDGETS = [
    # (call, model, front-end state, expected value repr after the change)
    ("jr.slider('v', 0, 10, 3)", "IntSliderModel", {"value": 8}, "8"),
    ("jr.slider('v', 0.0, 1.0, 0.5)", "FloatSliderModel", {"value": 0.25}, "0.25"),
    ("jr.slider('v', 0, 100, (10, 20))", "IntRangeSliderModel", {"value": [30, 40]}, "(30, 40)"),
    ("jr.select_slider('v', ['s', 'm', 'l'], value='m')", "SelectionSliderModel", {"index": 2}, "'l'"),
    ("jr.number_input('v', 0, 10, 2)", "AnyModel", {"value": 9}, "9"),
    ("jr.number_input('v', value=1.5)", "AnyModel", {"value": 2.5}, "2.5"),
    ("jr.text_input('v', 'hi')", "TextModel", {"value": "there"}, "'there'"),
    ("jr.text_input('v', type='password')", "PasswordModel", {"value": "pw"}, "'pw'"),
    ("jr.text_area('v', 'a')", "TextareaModel", {"value": "a\nb"}, "'a\\nb'"),
    ("jr.checkbox('v')", "CheckboxModel", {"value": True}, "True"),
    ("jr.toggle('v', True)", "ToggleButtonModel", {"value": False}, "False"),
    ("jr.selectbox('v', ['a', 'b', 'c'])", "DropdownModel", {"index": 1}, "'b'"),
    ("jr.radio('v', [10, 20], index=1)", "RadioButtonsModel", {"index": 0}, "10"),
    ("jr.multiselect('v', ['a', 'b', 'c'], ['a'])", "TagsInputModel", {"value": ["c", "b"]}, "['c', 'b']"),
    ("jr.multiselect('v', [1, 2, 3], [1], format_func=lambda n: f'#{n}')", "TagsInputModel",
     {"value": ["#1", "#3"]}, "[1, 3]"),
    ("jr.date_input('v', dt.date(2024, 1, 2))", "DatePickerModel",
     {"value": {"year": 2025, "month": 2, "date": 3}}, "datetime.date(2025, 3, 3)"),
    ("jr.color_picker('v', '#112233')", "ColorPickerModel", {"value": "#abcdef"}, "'#abcdef'"),
    # issue 13: every input Streamlit has, and the values Streamlit returns
    ("jr.number_input('v', value=None)", "AnyModel", {"value": 3.25}, "3.25"),
    ("jr.number_input('v', min_value=0, value=None)", "AnyModel", {"value": 7}, "7"),
    ("jr.number_input('v', value=5.0, format='%0.1f')", "AnyModel", {"value": 2.25}, "2.25"),
    ("jr.slider('v', value=dt.date(2024, 1, 10))", "AnyModel", {"value": [micros(dt.date(2024, 1, 12))]},
     "datetime.date(2024, 1, 12)"),
    ("jr.slider('v', value=(dt.time(9), dt.time(17)))", "AnyModel",
     {"value": [micros(dt.time(10)), micros(dt.time(12, 30))]}, "(datetime.time(10, 0), datetime.time(12, 30))"),
    ("jr.slider('v', dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 31), dt.datetime(2024, 6, 1))",
     "AnyModel", {"value": [micros(dt.datetime(2024, 7, 4))]}, "datetime.datetime(2024, 7, 4, 0, 0)"),
    ("jr.slider('v', 0.0, 100.0, 50.0, format='%.1f%%')", "AnyModel", {"value": [25.5]}, "25.5"),
    ("jr.slider('v', 0, 10, [4])", "AnyModel", {"value": [6.0]}, "(6,)"),
    ("jr.select_slider('v', [dt.date(2024, 1, d) for d in (1, 8, 15)], value=(dt.date(2024, 1, 8), dt.date(2024, 1, 15)))",
     "SelectionRangeSliderModel", {"index": [0, 1]}, "(datetime.date(2024, 1, 1), datetime.date(2024, 1, 8))"),
    ("jr.time_input('v', dt.time(8, 45))", "TimeModel",
     {"value": {"hours": 9, "minutes": 30, "seconds": 12, "milliseconds": 0}}, "datetime.time(9, 30)"),
    ("jr.time_input('v', None, step=30)", "TimeModel",
     {"value": {"hours": 9, "minutes": 30, "seconds": 30, "milliseconds": 0}}, "datetime.time(9, 30, 30)"),
    ("jr.datetime_input('v', dt.datetime(2025, 11, 19, 16, 45))", "NaiveDatetimeModel",
     {"value": {"year": 2025, "month": 11, "date": 2, "hours": 8, "minutes": 5, "seconds": 0, "milliseconds": 0}},
     "datetime.datetime(2025, 12, 2, 8, 5)"),
    ("jr.date_input('v', (dt.date(2024, 1, 1), dt.date(2024, 1, 7)))", "AnyModel",
     {"value": ["2024-02-01"]}, "(datetime.date(2024, 2, 1),)"),
    ("jr.date_input('v', [])", "AnyModel", {"value": ["2024-02-01", "2024-02-09"]},
     "(datetime.date(2024, 2, 1), datetime.date(2024, 2, 9))"),
    ("jr.date_input('v', None)", "DatePickerModel", {"value": {"year": 2025, "month": 0, "date": 5}},
     "datetime.date(2025, 1, 5)"),
    ("jr.selectbox('v', ['a', 'b'], index=None)", "DropdownModel", {"index": 2}, "'b'"),
    ("jr.selectbox('v', ['a', 'b'], index=1, placeholder='Pick')", "DropdownModel", {"index": 0}, "'a'"),
    ("jr.selectbox('v', ['a', 'b'], accept_new_options=True)", "ComboboxModel", {"value": "zed"}, "'zed'"),
    ("jr.selectbox('v', [1, 2], format_func=lambda n: f'#{n}', accept_new_options=True)", "ComboboxModel",
     {"value": "#2"}, "2"),
    ("jr.radio('v', ['a', 'b'], index=None, horizontal=True)", "RadioButtonsModel", {"index": 1}, "'b'"),
    ("jr.radio('v', ['a', 'b'], captions=['first', 'second'])", "AnyModel", {"value": [1]}, "'b'"),
    ("jr.multiselect('v', ['a', 'b', 'c'], max_selections=2)", "AnyModel", {"value": ["c", "a"]}, "['c', 'a']"),
    ("jr.multiselect('v', ['a', 'b'], accept_new_options=True)", "AnyModel", {"value": ["b", "new"]},
     "['b', 'new']"),
    ("jr.pills('v', ['x', 'y', 'z'])", "AnyModel", {"value": [2]}, "'z'"),
    ("jr.pills('v', ['x', 'y'], selection_mode='multi')", "AnyModel", {"value": [1, 0]}, "['y', 'x']"),
    ("jr.segmented_control('v', [1, 2, 3], default=2)", "AnyModel", {"value": []}, "None"),
    ("jr.feedback('stars')", "AnyModel", {"value": [3]}, "3"),
    ("jr.feedback()", "AnyModel", {"value": [0]}, "0"),
    ("jr.text_input('v', max_chars=3)", "TextModel", {"value": "abcdef"}, "'abc'"),
    ("jr.text_input('v', value=None, type='email')", "TextModel", {"value": "a@b.c"}, "'a@b.c'"),
    ("jr.text_area('v', placeholder='say', height=200)", "TextareaModel", {"value": "hi"}, "'hi'"),
]


@pytest.mark.parametrize("call, model_name, state, expected", WIDGETS, ids=[w[0] for w in WIDGETS])
def test_each_widget_returns_its_value_and_keeps_its_model(kernel, call, model_name, state, expected):
    log = unique("log")
    kernel.execute(f"import datetime as dt\n{log} = []")
    cell = Cell(kernel, f"value = {call}\n{log}.append(value)\nprint('got', repr(value))")
    model = only(kernel, cell.container, model_name)
    start = len(kernel.log)
    kernel.update(model, **state)
    cell.wait_for(f"got {expected}")
    kernel.sync()
    assert kernel.messages_since(start, "comm_open") == []  # same model, nothing re-created
    assert only(kernel, cell.container, model_name) == model
    assert kernel.value(f"repr({log}[-1])") == expected  # the value the run got


def test_editing_arguments_updates_the_existing_widget_and_keeps_the_users_value(kernel):
    cell = Cell(kernel, "x = jr.slider('speed', 0, 100, 10)\nprint('speed', x)")
    model = only(kernel, cell.container, "IntSliderModel")
    kernel.update(model, value=40)
    cell.wait_for("speed 40")
    edited = Cell(kernel, "x = jr.slider('speed', 0, 50, 10)\nprint('speed', x)", cell_id=cell.id)
    assert only(kernel, edited.container, "IntSliderModel") == model
    assert kernel.models[model]["max"] == 50 and "speed 40" in edited.text()
    clamped = Cell(kernel, "x = jr.slider('speed', 0, 30, 10)\nprint('speed', x)", cell_id=cell.id)
    assert "speed 30" in clamped.text()  # the value moved inside the new range


def test_a_widget_keeps_its_identity_by_label_kind_and_position(kernel):
    cell = Cell(kernel, """
        a = jr.slider('a', 0, 10, 1)
        if a > 5:
            jr.checkbox('extra')
        b = jr.slider('b', 0, 10, 2)
        print('a', a, 'b', b)
    """)
    a, b = kernel.find(cell.container, "IntSliderModel")
    kernel.update(b, value=9)
    cell.wait_for("a 1 b 9")
    kernel.update(a, value=7)  # a checkbox appears between them: b keeps its model and value
    cell.wait_for("a 7 b 9")
    kernel.sync()
    assert kernel.find(cell.container, "IntSliderModel") == [a, b]
    assert len(kernel.find(cell.container, "CheckboxModel")) == 1


def test_key_binds_a_widget_to_session_state_both_ways(kernel):
    key = unique("k")
    kernel.execute(f"jr.session_state['{key}'] = 4")  # set before the widget exists
    cell = Cell(kernel, f"x = jr.slider('x', 0, 10, key='{key}')\nprint('x', x)")
    assert "x 4" in cell.text()
    model = only(kernel, cell.container, "IntSliderModel")
    kernel.update(model, value=6)
    cell.wait_for("x 6")
    kernel.sync()
    assert kernel.value(f"jr.session_state['{key}']") == 6
    kernel.execute(f"jr.session_state['{key}'] = 2")  # another cell sets it: the widget follows
    cell.wait_for("x 2")
    kernel.sync()
    assert kernel.models[model]["value"] == 2


def test_setting_a_widgets_key_after_drawing_it_is_an_error(kernel):
    key = unique("k")
    cell = Cell(kernel, f"jr.slider('x', 0, 10, key='{key}')\njr.session_state['{key}'] = 5")
    assert "belongs to a widget already drawn in this run" in cell.text()
    assert kernel.value(f"jr.session_state['{key}']") == 0


def test_callbacks_run_once_before_the_rerun_with_session_state_updated(kernel):
    key, calls = unique("k"), unique("calls")
    kernel.execute(f"""{calls} = []
def note(tag, *, scale):
    {calls}.append((tag, jr.session_state['{key}'] * scale))""")
    cell = Cell(kernel, f"""
        jr.slider('x', 0, 10, key='{key}', on_change=note, args=('moved',), kwargs={{'scale': 10}})
        print('body sees', {calls})
    """)
    model = only(kernel, cell.container, "IntSliderModel")
    kernel.update(model, value=3)
    cell.wait_for("body sees [('moved', 30)]")
    kernel.update(model, value=5)
    cell.wait_for("body sees [('moved', 30), ('moved', 50)]")


def test_button_is_true_only_in_the_run_its_click_caused(kernel):
    log = unique("log")
    kernel.execute(f"{log} = []")
    cell = Cell(kernel, f"""
        clicked = jr.button('go', on_click=lambda: {log}.append('callback'))
        other = jr.checkbox('other')
        {log}.append(clicked)
        print('runs', len({log}))
    """)
    button = only(kernel, cell.container, "ButtonModel")
    box = only(kernel, cell.container, "CheckboxModel")
    kernel.click(button)
    cell.wait_for("runs 3")
    kernel.update(box, value=True)
    cell.wait_for("runs 4")
    kernel.sync()
    assert kernel.value(log) == [False, "callback", True, False]


def test_the_same_key_twice_in_one_run_is_a_clear_error(kernel):
    cell = Cell(kernel, "jr.slider('a', key='same')\njr.checkbox('b', key='same')")
    assert "two widgets in this run have key='same'" in cell.text()


def test_widgets_not_drawn_by_a_finished_run_are_closed(kernel):
    cell = Cell(kernel, """
        show = jr.checkbox('show', True)
        if show:
            jr.slider('hidden sometimes')
    """)
    box = only(kernel, cell.container, "CheckboxModel")
    slider = only(kernel, cell.container, "IntSliderModel")
    start = len(kernel.log)
    kernel.update(box, value=False)
    kernel.wait_until(lambda: slider not in kernel.models)  # comm_close arrived
    closed = [m["content"]["comm_id"] for m in kernel.messages_since(start, "comm_close")]
    assert slider in closed


def test_a_failed_run_keeps_the_widgets_it_did_not_reach(kernel):
    cell = Cell(kernel, """
        n = jr.slider('n', 0, 5, 1)
        print('inverse', 1 / n)
        jr.text_input('kept')
    """)
    n = only(kernel, cell.container, "IntSliderModel")
    text = only(kernel, cell.container, "TextModel")
    kernel.update(text, value="typed")
    kernel.update(n, value=0)
    cell.wait_for("ZeroDivisionError")
    kernel.update(n, value=2)
    cell.wait_for("inverse 0.5")
    kernel.sync()
    assert only(kernel, cell.container, "TextModel") == text
    assert kernel.models[text]["value"] == "typed"


def test_the_widget_value_persists_when_the_cell_is_executed_again(kernel):
    source = "v = jr.slider('kept', 0, 10, 1)\nprint('kept', v)"
    cell = Cell(kernel, source)
    model = only(kernel, cell.container, "IntSliderModel")
    kernel.update(model, value=9)
    cell.wait_for("kept 9")
    again = Cell(kernel, source, cell_id=cell.id)
    assert "kept 9" in again.text() and only(kernel, again.container, "IntSliderModel") == model


def test_help_and_disabled_reach_the_widget(kernel):
    cell = Cell(kernel, "jr.slider('locked', 0, 10, 3, help='cannot move', disabled=True)")
    model = kernel.models[only(kernel, cell.container, "IntSliderModel")]
    assert model["tooltip"] == "cannot move" and model["disabled"] is True
    assert model["description"] == "locked"


def test_a_date_input_returns_a_date(kernel):
    cell = Cell(kernel, "d = jr.date_input('when', dt.date(2024, 5, 6))\nprint(type(d).__name__, d)")
    assert "date 2024-05-06" in cell.text()
