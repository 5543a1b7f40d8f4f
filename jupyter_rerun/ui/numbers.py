"""`slider` and `number_input`, with Streamlit's type rules, defaults and formats.

A slider over ints or floats whose format ipywidgets' readout can show ("%d", "%0.2f",
"%,d") is an ipywidgets slider. Dates, times, datetimes and other formats ("%.1f%%",
"%d km", "percent", "ddd ha") slide on our StepSlider: one native range input per thumb
over [min, max] in `step`s, its readout formatted in the browser from the value. That
costs the same four numbers for any range: a slider over ten years in 15-minute steps is
350,000 positions, which as SelectionSlider options would be 350,000 labels (~7 MB) sent
to the page, and sent again when a bound moves.
"""

from __future__ import annotations

import re
from datetime import timedelta
from numbers import Integral, Real
from typing import Any

from ..errors import WidgetError
from . import date_steps as dates
from . import url_binding
from .entries import Spec, draw, unchanged
from .input_args import Callback, compatible, icon_html, where, width_layout

_INT_LIMIT = 2**53 - 1  # the largest integer a browser's number keeps exactly
_NUMBER_DEFAULTS = {"int": (0, 100, 1, "%d"), "float": (0.0, 1.0, 0.01, "%0.2f")}
_D3_FORMAT = re.compile(r"%(,?)(?:0?\.(\d+))?([dif])")  # printf that d3-format can say


def slider(label: str, min_value: Any = None, max_value: Any = None, value: Any = None,
           step: Any = None, format: str | None = None, key: Any = None,
           help: str | None = None, on_change: Callback | str = "rerun", args: Any = None,
           kwargs: Any = None, *, disabled: bool = False, label_visibility: str = "visible",
           width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> Any:
    """A slider over ints, floats, dates, times or datetimes; a pair `value` makes it a
    range (returns a tuple)."""
    here = where("slider", label)
    compatible(here, bind=bind, persist_state=persist_state)
    layout = width_layout(here, width, content=False)
    if value is None:
        value = _start(key, min_value, max_value)
    values, single = _values(here, value)
    kind = _kind(here, values)
    low, high, step, format = _bounds(here, kind, values, min_value, max_value, step, format)
    if not values:
        values = [low, high]
    if min(values) < low or max(values) > high:  # Streamlit widens the range to hold them
        low, high = min(low, *values), max(high, *values)
    if low == high:
        raise WidgetError(f"{here}: min_value and max_value are both {low!r}; give a wider range")
    check = _checker(here, kind, low, high, len(values), single)
    default = check(values[0] if single else tuple(values))
    spec = _slider_spec(here, kind, label, low, high, step, format, default, single, len(values))
    spec.check, spec.traits["layout"] = check, layout
    return draw(spec, key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def number_input(label: str, min_value: Any = None, max_value: Any = None, value: Any = "min",
                 step: Any = None, format: str | None = None, key: Any = None,
                 help: str | None = None, on_change: Callback | str = "rerun",
                 args: Any = None, kwargs: Any = None, *, placeholder: str | None = None,
                 disabled: bool = False, required: bool = False,
                 label_visibility: str = "visible", icon: str | None = None,
                 width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> Any:
    """A box for a number, with - and + buttons; `value=None` starts it empty (None)."""
    here = where("number_input", label)
    compatible(here, bind=bind, persist_state=persist_state)
    layout = width_layout(here, width, content=False)
    given = [min_value, max_value, None if value == "min" else value, step]
    if any(number is not None and (isinstance(number, bool) or not isinstance(number, Real))
           for number in given):
        raise WidgetError(f"{here}: min_value, max_value, value and step must be numbers (or "
                          f"value='min' or None), got {[min_value, max_value, value, step]!r}")
    all_int = all(number is None or isinstance(number, Integral) for number in given)
    all_float = all(number is None or not isinstance(number, Integral) for number in given)
    if not all_int and not all_float:
        raise WidgetError(f"{here}: min_value, max_value, value and step must be all ints or all "
                          f"floats, got {_types(min_value=min_value, max_value=max_value, value=value, step=step)}; "
                          "write 1.0 for a float")
    from ..session import session_state

    if key is not None and str(key) in session_state and session_state[str(key)] is None:
        value = None
    if value == "min":
        value = min_value if min_value is not None else (0 if all_int and not all_float else 0.0)
    integer = isinstance(value, Integral) or (value is None and all_int and not all_float)
    format = format if format is not None else ("%d" if integer else "%0.2f")
    _check_printf(here, format)
    _check_number_bounds(here, min_value, max_value, value, integer)
    check = _number_checker(here, integer, min_value, max_value)
    traits = {"integer": integer, "min": _float(min_value), "max": _float(max_value),
              "step": float(step if step is not None else (1 if integer else 0.01)),
              "format": format, "placeholder": "" if placeholder is None else str(placeholder),
              "icon": icon_html(here, icon), "clearable": value is None, "layout": layout}
    spec = Spec("number_input", "number_box", label, traits, check(value), check=check,
                to_widget=_float,
                to_python=lambda number: None if number is None else (
                    int(round(number)) if integer else float(number)),
                url=url_binding.form_of(0 if integer else 0.0))
    return draw(spec, key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


# -- slider: Streamlit's rules ----------------------------------------------------------------
def _start(key: Any, min_value: Any, max_value: Any) -> Any:
    """No value: the minimum, or (min, max) when session_state[key] holds a range."""
    from ..session import session_state

    if key is not None and isinstance(session_state.get(str(key)), (list, tuple)):
        return [0 if min_value is None else min_value, 100 if max_value is None else max_value]
    return 0 if min_value is None else min_value


def _values(here: str, value: Any) -> tuple[list[Any], bool]:
    if _scalar_kind(value) is not None:
        return [value], True
    if isinstance(value, (list, tuple)) and len(value) <= 2:
        values = list(value)
        if len(values) == 2 and _scalar_kind(values[0]) and _scalar_kind(values[1]) == _scalar_kind(
                values[0]) and values[0] > values[1]:
            values.reverse()  # a range written backwards, as Streamlit takes it
        return values, False
    raise WidgetError(f"{here}: value must be an int, float, date, time or datetime, or a list "
                      f"or tuple of up to two of them, got {value!r}")


def _scalar_kind(value: Any) -> str | None:
    timelike = dates.kind_of(value)
    if timelike is not None:
        return timelike
    if isinstance(value, Integral):
        return "int"
    if isinstance(value, Real):
        return "float"
    return None


def _kind(here: str, values: list[Any]) -> str:
    kinds = [_scalar_kind(value) for value in values]
    if None in kinds or len(set(kinds)) > 1:
        raise WidgetError(f"{here}: the values of a range must be of one type (ints, floats, "
                          f"dates, times or datetimes), got {values!r}")
    return kinds[0] if kinds else "int"


def _bounds(here: str, kind: str, values: list[Any], min_value: Any, max_value: Any,
            step: Any, format: str | None) -> tuple[Any, Any, Any, str]:
    if kind in _NUMBER_DEFAULTS:
        low, high, default_step, default_format = _NUMBER_DEFAULTS[kind]
    else:
        low, high, default_step, default_format = dates.slider_defaults(kind, values[0])
    low = low if min_value is None else min_value
    high = high if max_value is None else max_value
    if step is None:
        step = default_step
        if kind in ("date", "datetime") and _span(low, high) < timedelta(days=1):
            step = dates.FIFTEEN_MINUTES
    if isinstance(step, bool) or not isinstance(step, (Real, timedelta)) or not step > step * 0:
        raise WidgetError(f"{here}: step must be positive, got {step!r}")
    _same_types(here, kind, low, high, step)
    if low > high:
        low, high = high, low
    return low, high, step, default_format if format is None else format


def _span(low: Any, high: Any) -> Any:
    return abs(high - low)


def _same_types(here: str, kind: str, low: Any, high: Any, step: Any) -> None:
    ints = all(isinstance(item, Integral) for item in (low, high, step))
    floats = all(isinstance(item, Real) and not isinstance(item, Integral) for item in (low, high, step))
    timelike = isinstance(step, timedelta) and type(low) is type(high) and dates.kind_of(low)
    fits = {"int": ints, "float": floats}.get(kind, bool(timelike) and kind in ("date", "time", "datetime"))
    if not fits:
        raise WidgetError(f"{here}: value, min_value, max_value and step must be of one type: all "
                          "ints, all floats, or dates/times with a timedelta step; got "
                          f"{_types(value=kind, min_value=low, max_value=high, step=step)}")


def _types(**named: Any) -> str:
    return ", ".join(f"{name}={value if name == 'value' and isinstance(value, str) else type(value).__name__}"
                     for name, value in named.items() if value is not None)


def _checker(here: str, kind: str, low: Any, high: Any, count: int, single: bool) -> Any:
    if kind == "int" and not (-_INT_LIMIT <= low and high <= _INT_LIMIT):
        raise WidgetError(f"{here}: the range [{low}, {high}] is beyond what a browser's number "
                          f"holds exactly (±{_INT_LIMIT}); use floats or a smaller range")
    if kind not in ("int", "float"):
        dates.check_slidable(here, "min_value", low, kind)
        dates.check_slidable(here, "max_value", high, kind)

    def check(chosen: Any) -> Any:
        items = [chosen] if single else chosen
        if not single and (not isinstance(chosen, (list, tuple)) or len(chosen) != count):
            raise WidgetError(f"{here}: the value must be a tuple of {count}, got {chosen!r}")
        for item in items:
            if _scalar_kind(item) != kind or not low <= item <= high:
                raise WidgetError(f"{here}: the value {item!r} is not a {kind} in [{low!r}, {high!r}]")
        if not single and count == 2 and items[0] > items[1]:
            raise WidgetError(f"{here}: the range {tuple(items)!r} runs backwards; swap its ends")
        return items[0] if single else tuple(items)

    return check


def _slider_spec(here: str, kind: str, label: str, low: Any, high: Any, step: Any, format: str,
                 default: Any, single: bool, count: int) -> Spec:
    d3 = _d3(kind, format)
    if d3 is not None and (single or count == 2):
        name = f"{kind}_{'slider' if single else 'range_slider'}"
        return Spec("slider", name, label, {"min": low, "max": high, "step": step,
                    "readout_format": d3, "continuous_update": False}, default,
                    to_python=unchanged if single else tuple)
    zone = getattr(default if single else default[0], "tzinfo", None)
    if kind in ("int", "float"):
        def encode(item: Any) -> float:
            return float(item)

        def decode(number: float) -> Any:
            return int(round(number)) if kind == "int" else float(f"{number:.12g}")
        bounds = {"min": float(low), "max": float(high), "step": float(step)}
    else:
        def encode(item: Any) -> float:
            return float(dates.micros(item, kind))

        def decode(number: float) -> Any:
            return dates.from_micros(number, kind, zone)
        bounds = {"min": encode(low), "max": encode(high), "step": float(dates.step_micros(step))}
    return Spec("slider", "step_slider", label, {"kind": kind, "format": format, **bounds}, default,
                to_widget=lambda chosen: [encode(item) for item in ([chosen] if single else chosen)],
                to_python=lambda numbers: decode(numbers[0]) if single else tuple(map(decode, numbers)))


def _d3(kind: str, format: str) -> str | None:
    """The d3-format of a printf `format` for ipywidgets' readout, if it has one."""
    match = _D3_FORMAT.fullmatch(format)
    if match is None or kind not in ("int", "float"):
        return None
    comma, digits, letter = match.groups()
    if kind == "int" and letter in "di" and digits is None:
        return f"{comma}d"
    if kind == "float" and letter == "f":
        return f"{comma}.{6 if digits is None else digits}f"
    return None


# -- number_input -------------------------------------------------------------------------------
def _float(number: Any) -> float | None:
    return None if number is None else float(number)


def _check_printf(here: str, format: Any) -> None:
    try:
        float(format % 2)
    except (TypeError, ValueError):
        raise WidgetError(f"{here}: format {format!r} is not a printf-style number format; use "
                          "e.g. '%d', '%0.2f' or '%.1e'") from None


def _check_number_bounds(here: str, low: Any, high: Any, value: Any, integer: bool) -> None:
    if low is not None and high is not None and low > high:
        raise WidgetError(f"{here}: min_value {low!r} must be less than max_value {high!r}; "
                          "swap them or widen the range")
    if value is not None and low is not None and value < low:
        raise WidgetError(f"{here}: the value {value!r} is below min_value {low!r}")
    if value is not None and high is not None and value > high:
        raise WidgetError(f"{here}: the value {value!r} is above max_value {high!r}")
    for name, number in (("min_value", low), ("max_value", high), ("value", value)):
        if integer and number is not None and abs(number) > _INT_LIMIT:
            raise WidgetError(f"{here}: {name} {number} is beyond what a browser's number holds "
                              f"exactly (±{_INT_LIMIT}); use a float")


def _number_checker(here: str, integer: bool, low: Any, high: Any) -> Any:
    def check(number: Any) -> Any:
        if number is None:
            return None
        if isinstance(number, bool) or not isinstance(number, Real):
            raise WidgetError(f"{here}: the value must be a number or None, got {number!r}")
        if (low is not None and number < low) or (high is not None and number > high):
            raise WidgetError(f"{here}: the value {number!r} is outside [{low!r}, {high!r}]")
        return int(number) if integer else float(number)

    return check
