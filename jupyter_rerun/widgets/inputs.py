"""The input models whose front end is our own code (anywidget modules in static/): what
ipywidgets has no control for, or draws unlike Streamlit.

- `StepSlider`: a slider (one thumb or two) over numbers, dates, times or datetimes, its
  readout formatted in the browser (printf-style for numbers, moment.js-style for dates);
- `NumberBox`: a number field with - and + buttons, printf formatting and an empty state;
- `ButtonGroup`: pills, a segmented control, feedback (thumbs, faces, stars) and radio
  buttons with captions;
- `DateRange`: two date fields, a start and an end;
- `ChipSelect`: a multiselect that caps its choices and can take new ones;
- `IconButton`: a button with a Material Symbol or markdown in its label.

Each model shows its own label (`description`, HTML when `description_allow_html`) above
its control, as page.css lays out the ipywidgets inputs. `value` is what the kernel reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from . import SharedLayout
from .library import static_text


def _module(*names: str) -> str:
    """An input's front-end module: the shared label (and formatting) code, then its own."""
    return "\n".join(static_text(name) for name in ("input_label.js", *names))


class _Input(SharedLayout, anywidget.AnyWidget):
    description = traitlets.Unicode("").tag(sync=True)
    description_allow_html = traitlets.Bool(False).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)


class StepSlider(_Input):
    """kind: "int" | "float" | "date" | "time" | "datetime". Dates and times travel as
    microseconds of their wall-clock time (read as UTC), so the browser needs no zone."""

    _esm = _module("formats.js", "step_slider.js")
    kind = traitlets.Unicode("int").tag(sync=True)
    value = traitlets.List(traitlets.Float()).tag(sync=True)  # one thumb or two
    min = traitlets.Float(0.0).tag(sync=True)
    max = traitlets.Float(100.0).tag(sync=True)
    step = traitlets.Float(1.0).tag(sync=True)
    format = traitlets.Unicode("").tag(sync=True)


class NumberBox(_Input):
    """A number, or None (the box is empty); shown through the printf `format`."""

    _esm = _module("formats.js", "number_box.js")
    value = traitlets.Float(None, allow_none=True).tag(sync=True)
    integer = traitlets.Bool(False).tag(sync=True)
    min = traitlets.Float(None, allow_none=True).tag(sync=True)
    max = traitlets.Float(None, allow_none=True).tag(sync=True)
    step = traitlets.Float(1.0).tag(sync=True)
    format = traitlets.Unicode("%d").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    icon = traitlets.Unicode("").tag(sync=True)  # HTML made in the kernel
    clearable = traitlets.Bool(False).tag(sync=True)  # emptying the box gives None


class ButtonGroup(_Input):
    """look: "pills" | "segmented" | "thumbs" | "faces" | "stars" | "radio". `value` holds
    the chosen indices, in the order they were chosen; `order` the indices in the order
    they are shown (empty: as listed)."""

    _esm = _module("button_group.js")
    look = traitlets.Unicode("pills").tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)  # HTML made in the kernel
    captions = traitlets.List(traitlets.Unicode()).tag(sync=True)
    order = traitlets.List(traitlets.Int()).tag(sync=True)
    value = traitlets.List(traitlets.Int()).tag(sync=True)
    multi = traitlets.Bool(False).tag(sync=True)
    required = traitlets.Bool(False).tag(sync=True)  # a single choice cannot be taken back
    horizontal = traitlets.Bool(True).tag(sync=True)


class DateRange(_Input):
    """value: [] | [start] | [start, end], ISO dates ("2024-05-06")."""

    _esm = _module("date_range.js")
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)
    min = traitlets.Unicode("").tag(sync=True)
    max = traitlets.Unicode("").tag(sync=True)


class ChipSelect(_Input):
    """Chips in a box; typing filters `options` (labels). `value`: the chosen labels."""

    _esm = _module("chip_select.js")
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    max_selections = traitlets.Int(0).tag(sync=True)  # 0: no limit
    accept_new = traitlets.Bool(False).tag(sync=True)
    filter_mode = traitlets.Unicode("fuzzy").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)


class Clickable:
    """A model of ours that widgets.listen() treats as a button: `on_click` as ipywidgets'
    Button has it; `clicked()` tells the listeners."""

    clickable = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._click_handlers: list[Callable[[Any], None]] = []

    def on_click(self, callback: Callable[[Any], None], remove: bool = False) -> None:
        if remove:
            self._click_handlers.remove(callback)
        else:
            self._click_handlers.append(callback)

    def clicked(self) -> None:
        for handler in list(self._click_handlers):
            handler(self)


class IconButton(Clickable, _Input):
    """A button drawn by us; a click sends {"event": "click"}, as ipywidgets' Button does,
    so `on_click` works the same."""

    _esm = static_text("icon_button.js")
    icon = traitlets.Unicode("").tag(sync=True)  # HTML made in the kernel
    icon_position = traitlets.Unicode("left").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._handle_message)

    def _handle_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "click":
            self.clicked()


# kind -> class, merged into INPUT_CLASSES
INPUTS: dict[str, type] = {
    "step_slider": StepSlider,
    "number_box": NumberBox,
    "button_group": ButtonGroup,
    "date_range": DateRange,
    "chip_select": ChipSelect,
    "icon_button": IconButton,
}
