"""Streamlit's input widgets, each returning its value inside a %%rerun cell.

Inside a %%rerun cell, `x = jr.slider("x", 0, 10)` draws a slider the first time and reuses
the same model on every rerun (identity: `key`, else function + label + call order), so
the user's value persists. Changing it reruns the cell. Outside %%rerun they raise an error
naming the fix. Sliders and text fields report on release / Enter, like Streamlit's.

The functions live by family: numbers.py (slider, number_input), dates.py (date_input,
time_input, datetime_input), choices.py (selectbox, radio, select_slider, multiselect),
groups.py (pills, segmented_control, feedback), fields.py (text fields, checkbox, toggle,
color_picker), buttons.py (button). All are drawn through entries.draw.
"""

from __future__ import annotations

from .buttons import button
from .choices import multiselect, radio, select_slider, selectbox
from .dates import date_input, datetime_input, time_input
from .fields import checkbox, color_picker, text_area, text_input, toggle
from .groups import feedback, pills, segmented_control
from .numbers import number_input, slider

__all__ = ["slider", "select_slider", "number_input", "text_input", "text_area", "checkbox",
           "toggle", "selectbox", "radio", "multiselect", "button", "date_input", "color_picker",
           "time_input", "datetime_input", "pills", "segmented_control", "feedback"]
