"""Issue 13's inputs in a real kernel, both event modes: each value as the front end sends
it, key binding both ways, callbacks, None values, ranges, formats, and the errors.

The front end's messages are the ones our models' JavaScript sends (static/*.js) and
ipywidgets' own: `value` for our models, `index` for selections.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Cell, only, unique
from test_inline_widgets import micros


def own(kernel, container: str, name: str) -> str:
    """The one model of our class `name` (widgets/inputs.py) under `container`."""
    found = [model for model in kernel.find(container, "AnyModel")
             if kernel.models[model].get("_anywidget_id", "").endswith(f".{name}")]
    (model,) = found
    return model


def layout_of(kernel, model: str) -> dict:
    return kernel.models[kernel.models[model]["layout"].removeprefix("IPY_MODEL_")]


def test_a_date_range_returns_one_tuple_while_half_chosen_then_the_pair(kernel):
    cell = Cell(kernel, """
        chosen = jr.date_input('trip', (dt.date(2024, 1, 1), dt.date(2024, 1, 7)))
        print('trip', chosen)
    """)
    assert "trip (datetime.date(2024, 1, 1), datetime.date(2024, 1, 7))" in cell.text()
    model = own(kernel, cell.container, "DateRange")
    state = kernel.models[model]
    assert state["value"] == ["2024-01-01", "2024-01-07"]
    assert (state["min"], state["max"]) == ("2014-01-01", "2034-01-07")  # Streamlit's ±10 years
    kernel.update(model, value=["2024-03-05"])  # the start picked, the end not yet
    cell.wait_for("trip (datetime.date(2024, 3, 5),)")
    kernel.update(model, value=["2024-03-05", "2024-03-09"])
    cell.wait_for("trip (datetime.date(2024, 3, 5), datetime.date(2024, 3, 9))")
    kernel.update(model, value=[])
    cell.wait_for("trip ()")


def test_date_input_none_and_bounds_and_today_in_session_state(kernel):
    key = unique("day")
    kernel.execute(f"jr.session_state['{key}'] = (dt.date(2024, 5, 1), dt.date(2024, 5, 3))")
    cell = Cell(kernel, f"""
        print('empty', jr.date_input('empty', None))
        print('range from state', jr.date_input('ranged', key='{key}'))
    """)
    text = cell.text()
    assert "empty None" in text
    assert "range from state (datetime.date(2024, 5, 1), datetime.date(2024, 5, 3))" in text
    own(kernel, cell.container, "DateRange")  # session_state's pair made it a range


def test_a_slider_over_times_binds_its_key_both_ways(kernel):
    key = unique("hours")
    cell = Cell(kernel, f"""
        hours = jr.slider('open', value=(dt.time(9), dt.time(17)), key='{key}')
        print('open', hours[0].strftime('%H:%M'), hours[1].strftime('%H:%M'))
    """)
    assert "open 09:00 17:00" in cell.text()
    model = own(kernel, cell.container, "StepSlider")
    state = kernel.models[model]
    assert (state["kind"], state["format"]) == ("time", "HH:mm")
    assert state["step"] == 15 * 60 * 1e6  # Streamlit's 15 minutes, in microseconds
    assert state["min"] == micros(dt.time(0)) and state["max"] == micros(dt.time.max)
    kernel.update(model, value=[micros(dt.time(8, 30)), micros(dt.time(12))])
    cell.wait_for("open 08:30 12:00")
    kernel.sync()
    assert kernel.value(f"[t.isoformat() for t in jr.session_state['{key}']]") == ["08:30:00", "12:00:00"]
    kernel.execute(f"jr.session_state['{key}'] = (dt.time(10), dt.time(11, 15))")
    cell.wait_for("open 10:00 11:15")
    kernel.sync()
    assert kernel.models[model]["value"] == [micros(dt.time(10)), micros(dt.time(11, 15))]


def test_slider_defaults_over_dates_and_datetimes_follow_streamlit(kernel):
    cell = Cell(kernel, """
        jr.slider('day', value=dt.date(2024, 6, 15))
        jr.slider('hour', dt.datetime(2024, 1, 1, 8), dt.datetime(2024, 1, 1, 18),
                  dt.datetime(2024, 1, 1, 12), format='ddd ha')
    """)
    day, hour = [kernel.models[m] for m in kernel.find(cell.container, "AnyModel")]
    assert (day["min"], day["max"]) == (micros(dt.date(2024, 6, 1)), micros(dt.date(2024, 6, 29)))
    assert day["step"] == 86_400 * 1e6 and day["format"] == "YYYY-MM-DD"
    assert hour["step"] == 15 * 60 * 1e6  # the range is under a day: 15 minutes
    assert hour["format"] == "ddd ha"


def test_a_datetime_slider_keeps_the_time_zone_of_its_value(kernel):
    cell = Cell(kernel, """
        zone = dt.timezone(dt.timedelta(hours=2))
        when = jr.slider('when', value=dt.datetime(2024, 3, 1, 12, tzinfo=zone))
        print('when', when.isoformat())
    """)
    model = own(kernel, cell.container, "StepSlider")
    assert kernel.models[model]["value"] == [micros(dt.datetime(2024, 3, 1, 12))]  # wall clock
    kernel.update(model, value=[micros(dt.datetime(2024, 3, 3, 12))])
    cell.wait_for("when 2024-03-03T12:00:00+02:00")


@pytest.mark.parametrize("call, value, low, high, model_name", [
    ("jr.slider('s', 10, 5)", "10", 5, 10, "IntSliderModel"),  # bounds backwards: swapped
    ("jr.slider('s', 0, 10, 20)", "20", 0, 20, "IntSliderModel"),  # a value outside: widened
    ("jr.slider('s', 0, 10, (8, 2))", "(2, 8)", 0, 10, "IntRangeSliderModel"),  # swapped
    ("jr.slider('s', 0, 10, [])", "(0, 10)", 0, 10, "IntRangeSliderModel"),  # no value: all of it
])
def test_sliders_take_what_streamlit_takes(kernel, call, value, low, high, model_name):
    cell = Cell(kernel, f"print('slider', {call})")
    assert f"slider {value}" in cell.text()
    state = kernel.models[only(kernel, cell.container, model_name)]
    assert (state["min"], state["max"]) == (low, high)


def test_number_input_none_is_an_empty_box_and_comes_back_as_none(kernel):
    key = unique("count")
    cell = Cell(kernel, f"""
        count = jr.number_input('count', min_value=0, value=None, key='{key}', placeholder='how many?')
        print('count', repr(count))
    """)
    assert "count None" in cell.text()
    model = own(kernel, cell.container, "NumberBox")
    state = kernel.models[model]
    assert state["value"] is None and state["clearable"] is True
    assert state["integer"] is True and state["format"] == "%d"  # min_value=0: an int box
    assert state["placeholder"] == "how many?"
    kernel.update(model, value=4)
    cell.wait_for("count 4")
    kernel.sync()
    assert kernel.value(f"jr.session_state['{key}']") == 4
    kernel.update(model, value=None)  # the box emptied
    cell.wait_for("count None")
    kernel.execute(f"jr.session_state['{key}'] = 7")
    cell.wait_for("count 7")


@pytest.mark.parametrize("call, expected, integer, format", [
    ("jr.number_input('n')", "0.0", False, "%0.2f"),  # nothing given: a float
    ("jr.number_input('n', 0)", "0", True, "%d"),
    ("jr.number_input('n', value=None)", "None", False, "%0.2f"),
    ("jr.number_input('n', value=None, step=1)", "None", True, "%d"),
    ("jr.number_input('n', 1.5, 9.5, format='%0.1f')", "1.5", False, "%0.1f"),
    ("jr.number_input('n', value=3, format='%05d')", "3", True, "%05d"),
])
def test_number_input_infers_int_or_float_as_streamlit(kernel, call, expected, integer, format):
    cell = Cell(kernel, f"print('n', repr({call}))")
    assert f"n {expected}" in cell.text()
    state = kernel.models[own(kernel, cell.container, "NumberBox")]
    assert (state["integer"], state["format"]) == (integer, format)


def test_number_input_outside_its_new_bounds_goes_back_to_the_default(kernel):
    key = unique("amount")
    body = "n = jr.number_input('amount', 0, {high}, 2, key='{key}')\nprint('amount', n)"
    cell = Cell(kernel, body.format(high=10, key=key))
    model = own(kernel, cell.container, "NumberBox")
    kernel.update(model, value=9)
    cell.wait_for("amount 9")
    edited = Cell(kernel, body.format(high=5, key=key), cell_id=cell.id)
    assert "amount 2" in edited.text()  # as Streamlit: the default again, not clamped
    assert own(kernel, edited.container, "NumberBox") == model
    assert kernel.value(f"jr.session_state['{key}']") == 2


def test_selectbox_with_no_index_shows_the_placeholder_and_returns_none(kernel):
    cell = Cell(kernel, """
        size = jr.selectbox('size', ['S', 'M', 'L'], index=None, placeholder='Pick a size')
        print('size', size)
        print('empty', jr.selectbox('nothing', []))
    """)
    assert "size None" in cell.text() and "empty None" in cell.text()
    model = kernel.find(cell.container, "DropdownModel")[0]
    assert kernel.models[model]["_options_labels"] == ["Pick a size", "S", "M", "L"]
    assert kernel.models[model]["index"] == 0
    kernel.update(model, index=2)
    cell.wait_for("size M")
    kernel.update(model, index=0)  # the placeholder row: taken back
    cell.wait_for("size None")


def test_accept_new_options_returns_the_typed_text_and_keeps_it_in_session_state(kernel):
    key, tags = unique("fruit"), unique("tags")
    cell = Cell(kernel, f"""
        fruit = jr.selectbox('fruit', ['apple', 'pear'], key='{key}', accept_new_options=True)
        tags = jr.multiselect('tags', ['red', 'green'], ['red'], key='{tags}', accept_new_options=True)
        print('fruit', fruit, 'tags', tags)
    """)
    assert "fruit apple tags ['red']" in cell.text()
    box = only(kernel, cell.container, "ComboboxModel")
    assert kernel.models[box]["options"] == ["apple", "pear"]
    assert kernel.models[box]["placeholder"] == "Choose or add an option"
    kernel.update(box, value="quince")
    cell.wait_for("fruit quince tags")
    chips = own(kernel, cell.container, "ChipSelect")
    kernel.update(chips, value=["red", "violet"])
    cell.wait_for("tags ['red', 'violet']")
    kernel.sync()
    assert kernel.value(f"jr.session_state['{key}']") == "quince"
    assert kernel.value(f"jr.session_state['{tags}']") == ["red", "violet"]


def test_max_selections_is_enforced_as_streamlit_does(kernel):
    runs = unique("runs")
    cell = Cell(kernel, f"""
        picked = jr.multiselect('two', ['a', 'b', 'c'], ['a'], max_selections=2)
        {runs} = globals().get('{runs}', 0) + 1
        print('picked', picked, 'run', {runs})
    """)
    model = own(kernel, cell.container, "ChipSelect")
    assert kernel.models[model]["max_selections"] == 2  # the front end stops at two
    kernel.handled(kernel.update(model, value=["a", "c"]))
    cell.wait_for("picked ['a', 'c'] run 2")
    kernel.update(model, value=["a", "c", "b"])  # forged: more than the front end allows
    cell.wait_for("picked ['a', 'c'] run 3")
    kernel.sync()
    kernel.pump()
    assert kernel.models[model]["value"] == ["a", "c"]  # and the chips show what the run got
    error = Cell(kernel, "jr.multiselect('many', ['a', 'b', 'c'], ['a', 'b', 'c'], max_selections=2)")
    assert "3 options are chosen (by default or in session_state), more than max_selections=2" in error.text()


def test_radio_none_horizontal_and_captions(kernel):
    cell = Cell(kernel, """
        plain = jr.radio('plain', ['x', 'y'], index=None, horizontal=True)
        noted = jr.radio('noted', ['fast', 'cheap'], captions=['**now**', 'later'], horizontal=True)
        print('radios', plain, noted)
    """)
    assert "radios None fast" in cell.text()
    plain = only(kernel, cell.container, "RadioButtonsModel")
    assert kernel.models[plain]["orientation"] == "horizontal"
    assert "jr-radio-horizontal" in kernel.models[plain]["_dom_classes"]
    noted = own(kernel, cell.container, "ButtonGroup")
    state = kernel.models[noted]
    assert state["look"] == "radio" and state["horizontal"] is True
    assert state["captions"] == ["<strong>now</strong>", "later"]
    kernel.update(noted, value=[1])
    cell.wait_for("radios None cheap")
    kernel.update(plain, index=0)
    cell.wait_for("radios x cheap")


def test_pills_segmented_control_and_feedback_return_what_streamlit_returns(kernel):
    calls, key = unique("calls"), unique("mood")
    kernel.execute(f"{calls} = []")
    cell = Cell(kernel, f"""
        one = jr.pills('one', ['a', 'b'], default='a')
        many = jr.segmented_control('many', [1, 2, 3], selection_mode='multi', default=[3])
        must = jr.pills('must', ['x', 'y'], default='x', required=True, format_func=str.upper)
        mood = jr.feedback('faces', key='{key}', on_change=lambda: {calls}.append(jr.session_state['{key}']))
        print('got', one, many, must, mood)
    """)
    assert "got a [3] x None" in cell.text()
    one, many, must, mood = kernel.find(cell.container, "AnyModel")
    assert kernel.models[must]["options"] == ["X", "Y"] and kernel.models[must]["required"] is True
    assert kernel.models[mood]["look"] == "faces" and len(kernel.models[mood]["options"]) == 5
    kernel.update(one, value=[])  # the chosen pill clicked again
    cell.wait_for("got None [3] x None")
    kernel.update(many, value=[2, 0])  # indices: option 3, then option 1
    cell.wait_for("got None [3, 1] x None")
    kernel.update(mood, value=[4])
    cell.wait_for("got None [3, 1] x 4")
    kernel.sync()
    assert kernel.value(calls) == [4]  # the callback saw session_state updated


def test_feedback_thumbs_show_up_first_and_mean_one(kernel):
    cell = Cell(kernel, "print('thumb', jr.feedback())")
    model = own(kernel, cell.container, "ButtonGroup")
    state = kernel.models[model]
    assert state["order"] == [1, 0] and 'aria-label="thumb_up"' in state["options"][1]
    kernel.update(model, value=[1])
    cell.wait_for("thumb 1")


def test_on_change_ignore_waits_for_the_next_run(kernel):
    runs, key = unique("runs"), unique("quiet")
    kernel.execute(f"{runs} = []")
    cell = Cell(kernel, f"""
        quiet = jr.slider('quiet', 0, 10, 1, key='{key}', on_change='ignore')
        jr.button('go')
        {runs}.append(quiet)
        print('runs', len({runs}), 'quiet', quiet)
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=7)
    kernel.sync()
    assert kernel.value(runs) == [1]  # no run for an ignored change
    kernel.click(only(kernel, cell.container, "ButtonModel"))
    cell.wait_for("runs 2 quiet 7")
    kernel.sync()
    assert kernel.value(f"jr.session_state['{key}']") == 7


def test_time_input_keeps_the_users_time_as_the_clock_moves(kernel):
    cell = Cell(kernel, """
        alarm = jr.time_input('alarm', step=1)
        jr.button('again')
        print('alarm', alarm)
    """)
    model = only(kernel, cell.container, "TimeModel")
    assert kernel.models[model]["step"] == 1
    kernel.update(model, value={"hours": 6, "minutes": 5, "seconds": 4, "milliseconds": 0})
    cell.wait_for("alarm 06:05:04")
    kernel.execute("import time; time.sleep(1.1)")  # "now" is a second later
    kernel.click(only(kernel, cell.container, "ButtonModel"))
    kernel.sync()
    assert "alarm 06:05:04" in cell.text()


def test_datetime_input_is_a_naive_datetime_to_the_minute(kernel):
    cell = Cell(kernel, """
        when = jr.datetime_input('when', '2025-11-19 16:45:30', min_value=dt.date(2025, 1, 1))
        print('when', repr(when))
        print('none', jr.datetime_input('none', None))
    """)
    assert "when datetime.datetime(2025, 11, 19, 16, 45)" in cell.text() and "none None" in cell.text()
    model = kernel.find(cell.container, "NaiveDatetimeModel")[0]
    assert kernel.models[model]["min"]["year"] == 2025 and kernel.models[model]["max"]["year"] == 2035


def test_button_type_icon_width_and_help(kernel):
    log = unique("clicks")
    kernel.execute(f"{log} = []")
    cell = Cell(kernel, f"""
        jr.button('Go', type='primary', icon='🔥', help='starts it', width=200)
        wide = jr.button('Wide', use_container_width=True, type='tertiary')
        home = jr.button('**Home**', icon=':material/home:', icon_position='right')
        {log}.append(home)
    """)
    go, wide = kernel.find(cell.container, "ButtonModel")
    state = kernel.models[go]
    assert state["description"] == "🔥 Go" and state["tooltip"] == "starts it"
    assert "jr-button-primary" in state["_dom_classes"] and layout_of(kernel, go)["width"] == "200px"
    assert "jr-button-tertiary" in kernel.models[wide]["_dom_classes"]
    assert layout_of(kernel, wide)["width"] == "100%"
    home = own(kernel, cell.container, "IconButton")
    assert kernel.models[home]["description"] == "<strong>Home</strong>"
    assert 'aria-label="home"' in kernel.models[home]["icon"]
    assert kernel.models[home]["icon_position"] == "right"
    assert "jr-button-secondary" in kernel.models[home]["_dom_classes"]
    kernel.click(home)
    kernel.wait_until(lambda: kernel.value(f"len({log})") == 2)
    kernel.sync()
    assert kernel.value(log) == [False, True]


def test_text_input_types_placeholder_and_max_chars(kernel):
    cell = Cell(kernel, """
        secret = jr.text_input('secret', type='password', placeholder='hush')
        mail = jr.text_input('mail', type='email', value=None)
        short = jr.text_input('short', 'abcdef', max_chars=3)
        print('text', repr(secret), repr(mail), repr(short))
    """)
    assert "text '' None 'abc'" in cell.text()
    password = only(kernel, cell.container, "PasswordModel")
    assert kernel.models[password]["placeholder"] == "hush"
    mail, short = kernel.find(cell.container, "TextModel")
    assert kernel.models[mail]["placeholder"] == "you@example.com"  # Streamlit's, for email
    assert kernel.models[short]["value"] == "abc"
    kernel.update(short, value="xyzzy")
    cell.wait_for("'xyz'")
    kernel.sync()
    assert kernel.models[short]["value"] == "xyz"  # the field shows what the run got


@pytest.mark.parametrize("body, message", [
    ("jr.time_input('t', step=0)", "step must be from 1 seconds to 23 hours"),
    ("jr.time_input('t', step=dt.timedelta(hours=24))", "step must be from 1 seconds to 23 hours"),
    ("jr.time_input('t', format='13h')", "format must be '12h', '24h' or 'localized'"),
    ("jr.time_input('t', 'noon')", "value must be a time"),
    ("jr.datetime_input('t', step=30)", "step must be from 60 seconds"),
    ("jr.datetime_input('t', dt.datetime(2020, 1, 1), min_value=dt.datetime(2021, 1, 1))", "is outside"),
    ("jr.date_input('d', format='YYYY')", "format must be 'YYYY/MM/DD'"),
    ("jr.date_input('d', dt.date(2020, 1, 1), min_value=dt.date(2021, 1, 1))", "is outside"),
    ("jr.slider('s', value=(1, 2.5))", "the values of a range must be of one type"),
    ("jr.slider('s', dt.date(2024, 1, 1), dt.date(2024, 2, 1), step=1)", "must be of one type"),
    ("jr.slider('s', value='x')", "value must be an int, float, date, time or datetime"),
    ("jr.slider('s', value=dt.date(1600, 1, 1))", "too far from 1970"),
    ("jr.number_input('n', 0, value=1.5)", "must be all ints or all floats"),
    ("jr.number_input('n', format='%d items')", "is not a printf-style number format"),
    ("jr.number_input('n', 0, 10, 20)", "the value 20 is above max_value 10"),
    ("jr.selectbox('s', ['a'], filter_mode=None, accept_new_options=True)", "filter_mode=None cannot go"),
    ("jr.selectbox('s', ['a'], index='0')", "index must be None or an int"),
    ("jr.multiselect('m', ['a'], max_selections=0)", "max_selections must be a positive int"),
    ("jr.pills('p', ['a'], selection_mode='many')", "selection_mode must be 'single' or 'multi'"),
    ("jr.pills('p', ['a'], selection_mode='multi', required=True)", "required=True works with"),
    ("jr.segmented_control('p', ['a', 'b'], default=['a', 'b'])", "default must be one option"),
    ("jr.feedback('hearts')", "options must be 'thumbs', 'faces' or 'stars'"),
    ("jr.feedback('thumbs', default=2)", "default must be None or an int from 0 to 1"),
    ("jr.button('b', type='danger')", "type must be 'primary', 'secondary' or 'tertiary'"),
    ("jr.button('b', icon='fire')", "use one emoji like"),
    ("jr.button('b', width=0)", "width must be 'stretch', 'content' or a positive number"),
    ("jr.text_input('t', live=300)", "live must be True, False or a pause like '300ms'"),
    ("jr.text_input('t', type='secret')", "type must be 'default', 'password', 'email', 'url', 'phone' or 'search'"),
    ("jr.slider('s', on_change='sometimes')", "the callback must be a function (or 'rerun', or 'ignore'"),
    ("jr.slider('s', bind='url')", "bind must be None or 'query-params'"),
])
def test_bad_arguments_give_one_line_naming_the_fix(kernel, body, message):
    cell = Cell(kernel, f"jr.write('before')\n{body}")
    text = cell.text()
    assert message in text, text
    assert "before" in text and "Traceback" not in text


def test_the_new_inputs_are_methods_of_every_container(kernel):
    cell = Cell(kernel, """
        left, right = jr.columns(2)
        with jr.expander('more', expanded=True):
            inner = jr.container()
        got = [left.time_input('t', dt.time(7)), right.pills('p', ['a'], default='a'),
               inner.segmented_control('s', ['x', 'y'], default='y'), left.feedback('faces'),
               right.datetime_input('d', dt.datetime(2025, 1, 2, 3, 4))]
        print('got', got)
    """)
    assert ("got [datetime.time(7, 0), 'a', 'y', None, datetime.datetime(2025, 1, 2, 3, 4)]"
            in cell.text()), cell.text()


@pytest.mark.parametrize("drawing", [
    "jr.button('Go', key=KEY)",
    "jr.download_button('Get', b'data', key=KEY)",
    "with jr.form('f'):\n    jr.form_submit_button('Send', key=KEY)",
])
def test_setting_a_buttons_key_is_an_error_as_in_streamlit(kernel, drawing):
    """Streamlit's check_session_state_rules(writes_allowed=False): a key set in this run,
    before the button is drawn, is refused."""
    key = unique("button_key")
    cell = Cell(kernel, f"jr.session_state[{key!r}] = True\n"
                        + drawing.replace("KEY", repr(key)) + "\njr.write('after')")
    text = cell.text()
    assert f"session_state[{key!r}] is read-only, as in Streamlit" in text, text
    assert "after" not in text and "Traceback" not in text


def test_a_button_key_set_before_this_run_or_a_chat_inputs_key_is_not_refused(kernel):
    key, chat = unique("old_key"), unique("chat_key")
    kernel.execute(f"jr.session_state[{key!r}] = 'set outside any run'")
    cell = Cell(kernel, f"""
        jr.button('Go', key={key!r})
        jr.session_state[{chat!r}] = 'hi'
        jr.chat_input('Say', key={chat!r})
        jr.write('drawn')
    """)
    assert "drawn" in cell.text() and "read-only" not in cell.text()
