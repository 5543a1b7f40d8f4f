"""Streamlit 1.67's layout in a real kernel, both event modes (the `kernel` fixture): the
models and their state for columns, container, space, expander, tabs, popover, dialog and
the sidebar; updates in place (counted messages); the user's state kept; `on_change`
reruns with the callback first; errors one line. Runs are counted, never timed."""

from __future__ import annotations

import pytest
from conftest import Cell, only, unique


def layout(kernel, model_id: str) -> dict:
    return kernel.models[kernel.models[model_id]["layout"].removeprefix("IPY_MODEL_")]


def classes(kernel, model_id: str) -> list[str]:
    return kernel.models[model_id]["_dom_classes"]


def with_class(kernel, container: str, name: str, model_name: str = "VBoxModel") -> list[str]:
    return [m for m in kernel.find(container, model_name) if name in classes(kernel, m)]


def logged(kernel, body: str, **options) -> tuple[Cell, str]:
    """A cell whose body appends to LOG, a fresh list; returns (cell, the list's name)."""
    log = unique("log")
    kernel.execute(f"{log} = []")
    return Cell(kernel, body.replace("LOG", log), **options), log


def controls(kernel, container: str, trait: str) -> list[str]:
    """The anywidget controls (popover buttons, dialog headers) under `container`."""
    return [m for m in kernel.find(container, "AnyModel") if trait in kernel.models[m]]


def sent_since(kernel, start: int, *types: str) -> list[dict]:
    kernel.sync()
    return kernel.messages_since(start, *types)


# -- columns and containers ---------------------------------------------------------------------
def test_columns_take_every_parameter_and_a_change_is_one_update_of_its_box(kernel):
    cell = Cell(kernel, """
        gap = jr.selectbox("gap", ["large", "xxsmall", 20, None])
        a, b, c = jr.columns([3, 2, 1], gap=gap, vertical_alignment="bottom", border=True,
                             width=500, wrap=False)
        a.write("first")
    """)
    (row,) = kernel.find(cell.container, "HBoxModel")
    assert classes(kernel, row) == ["jr-columns"]  # wrap=False: they never stack
    assert layout(kernel, row)["grid_gap"] == "4rem"
    assert (layout(kernel, row)["width"], layout(kernel, row)["max_width"]) == ("500px", "100%")
    columns = kernel.children(row)
    assert [layout(kernel, c)["flex"] for c in columns] == ["3.0 1 0", "2.0 1 0", "1.0 1 0"]
    assert {layout(kernel, c)["justify_content"] for c in columns} == {"flex-end"}
    assert all("jr-border" in classes(kernel, c) for c in columns)
    for option, css in ((1, "0.25rem"), (2, "20px"), (3, "0px")):
        start = len(kernel.log)
        kernel.update(only(kernel, cell.container, "DropdownModel"), index=option)
        kernel.wait_until(lambda: layout(kernel, row)["grid_gap"] == css)
        sent = [m for m in sent_since(kernel, start, "comm_msg", "comm_open")
                if m["msg_type"] == "comm_open" or m["content"]["comm_id"] != only(
                    kernel, cell.container, "DropdownModel")]
        # layouts are shared, never changed: the row is given the kernel's layout with the new gap
        opened = [m["content"]["data"]["state"] for m in sent if m["msg_type"] == "comm_open"]
        assert [(state["_model_name"], state["grid_gap"]) for state in opened] == [("LayoutModel", css)]
        assert [(m["content"]["comm_id"], list(m["content"]["data"]["state"]))
                for m in sent if m["msg_type"] == "comm_msg"] == [(row, ["layout"])]
    assert kernel.find(cell.container, "HBoxModel") == [row]


def test_a_container_with_a_height_scrolls_in_a_border_and_horizontal_is_a_flex_row(kernel):
    cell = Cell(kernel, """
        with jr.container(height=300):
            jr.write("tall")
        jr.container(height=200, border=False).write("no border")
        row = jr.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center",
                           gap="medium", key="toolbar", width="content")
        row.button("one")
        row.button("two")
        jr.container(horizontal=True, wrap=False, horizontal_alignment="distribute").write("x")
        jr.container(vertical_alignment="bottom", horizontal_alignment="center", gap="large").write("y")
    """)
    boxes = with_class(kernel, cell.container, "jr-container")
    scroll, plain, toolbar, nowrap, column = boxes
    assert "jr-border" in classes(kernel, scroll) and "jr-border" not in classes(kernel, plain)
    assert (layout(kernel, scroll)["height"], layout(kernel, scroll)["overflow"]) == ("300px", "auto")
    assert classes(kernel, toolbar) == ["st-key-toolbar", "jr-container", "jr-horizontal"]
    assert {name: layout(kernel, toolbar)[name] for name in (
        "flex_flow", "justify_content", "align_items", "grid_gap", "width")} == {
        "flex_flow": "row wrap", "justify_content": "flex-end", "align_items": "center",
        "grid_gap": "2rem", "width": "fit-content"}
    assert len(kernel.find(toolbar, "ButtonModel")) == 2
    assert "jr-nowrap" in classes(kernel, nowrap)
    assert (layout(kernel, nowrap)["flex_flow"], layout(kernel, nowrap)["justify_content"]) == (
        "row nowrap", "space-between")
    assert {name: layout(kernel, column)[name] for name in (
        "flex_flow", "justify_content", "align_items", "grid_gap")} == {
        "flex_flow": "column nowrap", "justify_content": "flex-end", "align_items": "center",
        "grid_gap": "max(0px, calc(4rem - 1rem))"}  # beyond the 1rem every element keeps


def test_a_keyed_container_keeps_its_model_when_others_come_and_go_before_it(kernel):
    cell = Cell(kernel, """
        if jr.checkbox("more"):
            jr.container(border=True).write("extra")
        jr.container(key="kept", border=True).write("always")
    """)
    (kept,) = [m for m in with_class(kernel, cell.container, "jr-container")
               if "st-key-kept" in classes(kernel, m)]
    kernel.update(only(kernel, cell.container, "CheckboxModel"), value=True)
    cell.wait_for("extra")
    kernel.sync()
    assert [m for m in with_class(kernel, cell.container, "jr-container")
            if "st-key-kept" in classes(kernel, m)] == [kept]


def test_space_is_sized_as_streamlit_sizes_it(kernel):
    cell = Cell(kernel, """
        jr.space()
        jr.space("large")
        jr.space(40)
        with jr.container(horizontal=True):
            jr.button("left")
            jr.space("stretch")
            jr.button("right")
    """)
    spaces = with_class(kernel, cell.container, "jr-space", "BoxModel")
    assert [(layout(kernel, m)["height"], layout(kernel, m)["width"]) for m in spaces] == [
        ("0.75rem", "0.75rem"), ("4.25rem", "4.25rem"), ("40px", "40px"), (None, None)]
    assert "jr-space-stretch" in classes(kernel, spaces[3])


# -- expander -----------------------------------------------------------------------------------
def test_an_expander_that_tracks_state_reruns_on_a_toggle_callback_first(kernel):
    key = unique("exp")
    cell, log = logged(kernel, f"""
        def toggled():
            LOG.append(("callback", jr.session_state[{key!r}]))
        with jr.expander("More", key={key!r}, on_change=toggled, icon="🔥", width=400) as more:
            jr.write("inside")
        LOG.append(("body", more.open))
    """)
    accordion = only(kernel, cell.container, "AccordionModel")
    assert kernel.models[accordion]["titles"] == ["🔥 More"]
    assert (layout(kernel, accordion)["width"], kernel.models[accordion]["selected_index"]) == ("400px", None)
    assert kernel.value(log) == [("body", False)]
    kernel.update(accordion, selected_index=0)  # the user opens it
    kernel.wait_until(lambda: len(kernel.value(log)) == 3)
    assert kernel.value(log)[1:] == [("callback", True), ("body", True)]
    assert kernel.value(f"jr.session_state[{key!r}]") is True


def test_setting_an_expanders_key_opens_it_and_an_ignoring_one_does_not_rerun(kernel):
    key = unique("exp")
    cell, log = logged(kernel, f"""
        LOG.append("run")
        if jr.button("open it"):
            pass
        def opener():
            jr.session_state[{key!r}] = True
        jr.button("open by key", on_click=opener)
        with jr.expander("Keyed", key={key!r}, on_change="rerun"):
            jr.write("keyed inside")
        plain = jr.expander("Plain")
        plain.write(f"plain open {{plain.open}}")
    """)
    keyed, plain = kernel.find(cell.container, "AccordionModel")
    assert "plain open None" in cell.text()
    button = [b for b in kernel.find(cell.container, "ButtonModel")
              if kernel.models[b]["description"] == "open by key"][0]
    kernel.click(button)
    kernel.wait_until(lambda: kernel.models[keyed]["selected_index"] == 0)
    kernel.sync()
    runs = len(kernel.value(log))
    kernel.handled(kernel.update(plain, selected_index=0))  # "ignore": the browser's own state
    kernel.sync()
    assert len(kernel.value(log)) == runs
    kernel.click(kernel.find(cell.container, "ButtonModel")[0])  # any rerun keeps what the user opened
    kernel.wait_until(lambda: len(kernel.value(log)) == runs + 1)
    kernel.sync()
    assert kernel.models[plain]["selected_index"] == 0


def test_an_expanders_material_icon_is_drawn_by_a_style_sheet_of_its_own(kernel):
    cell = Cell(kernel, 'with jr.expander(":blue[**Plan**]", icon=":material/home:", type="compact"):\n'
                        '    jr.write("steps")')
    accordion = only(kernel, cell.container, "AccordionModel")
    assert kernel.models[accordion]["titles"] == ["Plan"]  # markdown shown as its text
    names = classes(kernel, accordion)
    assert "jr-expander-icon" in names and "jr-expander-compact" in names
    (icon_class,) = [name for name in names if name.startswith("jr-xicon-")]
    sheets = [m for m in kernel.find(accordion, "HTMLModel") if "<style>" in kernel.models[m]["value"]]
    assert len(sheets) == 1 and icon_class in kernel.models[sheets[0]]["value"]
    assert "-webkit-mask: url('data:image/svg+xml," in kernel.models[sheets[0]]["value"]


# -- tabs ---------------------------------------------------------------------------------------
def test_tabs_default_on_change_open_and_session_state_as_streamlits_example(kernel):
    key = unique("animal")
    cell, log = logged(kernel, f"""
        def switch_tab(tab):
            jr.session_state[{key!r}] = tab
        def on_tab_change():
            LOG.append(("callback", jr.session_state[{key!r}]))
        cat, dog, owl = jr.tabs(["Cat", "Dog", "Owl"], on_change=on_tab_change, key={key!r},
                                default="Dog", height=250)
        LOG.append(("open", cat.open, dog.open, owl.open))
        if owl.open:
            owl.write("This is the owl")
        jr.button("Cat", on_click=switch_tab, args=("Cat",))
    """)
    tab = only(kernel, cell.container, "TabModel")
    assert kernel.models[tab]["selected_index"] == 1
    assert {layout(kernel, panel)["height"] for panel in kernel.children(tab)} == {"250px"}
    assert kernel.value(log) == [("open", False, True, False)]
    assert kernel.value(f"jr.session_state[{key!r}]") == "Dog"
    kernel.update(tab, selected_index=2)  # the user picks Owl
    cell.wait_for("This is the owl")
    kernel.sync()
    assert kernel.value(log)[1:] == [("callback", "Owl"), ("open", False, False, True)]
    kernel.click(only(kernel, cell.container, "ButtonModel"))  # code switches the tab
    kernel.wait_until(lambda: kernel.models[tab]["selected_index"] == 0)
    kernel.sync()
    assert kernel.value(log)[-1] == ("open", True, False, False)
    assert "This is the owl" not in cell.text()


def test_tabs_that_ignore_changes_keep_the_users_tab_and_do_not_rerun(kernel):
    cell, log = logged(kernel, """
        LOG.append("run")
        n = jr.slider("n", 0, 10, 1)
        one, two = jr.tabs(["one :cat:", "**two**"])
        LOG.append(("open", one.open, two.open))
        two.write(f"two {n}")
    """)
    tab = only(kernel, cell.container, "TabModel")
    assert kernel.models[tab]["titles"] == ["one 🐈", "two"]
    kernel.handled(kernel.update(tab, selected_index=1))
    kernel.sync()
    assert kernel.value(log) == ["run", ("open", None, None)]
    kernel.update(only(kernel, cell.container, "IntSliderModel"), value=5)
    cell.wait_for("two 5")
    kernel.sync()
    assert kernel.models[tab]["selected_index"] == 1


def test_a_tab_label_set_in_session_state_that_is_no_tab_goes_back_to_the_default(kernel):
    key = unique("tab")
    kernel.execute(f"jr.session_state[{key!r}] = 'Nope'")
    cell = Cell(kernel, f"a, b = jr.tabs(['A', 'B'], default='B', key={key!r}, on_change='rerun')\n"
                        "b.write(f'b open {b.open}')")
    assert "b open True" in cell.text()
    assert kernel.value(f"jr.session_state[{key!r}]") == "B"


# -- popover ------------------------------------------------------------------------------------
def test_a_popover_holds_its_elements_and_its_widgets_rerun_the_cell_with_it_open(kernel):
    cell, log = logged(kernel, """
        LOG.append("run")
        with jr.popover("Filter **items**", icon=":material/filter_list:", help="choose",
                        type="primary", use_container_width=True) as pop:
            red = jr.checkbox("Show red items.", True)
        LOG.append(("open", pop.open))
        if red:
            jr.write("red item")
    """)
    (popover,) = with_class(kernel, cell.container, "jr-popover")
    button, panel = kernel.children(popover)
    state = kernel.models[button]
    assert (state["label"], state["kind"], state["help"], state["is_open"]) == (
        "Filter <strong>items</strong>", "primary", "choose", False)
    assert "jr-icon" in state["icon"] and layout(kernel, popover)["width"] == "100%"
    assert "jr-popover-panel" in classes(kernel, panel)
    checkbox = only(kernel, panel, "CheckboxModel")
    kernel.handled(kernel.update(button, is_open=True))  # the user opens it: not tracked, no run
    kernel.sync()
    assert kernel.value(log) == ["run", ("open", None)]
    kernel.update(checkbox, value=False)
    kernel.wait_until(lambda: "red item" not in cell.text())
    kernel.sync()
    assert kernel.models[button]["is_open"] is True  # the rerun left it open


def test_streamlits_popover_example_opened_and_closed_by_its_key(kernel):
    kernel.execute("jr.session_state.clear()")
    cell, log = logged(kernel, """
        import streamlit as st

        def toggle_popover():
            st.session_state.drawer = not st.session_state.drawer

        def on_popover_change():
            LOG.append(("changed", st.session_state.drawer))

        with st.popover("Open popover", on_change=on_popover_change, key="drawer") as pop:
            st.write("This is the popover")
            st.button("Close popover", on_click=toggle_popover)
        st.button("Open popover", on_click=toggle_popover)
        LOG.append(("open", pop.open))
    """)
    (button,) = controls(kernel, cell.container, "kind")
    inside, outside = kernel.find(cell.container, "ButtonModel")
    kernel.click(outside)
    kernel.wait_until(lambda: kernel.models[button]["is_open"] is True)
    kernel.sync()
    assert kernel.value(log) == [("open", False), ("open", True)]
    kernel.update(button, is_open=False)  # the user closes it: tracked, the callback first
    kernel.wait_until(lambda: len(kernel.value(log)) == 4)
    assert kernel.value(log)[2:] == [("changed", False), ("open", False)]
    assert kernel.value("jr.session_state.drawer") is False


# -- dialog -------------------------------------------------------------------------------------
VOTE = '''
import streamlit as st

@st.dialog("Cast your vote")
def vote(item):
    LOG.append("dialog")
    st.write(f"Why is {item} your favorite?")
    reason = st.text_input("Because...")
    if st.button("Submit"):
        st.session_state.vote = {"item": item, "reason": reason}
        st.rerun()

LOG.append("app")
if "vote" not in st.session_state:
    st.write("Vote for your favorite")
    if st.button("A"):
        vote("A")
    if st.button("B"):
        vote("B")
else:
    f"You voted for {st.session_state.vote['item']} because {st.session_state.vote['reason']}"
'''


def test_streamlits_dialog_example_opens_reruns_alone_and_closes_on_rerun(kernel):
    kernel.execute("jr.session_state.clear()")
    cell, log = logged(kernel, VOTE)
    assert controls(kernel, cell.container, "dismissible") == []
    a = [b for b in kernel.find(cell.container, "ButtonModel") if kernel.models[b]["description"] == "A"][0]
    kernel.click(a)
    header = kernel.wait_until(lambda: controls(kernel, cell.container, "dismissible"))[0]
    kernel.sync()
    assert (kernel.models[header]["title"], kernel.models[header]["is_open"]) == ("Cast your vote", True)
    (dialog,) = with_class(kernel, cell.container, "jr-dialog")
    assert classes(kernel, dialog) == ["jr-dialog", "jr-dialog-small", "jr-dialog-center"]
    assert "Why is A your favorite?" in kernel.text(dialog)
    assert kernel.value(log) == ["app", "app", "dialog"]
    kernel.update(only(kernel, dialog, "TextModel"), value="it is first")
    kernel.wait_until(lambda: kernel.value(log).count("dialog") == 2)
    kernel.sync()
    assert kernel.value(log).count("app") == 2  # the dialog reran alone
    kernel.click(only(kernel, dialog, "ButtonModel"))  # Submit: st.rerun(), the whole cell
    cell.wait_for("You voted for A because it is first")
    kernel.sync()
    assert controls(kernel, cell.container, "dismissible") == [] and dialog not in kernel.models


def test_a_dismissed_dialog_reruns_only_as_on_dismiss_asks_and_opens_again_when_called(kernel):
    cell, log = logged(kernel, """
        def dismissed():
            LOG.append("callback")
        @jr.dialog("Ask", width=640, position="right", dismissible=True, on_dismiss=dismissed)
        def ask():
            jr.write("question")
        @jr.dialog("Quiet", width="large")
        def quiet():
            jr.write("quiet one")
        LOG.append("run")
        which = jr.radio("which", ["ask", "quiet"])
        ask() if which == "ask" else quiet()
    """)
    (header,) = controls(kernel, cell.container, "dismissible")
    (dialog,) = with_class(kernel, cell.container, "jr-dialog")
    assert classes(kernel, dialog) == ["jr-dialog", "jr-dialog-pixels", "jr-dialog-right"]
    (panel,) = kernel.children(dialog)
    assert layout(kernel, panel)["width"] == "640px"
    kernel.update(header, is_open=False)  # the user dismisses it: the callback, then the cell
    kernel.wait_until(lambda: kernel.value(log)[-2:] == ["callback", "run"])
    kernel.wait_until(lambda: kernel.models[header]["is_open"] is True)  # called again: open again
    kernel.update(only(kernel, cell.container, "RadioButtonsModel"), index=1)
    cell.wait_for("quiet one")
    kernel.sync()
    (header,) = controls(kernel, cell.container, "dismissible")
    runs = len(kernel.value(log))
    kernel.handled(kernel.update(header, is_open=False))  # on_dismiss="ignore": no rerun
    kernel.sync()
    assert len(kernel.value(log)) == runs


@pytest.mark.parametrize("body, message", [
    ("@jr.dialog('one')\ndef one():\n    pass\none()\none()", "Only one dialog is allowed to be opened"),
    ("@jr.dialog('outer')\ndef outer():\n    inner()\n@jr.dialog('inner')\ndef inner():\n    pass\nouter()",
     "Dialogs may not be nested inside other dialogs"),
    ("@jr.dialog\ndef bare():\n    pass", "The `title` parameter is required"),
    ("@jr.dialog('w', width='huge')\ndef w():\n    pass\nw()", "Invalid `width` value 'huge'"),
    ("@jr.dialog('d', on_dismiss='close')\ndef d():\n    pass\nd()", "Invalid `on_dismiss` value"),
    ("jr.columns(2, gap='huge')", "gap must be 'small', 'medium' or 'large'"),
    ("jr.columns(2, vertical_alignment='middle')", "Invalid `vertical_alignment` value 'middle'"),
    ("jr.columns(2, width='content')", "Width must be either a positive integer (pixels) or 'stretch'"),
    ("jr.columns(2, wrap='yes')", "Invalid `wrap` value 'yes'"),
    ("jr.container(wrap=False)", "`wrap=False` and `horizontal=False` cannot be used together"),
    ("jr.container(height=0)", "Invalid height value: 0"),
    ("jr.container(horizontal_alignment='middle')", "Invalid `horizontal_alignment` value"),
    ("jr.space('huge')", "Invalid `size` value 'huge'"),
    ("jr.expander('e', on_change=3)", "Invalid `on_change` value 3"),
    ("jr.expander('e', type='fancy')", "Invalid `type` value 'fancy'"),
    ("jr.expander('e', icon='nope')", "use one emoji"),
    ("jr.tabs(['a', 'b'], default='c')", "Invalid `default` value: 'c' is not in the list of tabs"),
    ("jr.tabs(['a'], bind='url')", "Invalid `bind` value 'url'"),
    ("jr.popover('p', type='loud')", "Invalid `type` value 'loud'"),
    ("jr.popover(None)", "The `label` parameter is required"),
    ("jr.container(key='k')\njr.container(key='k')", "two widgets in this run have key='k'"),
])
def test_bad_layout_arguments_are_one_line_errors_in_the_container(kernel, body, message):
    cell = Cell(kernel, f"jr.write('before')\n{body}")
    text = cell.text()
    assert message in text, text
    assert "before" in text and cell.execution.error is None
    assert "Traceback" not in text and "File " not in text


# -- sidebar ------------------------------------------------------------------------------------
def test_the_sidebar_is_a_box_of_the_cells_own_with_its_elements(kernel):
    cell = Cell(kernel, """
        x = jr.sidebar.slider("x", 0, 10, 3)
        with jr.sidebar:
            jr.write("in the sidebar")
        jr.write(f"main sees {x}")
    """)
    (side,) = with_class(kernel, cell.container, "jr-sidebar")
    assert side in kernel.children(cell.container)  # a side column of the cell's container
    (control,) = controls(kernel, side, "collapsed")
    assert kernel.models[control]["page"] is False  # not a Voila page
    assert "in the sidebar" in kernel.text(side) and "main sees" not in kernel.text(side)
    kernel.update(only(kernel, side, "IntSliderModel"), value=7)
    cell.wait_for("main sees 7")
    other = Cell(kernel, "jr.sidebar.write('second cell')")
    (second,) = with_class(kernel, other.container, "jr-sidebar")
    assert second != side and kernel.models[control]["order"] < kernel.models[
        controls(kernel, second, "collapsed")[0]]["order"]


def test_a_run_that_draws_nothing_in_the_sidebar_has_none_and_voila_gets_the_page_sidebar(kernel):
    kernel.execute("import os; os.environ['VOILA_BASE_URL'] = '/'")
    try:
        cell = Cell(kernel, """
            if jr.checkbox("side", True):
                jr.sidebar.write("here")
            jr.write("main")
        """)
        (side,) = with_class(kernel, cell.container, "jr-sidebar")
        assert kernel.models[controls(kernel, side, "collapsed")[0]]["page"] is True
        kernel.update(only(kernel, cell.container, "CheckboxModel"), value=False)
        kernel.wait_until(lambda: side not in kernel.models)
        assert with_class(kernel, cell.container, "jr-sidebar") == []
    finally:
        kernel.execute("del os.environ['VOILA_BASE_URL']")


def test_a_fragment_draws_into_the_sidebar_and_its_own_run_updates_it_in_place(kernel):
    cell, log = logged(kernel, """
        @jr.fragment
        def part():
            LOG.append("fragment")
            n = jr.sidebar.slider("n", 0, 10, 2)
            jr.sidebar.write(f"side {n}")
        LOG.append("cell")
        part()
    """)
    (side,) = with_class(kernel, cell.container, "jr-sidebar")
    kernel.update(only(kernel, side, "IntSliderModel"), value=6)
    kernel.wait_until(lambda: "side 6" in kernel.text(side))
    kernel.sync()
    assert kernel.value(log) == ["cell", "fragment", "fragment"]
    assert with_class(kernel, cell.container, "jr-sidebar") == [side]


def test_the_sidebar_outside_a_rerun_cell_names_the_fix(kernel):
    outside = kernel.execute("jr.sidebar.write('x')", allow_errors=True)
    assert "jr.sidebar() works inside a %%rerun cell" in outside.error


def test_a_dialog_opened_from_a_buttons_callback_shows_and_closes_at_the_next_run(kernel):
    cell, log = logged(kernel, """
        @jr.dialog("From a callback", icon="🔥")
        def note():
            LOG.append("dialog")
            jr.write("opened by on_click")
        LOG.append("run")
        jr.button("open", on_click=note)
        jr.checkbox("other")
    """)
    kernel.click(only(kernel, cell.container, "ButtonModel"))
    header = kernel.wait_until(lambda: controls(kernel, cell.container, "dismissible"))[0]
    kernel.sync()
    assert kernel.value(log) == ["run", "dialog", "run"]  # the callback, then the body
    assert "opened by on_click" in cell.text() and "🔥" in kernel.models[header]["icon"]
    kernel.update(only(kernel, cell.container, "CheckboxModel"), value=True)  # a run not calling it
    kernel.wait_until(lambda: header not in kernel.models)
    assert "opened by on_click" not in cell.text()


def test_a_rerun_that_changes_nothing_sends_nothing_for_any_container(kernel):
    cell = Cell(kernel, """
        jr.sidebar.write("side")
        a, b = jr.columns([2, 1], gap="large", border=True)
        a.write("left")
        with jr.container(horizontal=True, height=200, key="row"):
            jr.button("one")
            jr.space("stretch")
        t1, t2 = jr.tabs(["x", "y"], default="y", on_change="rerun", key="tabs_nothing")
        t2.write("tab")
        with jr.expander("e", icon=":material/home:", on_change="rerun"):
            jr.write("inside")
        with jr.popover("p", icon="🔥"):
            jr.write("in the popover")
        @jr.dialog("d")
        def d():
            jr.write("in the dialog")
        d()
        jr.checkbox("unrelated")
    """)
    box = only(kernel, cell.container, "CheckboxModel")
    models_before = set(kernel.models)
    runs = "__import__('jupyter_rerun.runtime').runtime.current().scheduler.runs"
    runs_before = kernel.value(runs)
    start = len(kernel.log)
    kernel.handled(kernel.update(box, value=True))  # reruns the cell; nothing it shows changes
    sent = [m for m in sent_since(kernel, start, "comm_msg", "comm_open", "comm_close",
                                  "display_data", "clear_output")
            if not (m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == box)]
    assert sent == [] and set(kernel.models) == models_before
    assert kernel.value(runs) == runs_before + 1  # it did rerun
