"""jr.form and jr.form_submit_button in a real kernel, both event modes: a form's widgets
rerun nothing until it is submitted, then one run gets every new value (callbacks first),
runs in between see the submitted values, clear_on_submit, Enter, and Streamlit's errors.

Runs are counted by the cell itself (it appends to a list in the kernel's namespace)."""

from __future__ import annotations

from conftest import Cell, unique


def submit_button(kernel, container: str, label: str = "Submit") -> str:
    (button,) = [m for m in kernel.find(container, "ButtonModel")
                 if kernel.models[m]["description"] == label]
    return button


def form_keys(kernel, container: str) -> str:
    """The form's hidden Enter listener (widgets/forms.py: FormKeys)."""
    (model,) = [m for m in kernel.find(container, "AnyModel")
                if kernel.models[m].get("_anywidget_id", "").endswith(".FormKeys")]
    return model


def runs(kernel, name: str) -> int:
    kernel.sync()
    return kernel.value(f"len({name})")


def test_a_submit_with_ten_changed_widgets_costs_one_run(kernel):
    counter = unique("form_runs")
    kernel.execute(f"{counter} = []")
    cell = Cell(kernel, f"""
        {counter}.append(1)
        with jr.form('ten'):
            values = [jr.slider(f's{{i}}', 0, 100, 0) for i in range(10)]
            submitted = jr.form_submit_button()
        print('values', values, 'submitted', submitted)
    """)
    assert "values [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] submitted False" in cell.text()
    sliders = kernel.find(cell.container, "IntSliderModel")
    assert len(sliders) == 10 and runs(kernel, counter) == 1
    for n, slider in enumerate(sliders):
        kernel.handled(kernel.update(slider, value=n + 1))
    assert runs(kernel, counter) == 1  # ten changes, no run
    assert "values [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]" in cell.text()
    kernel.click(submit_button(kernel, cell.container))
    cell.wait_for("values [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] submitted True")
    assert runs(kernel, counter) == 2  # the submit: one run with every value


def test_the_submit_callback_runs_first_and_sees_every_new_value(kernel):
    name, age = unique("name"), unique("age")
    cell = Cell(kernel, f"""
        def saved():
            print('callback', jr.session_state['{name}'], jr.session_state['{age}'])
            jr.session_state['{name}'] = ''  # allowed: the field is not drawn yet
        with jr.form('person'):
            typed = jr.text_input('name', key='{name}')
            years = jr.number_input('age', 0, 120, 30, key='{age}')
            jr.form_submit_button('Save', on_click=saved)
        print('body', repr(typed), years)
    """)
    (field,) = kernel.find(cell.container, "TextModel")
    (number,) = [m for m in kernel.find(cell.container, "AnyModel")
                 if kernel.models[m].get("_anywidget_id", "").endswith(".NumberBox")]
    kernel.handled(kernel.update(field, value="Ada"))
    kernel.handled(kernel.update(number, value=36))
    kernel.sync()
    assert kernel.value(f"(jr.session_state['{name}'], jr.session_state['{age}'])") == ("", 30)
    kernel.click(submit_button(kernel, cell.container, "Save"))
    text = cell.wait_for("body '' 36")
    assert text.index("callback Ada 36") < text.index("body '' 36")
    kernel.sync()
    assert kernel.models[field]["value"] == ""  # the callback's reset reached the field


def test_runs_before_the_submit_see_the_submitted_values(kernel):
    held, counter = unique("held"), unique("form_runs")
    kernel.execute(f"{counter} = []")
    cell = Cell(kernel, f"""
        {counter}.append(1)
        outside = jr.slider('outside', 0, 10, 0)
        with jr.form('hold'):
            inside = jr.slider('inside', 0, 10, 0, key='{held}')
            jr.form_submit_button()
        print('inside', inside, 'outside', outside)
    """)
    outside, inside = kernel.find(cell.container, "IntSliderModel")
    kernel.handled(kernel.update(inside, value=7))
    kernel.update(outside, value=3)  # a rerun for another reason
    cell.wait_for("inside 0 outside 3")
    assert runs(kernel, counter) == 2
    assert kernel.value(f"jr.session_state['{held}']") == 0
    assert kernel.models[inside]["value"] == 7  # the field still shows the user's edit
    kernel.click(submit_button(kernel, cell.container))
    cell.wait_for("inside 7 outside 3")
    assert kernel.value(f"jr.session_state['{held}']") == 7


def test_clear_on_submit_puts_the_fields_back_after_the_run_that_got_them(kernel):
    note = unique("note")
    cell = Cell(kernel, f"""
        with jr.form('notes', clear_on_submit=True):
            text = jr.text_input('note', 'draft', key='{note}')
            sent = jr.form_submit_button('Send')
        print('got', repr(text), sent)
    """)
    (field,) = kernel.find(cell.container, "TextModel")
    kernel.handled(kernel.update(field, value="hello"))
    kernel.click(submit_button(kernel, cell.container, "Send"))
    cell.wait_for("got 'hello' True")
    kernel.sync()
    assert kernel.models[field]["value"] == "draft"  # the default, shown again at once
    # the next submit, with nothing typed, sends the default
    kernel.click(submit_button(kernel, cell.container, "Send"))
    cell.wait_for("got 'draft' True")
    assert kernel.value(f"jr.session_state['{note}']") == "draft"


def test_enter_in_a_field_submits_unless_the_form_says_not_to(kernel):
    counter = unique("form_runs")
    kernel.execute(f"{counter} = []")
    cell = Cell(kernel, f"""
        {counter}.append(1)
        with jr.form('search'):
            query = jr.text_input('query')
            jr.form_submit_button('Go')
        with jr.form('quiet', enter_to_submit=False):
            other = jr.text_input('other')
            jr.form_submit_button('Apply')
        with jr.form('off'):
            third = jr.text_input('third')
            jr.form_submit_button('Later', disabled=True)
        print('query', repr(query), 'other', repr(other), 'third', repr(third))
    """)
    query, other, third = kernel.find(cell.container, "TextModel")
    keys = [m for m in kernel.find(cell.container, "AnyModel")
            if kernel.models[m].get("_anywidget_id", "").endswith(".FormKeys")]
    assert len(keys) == 3
    kernel.handled(kernel.update(other, value="b"))
    kernel.handled(kernel.custom(keys[1], {"event": "enter"}))  # enter_to_submit=False
    kernel.handled(kernel.update(third, value="c"))
    kernel.handled(kernel.custom(keys[2], {"event": "enter"}))  # its first button is disabled
    assert runs(kernel, counter) == 1
    kernel.handled(kernel.update(query, value="cats"))
    kernel.custom(keys[0], {"event": "enter"})  # what static/forms.js sends after the value
    cell.wait_for("query 'cats' other '' third ''")
    assert runs(kernel, counter) == 2


def test_a_form_object_takes_element_methods_and_its_columns_hold_too(kernel):
    cell = Cell(kernel, """
        f = jr.form('methods')
        a = f.slider('a', 0, 9, 0)
        left, right = f.columns(2)
        b = right.slider('b', 0, 9, 0)
        outside = jr.slider('c', 0, 9, 0)
        f.form_submit_button()
        print('a', a, 'b', b, 'c', outside)
    """)
    a, b, c = kernel.find(cell.container, "IntSliderModel")
    kernel.handled(kernel.update(a, value=1))
    kernel.handled(kernel.update(b, value=2))
    kernel.update(c, value=3)  # outside the form: reruns at once
    cell.wait_for("a 0 b 0 c 3")
    kernel.click(submit_button(kernel, cell.container))
    cell.wait_for("a 1 b 2 c 3")


def test_a_form_without_a_submit_button_says_so(kernel):
    cell = Cell(kernel, "with jr.form('lost'):\n    jr.slider('x')")
    assert "This form has no submit button" in cell.text()
    fixed = Cell(kernel, "with jr.form('found'):\n    jr.slider('x')\n    jr.form_submit_button()")
    assert "no submit button" not in fixed.text()


def error_of(kernel, body: str) -> str:
    text = Cell(kernel, body).text()
    lines = [line for line in text.splitlines() if "Error" in line]
    assert lines, text
    return lines[0]


def test_streamlits_form_errors_each_in_one_line(kernel):
    cases = {
        "with jr.form('a'):\n    with jr.form('b'):\n        pass": "forms cannot be nested",
        "with jr.form('a'):\n    jr.button('no')": "jr.button() can't be used in a jr.form()",
        "with jr.form('a'):\n    jr.slider('x', on_change=print)":
            "callbacks can only be defined on jr.form_submit_button",
        "jr.form_submit_button()": "must be used inside a jr.form()",
        "jr.form('twice')\njr.form('twice')": "two forms with key='twice'",
        "jr.form('owned')\njr.session_state['owned'] = 1": "session_state['owned']",
        "with jr.form('a'):\n    jr.slider('x', key='fx')\n    jr.session_state['fx'] = 3":
            "session_state['fx'] belongs to a widget already drawn",
    }
    for body, message in cases.items():
        assert message in error_of(kernel, body), body


def test_a_forms_submit_button_key_says_whether_it_was_clicked(kernel):
    key = unique("go")
    cell = Cell(kernel, f"""
        with jr.form('keyed'):
            jr.text_input('t')
            jr.form_submit_button('Go', key='{key}')
        print('state', jr.session_state['{key}'])
    """)
    assert "state False" in cell.text()
    kernel.click(submit_button(kernel, cell.container, "Go"))
    cell.wait_for("state True")
