"""The only package that imports ipywidgets (and anywidget): the models runs are drawn
with, and how the engine listens to the widgets a cell reruns on. Elements whose front end
is our own code (a data grid, charts) have a module each here, their JavaScript in
`jupyter_rerun/static/`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from html import escape
from typing import Any

import ipywidgets
import traitlets

Widget = ipywidgets.Widget

_NOTE_STYLE = "color: var(--jp-ui-font-color2, #888); font-size: 11px; line-height: 16px;"

# kind -> ipywidgets class, for the inline input widgets (jr.slider, ...)
INPUT_CLASSES: dict[str, type] = {
    "int_slider": ipywidgets.IntSlider,
    "float_slider": ipywidgets.FloatSlider,
    "int_range_slider": ipywidgets.IntRangeSlider,
    "float_range_slider": ipywidgets.FloatRangeSlider,
    "select_slider": ipywidgets.SelectionSlider,
    "select_range_slider": ipywidgets.SelectionRangeSlider,
    "int_input": ipywidgets.IntText,
    "float_input": ipywidgets.FloatText,
    "bounded_int_input": ipywidgets.BoundedIntText,
    "bounded_float_input": ipywidgets.BoundedFloatText,
    "text_input": ipywidgets.Text,
    "password_input": ipywidgets.Password,
    "text_area": ipywidgets.Textarea,
    "checkbox": ipywidgets.Checkbox,
    "toggle": ipywidgets.ToggleButton,
    "selectbox": ipywidgets.Dropdown,
    "radio": ipywidgets.RadioButtons,
    "multiselect": ipywidgets.TagsInput,
    "button": ipywidgets.Button,
    "date_input": ipywidgets.DatePicker,
    "time_input": ipywidgets.TimePicker,
    "datetime_input": ipywidgets.NaiveDatetimePicker,
    "combobox": ipywidgets.Combobox,
    "color_picker": ipywidgets.ColorPicker,
}


# Layout and style models shared by every widget whose traits are equal: a model is a comm,
# a message and a view in the page, and the demo dashboard's 22 layouts were 9 distinct ones.
# A shared model is never changed: a widget that needs other traits is given another model.
_shared_parts: dict[tuple, Widget] = {}


def layout_model(**traits: Any) -> ipywidgets.Layout:
    """The kernel's one Layout model with these CSS traits (None: not set)."""
    return _shared(ipywidgets.Layout, traits)


def style_model(cls: type, **traits: Any) -> Widget:
    """The kernel's one style model for widgets of class `cls` with these traits."""
    return _shared(cls.class_traits()["style"].klass, traits)


def _shared(model_class: type, traits: dict[str, Any]) -> Widget:
    key = (model_class, *sorted((name, value) for name, value in traits.items() if value is not None))
    model = _shared_parts.get(key)
    if model is None or model.comm is None:  # none yet, or closed (unloaded)
        model = _shared_parts[key] = model_class(**dict(key[1:]))
    return model


class SharedLayout(traitlets.HasTraits):
    """A mixin for our own models (first among the bases): the shared empty Layout unless
    one is given, not a Layout model of its own per instance."""

    @traitlets.default("layout")
    def _shared_layout(self) -> ipywidgets.Layout:
        return layout_model()


def _own_traits(model: Widget) -> dict[str, Any]:
    return {name: getattr(model, name) for name in model.keys
            if not name.startswith("_") and getattr(model, name) is not None}


def _close_shared_parts() -> None:
    for model in _shared_parts.values():
        model.close()
    _shared_parts.clear()


def container() -> ipywidgets.VBox:
    """The box a %%rerun cell shows; its children are replaced in place on each run."""
    box = ipywidgets.VBox(layout=layout_model(width="100%"))
    box.add_class("jupyter-rerun-cell")
    return box


def standalone(view: Widget) -> ipywidgets.VBox:
    """An element shown outside a %%rerun cell: in a box that carries the page's stylesheet
    and the class its rules are scoped to, so it looks as it does inside one."""
    box = container()
    box.children = (stylesheet(), view)
    return box


_stylesheet: ipywidgets.HTML | None = None


def stylesheet() -> ipywidgets.HTML:
    """The page's styles, one hidden model shared by every cell container of the kernel."""
    global _stylesheet
    if _stylesheet is None or _stylesheet.comm is None:  # none yet, or closed (unloaded)
        from ..page import stylesheet as css

        _stylesheet = ipywidgets.HTML(f"<style>{css()}</style>",
                                      layout=layout_model(display="none"),
                                      style=style_model(ipywidgets.HTML))
    return _stylesheet


# Models shared by every cell of the kernel (the stylesheet, front-end libraries), closed
# when the extension unloads: `on_unload(close)` registers one.
_shared_closers: list[Callable[[], None]] = []


def on_unload(close_it: Callable[[], None]) -> None:
    _shared_closers.append(close_it)


def one_per_kernel(make: Callable[[], Widget]) -> Callable[[], Widget]:
    """A getter of the kernel's one model that `make()` makes (a front-end library, say):
    made on first use, made again once closed, closed when the extension unloads."""
    held: list[Widget] = []

    def get() -> Widget:
        if not held or held[0].comm is None:
            held[:] = [make()]
        return held[0]

    def close_held() -> None:
        while held:
            close(held.pop())

    on_unload(close_held)
    return get


def close_shared() -> None:
    """Close the models shared by the kernel's cells (the extension unloads)."""
    global _stylesheet
    if _stylesheet is not None:
        close(_stylesheet)
        _stylesheet = None
    for close_it in _shared_closers:
        close_it()
    _close_shared_parts()


def vbox() -> ipywidgets.VBox:
    return ipywidgets.VBox(layout=layout_model(width="100%", min_width="0"))


def output_slot() -> ipywidgets.Output:
    """A slot for printed and displayed output; its `outputs` are set from the kernel side."""
    return ipywidgets.Output(layout=layout_model(width="100%"))


def note(text: str = "") -> ipywidgets.HTML:
    """A small grey line, e.g. "reruns on: s, t"."""
    widget = ipywidgets.HTML(note_html(text), layout=layout_model(), style=style_model(ipywidgets.HTML))
    widget.add_class("jupyter-rerun-note")
    return widget


def note_html(text: str) -> str:
    return f'<span style="{_NOTE_STYLE}">{escape(text)}</span>' if text else ""


_NATURAL_WIDTH = {"button", "toggle", "checkbox", "color_picker"}  # the rest fill their column
_LABEL_BESIDE = _NATURAL_WIDTH | {"multiselect"}  # the rest get their label above (page.css)


def make_input(kind: str, traits: dict[str, Any]) -> Widget:
    """An input widget that, like Streamlit's, fills the width of its column, with its
    label above it."""
    width = {} if kind in _NATURAL_WIDTH else {"width": "100%"}
    cls = INPUT_CLASSES[kind]
    classes = traits.get("classes", ())
    traits = {**_known(cls, traits), "layout": layout_model(**{**width, **traits.get("layout", {})})}
    if "style" in cls.class_trait_names():  # our own models (widgets/inputs.py) have none
        traits["style"] = style_model(cls, description_width="initial")
    widget = cls(**traits)
    widget.add_class(f"jupyter-rerun-{kind.replace('_', '-')}")
    if kind not in _LABEL_BESIDE and cls.__module__.startswith("ipywidgets"):
        widget.add_class("jupyter-rerun-labelled")
    for name in classes:
        widget.add_class(name)
    return widget


def placed(widget: Widget) -> Widget:
    """What an input puts in the layout: itself, or, for a control that draws no label of
    its own (TagsInput), a box with the label above it that follows its description."""
    if not isinstance(widget, ipywidgets.TagsInput):
        return widget
    # the description is HTML (ui/entries.py)
    label = ipywidgets.HTML(widget.description, layout=layout_model(), style=style_model(ipywidgets.HTML))
    label.add_class("jupyter-rerun-label")
    traitlets.dlink((widget, "description"), (label, "value"))
    box = ipywidgets.VBox([label, widget], layout=layout_model(width="100%", margin="0 0 12px 0"))
    box.add_class("jupyter-rerun-labelled-box")
    return box


def update_traits(widget: Widget, traits: dict[str, Any]) -> None:
    """Send only the traits that differ, in one message. `layout` (a dict) changes the
    widget's layout traits (it is given the shared Layout model that has them); `classes`
    are the `jr-` classes it should have now."""
    if "classes" in traits:
        _set_classes(widget, traits["classes"])
    if isinstance(traits.get("layout"), dict):
        wanted = {**_own_traits(widget.layout), **traits["layout"]}
        if {n: v for n, v in wanted.items() if v is not None} != _own_traits(widget.layout):
            widget.layout = layout_model(**wanted)
    changed = {name: value for name, value in _known(type(widget), traits).items()
               if name != "layout" and getattr(widget, name) != value}
    if changed:
        with widget.hold_sync():
            # options first: a new value may only be valid among the new options
            for name in sorted(changed, key=lambda n: n not in ("options", "min", "max")):
                setattr(widget, name, changed[name])


def _set_classes(widget: Widget, classes: Sequence[str]) -> None:
    for name in [name for name in widget._dom_classes if name.startswith("jr-")]:
        if name not in classes:
            widget.remove_class(name)
    for name in classes:
        if name not in widget._dom_classes:
            widget.add_class(name)


def _known(cls: type, traits: dict[str, Any]) -> dict[str, Any]:
    """The traits `cls` has (TagsInput, say, has no `disabled`: it cannot be disabled)."""
    names = cls.class_trait_names()
    return {name: value for name, value in traits.items() if name in names}


def html(value: str) -> ipywidgets.HTML:
    """A model that shows HTML made in the kernel (escaped where it holds user text):
    rendered the same in JupyterLab and Voila, updated in place by setting `value`."""
    return ipywidgets.HTML(value, layout=layout_model(width="100%"), style=style_model(ipywidgets.HTML))


def html_math(value: str) -> ipywidgets.HTMLMath:
    """Like `html`, and the front end typesets the LaTeX in it ($…$, $$…$$)."""
    return ipywidgets.HTMLMath(value, layout=layout_model(width="100%"), style=style_model(ipywidgets.HTMLMath))


def set_outputs(slot: ipywidgets.Output, outputs: Sequence[dict]) -> None:
    """Swap a slot's outputs in one comm message (no blank frame in between)."""
    slot.outputs = tuple(outputs)


def set_children(box: ipywidgets.Box, children: Sequence[Widget]) -> None:
    children = tuple(children)
    if box.children != children:
        box.children = children


def set_stale(widget: Widget, stale: bool) -> None:
    """Dim (or undim) a model the last run showed and a slow run has not redrawn yet."""
    if not isinstance(widget, ipywidgets.DOMWidget) or widget.comm is None:
        return  # closed meanwhile
    (widget.add_class if stale else widget.remove_class)("jupyter-rerun-stale")


def set_note(widget: ipywidgets.HTML, text: str) -> None:
    html = note_html(text)
    if widget.value != html:
        widget.value = html


def is_trigger(value: object) -> bool:
    """Widgets a cell can rerun on: anything with a value, and buttons (clicks)."""
    return isinstance(value, (ipywidgets.ValueWidget, ipywidgets.Button))


def content(widget: Widget) -> tuple[tuple[str, Any], ...]:
    """What a widget counts as in a cache key: its value (a box: its children, by their
    values), never its identity; () for a widget with no value (an Output, a Button)."""
    if isinstance(widget, ipywidgets.ValueWidget):
        return (("value", widget.value),)
    if isinstance(widget, ipywidgets.Box):
        return (("children", widget.children),)
    return ()


def describe(value: object) -> str:
    """'IntSlider' for widgets, the type name for anything else."""
    return type(value).__name__


def listen(widget: Widget, callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback()` when `widget` changes value (or, for a button, is clicked);
    return the undo."""
    if isinstance(widget, ipywidgets.Button) or getattr(widget, "clickable", False):

        def on_click(_button: Any) -> None:
            callback()

        widget.on_click(on_click)
        return lambda: widget.on_click(on_click, remove=True)

    def on_value(_change: Any) -> None:
        callback()

    widget.observe(on_value, names="value")
    return lambda: widget.unobserve(on_value, names="value")


_setting: dict[int, int] = {}  # id(model) -> the thread changing it from the kernel now


@contextmanager
def from_kernel(model: Widget) -> Iterator[None]:
    """Changes made in this block are the kernel's, not the user's input."""
    _setting[id(model)] = threading.get_ident()
    try:
        yield
    finally:
        _setting.pop(id(model), None)


def setting_from_kernel(model: Widget) -> bool:
    """Whether the change being observed now is one the kernel makes (see from_kernel)."""
    return _setting.get(id(model)) == threading.get_ident()


def observe(model: Widget, name: str, callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback()` when trait `name` of `model` changes; return the undo."""
    def on_change(_change: Any) -> None:
        callback()

    model.observe(on_change, names=name)
    return lambda: model.unobserve(on_change, names=name)


def close(widget: Widget) -> None:
    """Close a widget and the layout/style models that `close()` leaves open (and, for a
    box `placed` made, the label and the box)."""
    if "jupyter-rerun-labelled-box" in getattr(widget, "_dom_classes", ()):
        for child in widget.children[:-1]:  # the label; the control is closed by its owner
            close(child)
    for part in ("layout", "style"):
        model = getattr(widget, part, None)
        if isinstance(model, Widget) and model not in _shared_parts.values():
            model.close()
    widget.close()


# Inputs whose front end is our own (date and time sliders, number boxes, pills, ...)
from .inputs import INPUTS as _OWN_INPUTS  # noqa: E402  (they import this module's helpers)
from .files import FILE_INPUTS as _FILE_INPUTS  # noqa: E402  (uploader, download, link)

INPUT_CLASSES.update(_OWN_INPUTS)
INPUT_CLASSES.update(_FILE_INPUTS)
from .chat import CHAT_INPUTS as _CHAT_INPUTS  # noqa: E402  (chat_input)

INPUT_CLASSES.update(_CHAT_INPUTS)
from .pagination import PAGINATION_INPUTS as _PAGINATION_INPUTS  # noqa: E402

INPUT_CLASSES.update(_PAGINATION_INPUTS)
