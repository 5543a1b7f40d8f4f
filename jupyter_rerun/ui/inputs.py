"""Inline input widgets with Streamlit's signatures. Each call returns the widget's value.

Inside a %%rerun cell, `x = jr.slider("x", 0, 10)` draws a slider the first time and reuses
the same model on every rerun (identity: `key`, else function + label + call order), so
the user's value persists. Changing it reruns the cell. Outside %%rerun they raise an error
naming the fix. Sliders and text fields report on release / Enter, like Streamlit's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any, Optional

from ..errors import WidgetError
from .choices import _index_of, _labelled, _options, multiselect, radio, selectbox
from .entries import Spec, draw, unchanged

__all__ = ["slider", "select_slider", "number_input", "text_input", "text_area", "checkbox",
           "toggle", "selectbox", "radio", "multiselect", "button", "date_input", "color_picker"]

Callback = Optional[Callable[..., Any]]
_INT_LIMIT = 2**53 - 1  # the largest integer a browser's number keeps exactly


def slider(label: str, min_value: Any = None, max_value: Any = None, value: Any = None,
           step: Any = None, format: str | None = None, key: Any = None, help: str | None = None,
           on_change: Callback = None, args: Any = None, kwargs: Any = None, *,
           disabled: bool = False, label_visibility: str = "visible") -> Any:
    """A slider for an int or a float, or a range of them when `value` is a pair."""
    where = f"jr.slider({label!r})"
    is_range = isinstance(value, (tuple, list))
    numbers = [v for v in (min_value, max_value, step, *(value if is_range else [value])) if v is not None]
    if any(isinstance(v, (bool, dt.date)) or not isinstance(v, (int, float)) for v in numbers):
        raise WidgetError(f"{where}: min_value, max_value, value and step must be numbers "
                          f"(for dates use jr.date_input), got {numbers!r}")
    is_float = any(isinstance(v, float) for v in numbers)
    step = step if step is not None else (0.01 if is_float else 1)
    if step <= 0:
        raise WidgetError(f"{where}: step must be positive, got {step!r}")
    if is_range and len(value) != 2:
        raise WidgetError(f"{where}: a range value is a pair (low, high), got {value!r}")
    zero = 0.0 if is_float else 0
    default = (tuple(value) if is_range else value) if value is not None else (
        zero if min_value is None else min_value)
    low, high = _slider_bounds(where, min_value, max_value, default, is_float)
    check = _range_checker(where, low, high, is_range)
    check(default)
    kind = ("float" if is_float else "int") + ("_range_slider" if is_range else "_slider")
    traits = {"min": low, "max": high, "step": step, "continuous_update": False}
    if format:
        traits["readout_format"] = format.lstrip("%")
    return draw(Spec("slider", kind, label, traits, default, check=check,
                     to_python=tuple if is_range else unchanged),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)


def select_slider(label: str, options: Iterable[Any] = (), value: Any = None,
                  format_func: Callable[[Any], Any] = str, key: Any = None,
                  help: str | None = None, on_change: Callback = None, args: Any = None,
                  kwargs: Any = None, *, disabled: bool = False,
                  label_visibility: str = "visible") -> Any:
    """A slider over `options`; a pair `value` makes it a range."""
    where = f"jr.select_slider({label!r})"
    choices = _options(where, options)
    is_range = isinstance(value, (tuple, list))
    default = tuple(value) if is_range else (choices[0] if value is None else value)

    def check(chosen: Any) -> Any:
        for item in (chosen if is_range else (chosen,)):
            _index_of(where, choices, item)
        return chosen

    check(default)
    pairs = _labelled(choices, format_func)
    return draw(Spec("select_slider", "select_range_slider" if is_range else "select_slider",
                     label, {"options": pairs, "continuous_update": False}, default, check=check,
                     to_python=tuple if is_range else unchanged),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)


def number_input(label: str, min_value: Any = None, max_value: Any = None, value: Any = "min",
                 step: Any = None, format: str | None = None, key: Any = None,
                 help: str | None = None, on_change: Callback = None, args: Any = None,
                 kwargs: Any = None, *, placeholder: str | None = None, disabled: bool = False,
                 label_visibility: str = "visible") -> Any:
    """A box for a number, bounded when `min_value` or `max_value` is given."""
    where = f"jr.number_input({label!r})"
    numbers = [v for v in (min_value, max_value, step, value) if v is not None and v != "min"]
    if value is None or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in numbers):
        raise WidgetError(f"{where}: min_value, max_value, value and step must be numbers, "
                          f"got {[min_value, max_value, value, step]!r}")
    is_float = any(isinstance(v, float) for v in numbers)
    zero = 0.0 if is_float else 0
    default = (min_value if min_value is not None else zero) if value == "min" else value
    bounded = min_value is not None or max_value is not None
    low = min_value if min_value is not None else (float("-inf") if is_float else -_INT_LIMIT)
    high = max_value if max_value is not None else (float("inf") if is_float else _INT_LIMIT)
    _check_bounds(where, low, high, strict=False)
    check = _range_checker(where, low, high, False)
    check(default)
    traits: dict[str, Any] = {"step": step if step is not None else (0.01 if is_float else 1),
                              "continuous_update": False}
    if bounded:
        traits.update(min=low, max=high)
    kind = ("bounded_" if bounded else "") + ("float_input" if is_float else "int_input")
    return draw(Spec("number_input", kind, label, traits, default, check=check),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)


def text_input(label: str, value: str = "", max_chars: int | None = None, key: Any = None,
               type: str = "default", help: str | None = None, autocomplete: str | None = None,
               on_change: Callback = None, args: Any = None, kwargs: Any = None, *,
               placeholder: str | None = None, disabled: bool = False,
               label_visibility: str = "visible") -> str:
    """A one-line text box (reports on Enter or when it loses focus)."""
    where = f"jr.text_input({label!r})"
    if type not in ("default", "password"):
        raise WidgetError(f"{where}: type must be 'default' or 'password', got {type!r}")
    return _text(where, "text_input", "password_input" if type == "password" else "text_input",
                 label, value, max_chars, placeholder, {}, key, on_change, args, kwargs, help,
                 disabled, label_visibility)


def text_area(label: str, value: str = "", height: int | None = None,
              max_chars: int | None = None, key: Any = None, help: str | None = None,
              on_change: Callback = None, args: Any = None, kwargs: Any = None, *,
              placeholder: str | None = None, disabled: bool = False,
              label_visibility: str = "visible") -> str:
    """A multi-line text box."""
    where = f"jr.text_area({label!r})"
    extra = {"layout": {"height": f"{int(height)}px"}} if height else {}
    return _text(where, "text_area", "text_area", label, value, max_chars, placeholder, extra,
                 key, on_change, args, kwargs, help, disabled, label_visibility)


def _text(where: str, function: str, kind: str, label: str, value: Any, max_chars: Any,
          placeholder: Any, extra: dict, key: Any, on_change: Callback, args: Any, kwargs: Any,
          help: Any, disabled: bool, label_visibility: str) -> str:
    if max_chars is not None and (not isinstance(max_chars, int) or max_chars < 1):
        raise WidgetError(f"{where}: max_chars must be a positive int, got {max_chars!r}")

    def check(text: Any) -> str:
        if not isinstance(text, str):
            raise WidgetError(f"{where}: the value must be a string, got {text!r}")
        if max_chars is not None and len(text) > max_chars:
            raise WidgetError(f"{where}: the value has {len(text)} characters, more than "
                              f"max_chars={max_chars}")
        return text

    check("" if value is None else value)
    traits = {"placeholder": placeholder or "", "continuous_update": False}
    return draw(Spec(function, kind, label, traits, "" if value is None else value, check=check,
                     to_python=lambda text: text[:max_chars] if max_chars else text, extra=extra),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)


def checkbox(label: str, value: bool = False, key: Any = None, help: str | None = None,
             on_change: Callback = None, args: Any = None, kwargs: Any = None, *,
             disabled: bool = False, label_visibility: str = "visible") -> bool:
    """A checkbox; returns True when ticked."""
    return _boolean("checkbox", "checkbox", label, value, {"indent": False}, key, on_change,
                    args, kwargs, help, disabled, label_visibility)


def toggle(label: str, value: bool = False, key: Any = None, help: str | None = None,
           on_change: Callback = None, args: Any = None, kwargs: Any = None, *,
           disabled: bool = False, label_visibility: str = "visible") -> bool:
    """An on/off toggle button; returns True when on."""
    return _boolean("toggle", "toggle", label, value, {}, key, on_change, args, kwargs, help,
                    disabled, label_visibility)


def _boolean(function: str, kind: str, label: str, value: Any, traits: dict, key: Any,
             on_change: Callback, args: Any, kwargs: Any, help: Any, disabled: bool,
             label_visibility: str) -> bool:
    where = f"jr.{function}({label!r})"

    def check(flag: Any) -> bool:
        if not isinstance(flag, bool):
            raise WidgetError(f"{where}: the value must be True or False, got {flag!r}")
        return flag

    return draw(Spec(function, kind, label, dict(traits), check(value), check=check),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)


def button(label: str, key: Any = None, help: str | None = None, on_click: Callback = None,
           args: Any = None, kwargs: Any = None, *, type: str = "secondary",
           icon: str | None = None, disabled: bool = False,
           use_container_width: bool = False) -> bool:
    """A button; returns True only in the run its click caused."""
    where = f"jr.button({label!r})"
    if type not in ("primary", "secondary", "tertiary"):
        raise WidgetError(f"{where}: type must be 'primary', 'secondary' or 'tertiary', got {type!r}")
    traits = {"button_style": "primary" if type == "primary" else "", "icon": icon or ""}
    extra = {"layout": {"width": "100%"}} if use_container_width else {}
    return draw(Spec("button", "button", label, traits, None, extra=extra),
                key=key, callback=on_click, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility="visible")


def date_input(label: str, value: Any = "today", min_value: Any = None, max_value: Any = None,
               key: Any = None, help: str | None = None, on_change: Callback = None,
               args: Any = None, kwargs: Any = None, *, format: str = "YYYY/MM/DD",
               disabled: bool = False, label_visibility: str = "visible") -> dt.date | None:
    """A date picker. (Streamlit's date ranges, a pair `value`, are not supported.)"""
    where = f"jr.date_input({label!r})"
    if isinstance(value, (tuple, list)):
        raise WidgetError(f"{where}: date ranges are not supported; use two jr.date_input calls")
    default = _date(where, "value", dt.date.today() if value == "today" else value)
    low = _date(where, "min_value", min_value)
    high = _date(where, "max_value", max_value)
    if low is not None and high is not None:
        _check_bounds(where, low, high, strict=False)

    def check(chosen: Any) -> dt.date | None:
        chosen = _date(where, "value", chosen)
        if chosen is not None and ((low and chosen < low) or (high and chosen > high)):
            raise WidgetError(f"{where}: {chosen} is outside [{low}, {high}]")
        return chosen

    check(default)
    return draw(Spec("date_input", "date_input", label, {"min": low, "max": high}, default,
                     check=check),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)


def color_picker(label: str, value: str = "#000000", key: Any = None, help: str | None = None,
                 on_change: Callback = None, args: Any = None, kwargs: Any = None, *,
                 disabled: bool = False, label_visibility: str = "visible") -> str:
    """A colour picker; returns a hex colour like '#1f77b4'."""
    where = f"jr.color_picker({label!r})"

    def check(colour: Any) -> str:
        if not isinstance(colour, str) or not re.fullmatch(r"#([0-9a-fA-F]{3}){1,2}", colour):
            raise WidgetError(f"{where}: the value must be a hex colour like '#ff8800', got {colour!r}")
        return colour

    return draw(Spec("color_picker", "color_picker", label, {"concise": False}, check(value),
                     check=check),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)


# -- helpers ----------------------------------------------------------------------------------
def _slider_bounds(where: str, min_value: Any, max_value: Any, default: Any,
                   is_float: bool) -> tuple[Any, Any]:
    """Streamlit's rule for a slider missing a bound: it defaults to 0 / 100 (0.0 / 1.0
    for floats), the two swap if that default crosses the given bound, and both widen to
    hold the value (`value=150` gives 0 to 150). Given both bounds, a value outside them
    is an error (Streamlit widens even those; a value outside the range you wrote is more
    likely a slip)."""
    low = min_value if min_value is not None else (0.0 if is_float else 0)
    high = max_value if max_value is not None else (1.0 if is_float else 100)
    if min_value is None or max_value is None:
        if low > high:
            low, high = high, low
        ends = default if isinstance(default, tuple) else (default,)
        low, high = min(low, *ends), max(high, *ends)
    _check_bounds(where, low, high, strict=True)
    return low, high


def _check_bounds(where: str, low: Any, high: Any, *, strict: bool) -> None:
    if low > high or (strict and low == high):
        raise WidgetError(f"{where}: min_value {low!r} must be less than max_value {high!r}; "
                          "swap them or widen the range")


def _range_checker(where: str, low: Any, high: Any, is_range: bool) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        for number in (value if is_range else (value,)):
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise WidgetError(f"{where}: the value must be a number, got {number!r}")
            if not low <= number <= high:
                raise WidgetError(f"{where}: the value {number!r} is outside [{low!r}, {high!r}]")
        if is_range and value[0] > value[1]:
            raise WidgetError(f"{where}: the range {tuple(value)!r} runs backwards; swap its ends")
        return tuple(value) if is_range else value

    return check


def _date(where: str, name: str, value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise WidgetError(f"{where}: {name} must be a date (or 'YYYY-MM-DD'), got {value!r}")
