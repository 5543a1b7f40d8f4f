"""Date and time inputs with Streamlit's signatures: `date_input` (one date or a range),
`time_input`, `datetime_input`, and what `slider` needs to slide over dates and times.

A date range is two date fields (widgets/inputs.py: DateRange); it returns (), (start,) or
(start, end) as Streamlit does, so a half-chosen range reruns the cell with a 1-tuple. The
browser's own date and time fields show dates in the viewer's locale: `format` is checked
and kept, as Streamlit's, but does not change how they read. Sliding over dates and times
is in date_steps.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import WidgetError
from . import url_binding
from .date_steps import FIFTEEN_MINUTES
from .entries import Spec, draw
from .input_args import Callback, compatible, one_of, where, width_layout

DATE_FORMATS = tuple(f"{a}{s}{b}{s}{c}" for s in "/.-" for a, b, c in
                     (("YYYY", "MM", "DD"), ("DD", "MM", "YYYY"), ("MM", "DD", "YYYY")))


def date_input(label: str, value: Any = "today", min_value: Any = None, max_value: Any = None,
               key: Any = None, help: str | None = None, on_change: Callback | str = "rerun",
               args: Any = None, kwargs: Any = None, *, format: str = "YYYY/MM/DD",
               disabled: bool = False, required: bool = False,
               label_visibility: str = "visible", width: Any = "stretch", bind: Any = None,
               persist_state: Any = None) -> Any:
    """A date picker; a list or tuple `value` makes it a range (returns a tuple)."""
    here = where("date_input", label)
    compatible(here, bind=bind, persist_state=persist_state)
    one_of(here, "format", format, DATE_FORMATS)
    layout = width_layout(here, width, content=False)
    from ..session import session_state

    shape = value  # with "today", session_state[key] tells whether it is a range
    if value == "today" and key is not None and str(key) in session_state:
        shape = session_state[str(key)]
    dates, is_range = _dates(here, shape)
    low = _date(here, "min_value", min_value) if min_value is not None else _years(
        dates[0] if dates else dt.date.today(), -10)
    high = _date(here, "max_value", max_value) if max_value is not None else _years(
        dates[-1] if dates else dt.date.today(), 10)
    if shape == "today":
        dates = [min(max(dates[0], low), high)]
    if low > high:
        raise WidgetError(f"{here}: min_value {low} must be before max_value {high}; swap them")
    check = _date_checker(here, low, high, is_range)
    default = check(tuple(dates) if is_range else (dates[0] if dates else None))
    traits = {"min": low, "max": high, "layout": layout}
    if is_range:
        spec = Spec("date_input", "date_range", label, {**traits, "min": low.isoformat(),
                    "max": high.isoformat()}, default, check=check,
                    to_widget=lambda chosen: [day.isoformat() for day in chosen],
                    to_python=lambda texts: tuple(dt.date.fromisoformat(text) for text in texts))
    else:
        spec = Spec("date_input", "date_input", label, traits, default, check=check)
    spec.written = ("today", is_range) if value == "today" else None
    spec.url = url_binding.form_of((low,) if is_range else low)
    return draw(spec, key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def time_input(label: str, value: Any = "now", key: Any = None, help: str | None = None,
               on_change: Callback | str = "rerun", args: Any = None, kwargs: Any = None, *,
               disabled: bool = False, required: bool = False,
               label_visibility: str = "visible", step: Any = FIFTEEN_MINUTES,
               format: str = "24h", width: Any = "stretch", bind: Any = None,
               persist_state: Any = None) -> dt.time | None:
    """A time picker; returns a datetime.time (None while empty, with `value=None`)."""
    here = where("time_input", label)
    compatible(here, bind=bind, persist_state=persist_state)
    one_of(here, "format", format, ("12h", "24h", "localized"))
    seconds = _step_seconds(here, step, 1)
    layout = width_layout(here, width, content=False)

    def check(chosen: Any) -> dt.time | None:
        if chosen is None:
            return None
        chosen = _time(here, chosen).replace(microsecond=0)
        return chosen.replace(second=0) if seconds % 60 == 0 else chosen

    default = None if value is None else check(value)
    spec = Spec("time_input", "time_input", label, {"step": float(seconds), "layout": layout},
                default, check=check, to_python=check)
    spec.written = ("now", seconds) if value == "now" else None
    spec.url = url_binding.form_of(dt.time())
    return draw(spec, key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def datetime_input(label: str, value: Any = "now", min_value: Any = None,
                   max_value: Any = None, *, key: Any = None, help: str | None = None,
                   on_change: Callback | str = "rerun", args: Any = None, kwargs: Any = None,
                   format: str = "YYYY/MM/DD", step: Any = FIFTEEN_MINUTES,
                   disabled: bool = False, required: bool = False,
                   label_visibility: str = "visible", width: Any = "stretch",
                   bind: Any = None, persist_state: Any = None) -> dt.datetime | None:
    """A date and time picker; returns a naive datetime to the minute (None while empty)."""
    here = where("datetime_input", label)
    compatible(here, bind=bind, persist_state=persist_state)
    one_of(here, "format", format, DATE_FORMATS)
    _step_seconds(here, step, 60)
    layout = width_layout(here, width, content=False)
    today = dt.date.today()
    default = None if value is None else _datetime(here, "value", value, today, dt.time(0, 0))
    base = default.date() if default is not None else today
    low = (dt.datetime.combine(_years(base, -10), dt.time(0, 0)) if min_value is None
           else _datetime(here, "min_value", min_value, base, dt.time(0, 0)))
    high = (dt.datetime.combine(_years(base, 10), dt.time(23, 59)) if max_value is None
            else _datetime(here, "max_value", max_value, base, dt.time(23, 59)))
    if low > high:
        raise WidgetError(f"{here}: min_value {low} must be before max_value {high}; swap them")

    def check(chosen: Any) -> dt.datetime | None:
        if chosen is None:
            return None
        chosen = _datetime(here, "value", chosen, today, dt.time(0, 0))
        if not low <= chosen <= high:
            raise WidgetError(f"{here}: {chosen} is outside [{low}, {high}]; widen min_value/"
                              "max_value or choose a value inside them")
        return chosen

    spec = Spec("datetime_input", "datetime_input", label, {"min": low, "max": high,
                "layout": layout}, check(default), check=check,
                to_python=lambda chosen: None if chosen is None else _minute(chosen))
    spec.written = "now" if value == "now" else None
    spec.url = url_binding.form_of(low)
    return draw(spec, key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


# -- parsing ------------------------------------------------------------------------------------
def _dates(here: str, value: Any) -> tuple[list[dt.date], bool]:
    if value is None:
        return [], False
    if isinstance(value, (list, tuple)):
        if len(value) > 2:
            raise WidgetError(f"{here}: a date range is a pair (start, end), or 0 or 1 dates; "
                              f"got {len(value)} values")
        return [_date(here, "value", item) for item in value], True
    return [_date(here, "value", value)], False


def _date(here: str, name: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value == "today":
        return dt.date.today()
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, lambda text: dt.datetime.fromisoformat(text).date()):
            try:
                return parse(value)
            except ValueError:
                continue
    raise WidgetError(f"{here}: {name} must be a date, a datetime, an ISO string like "
                      f"'2024-05-06' or 'today', got {value!r}")


def _date_checker(here: str, low: dt.date, high: dt.date, is_range: bool) -> Any:
    def check(chosen: Any) -> Any:
        if chosen is None:
            return () if is_range else None
        if is_range:
            if not isinstance(chosen, (list, tuple)) or len(chosen) > 2:
                raise WidgetError(f"{here}: the value must be a tuple of 0 to 2 dates, got {chosen!r}")
            days = sorted(_date(here, "value", item) for item in chosen)
        else:
            if isinstance(chosen, (list, tuple)):
                raise WidgetError(f"{here}: the value must be one date (this date_input is not a "
                                  f"range), got {chosen!r}")
            days = [_date(here, "value", chosen)]
        for day in days:
            if not low <= day <= high:
                raise WidgetError(f"{here}: {day} is outside [{low}, {high}]; widen min_value/"
                                  "max_value or choose a date inside them")
        return tuple(days) if is_range else days[0]

    return check


def _time(here: str, value: Any) -> dt.time:
    if value == "now":
        return dt.datetime.now().time().replace(microsecond=0)
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        for parse in (dt.time.fromisoformat, lambda text: dt.datetime.fromisoformat(text).time()):
            try:
                return parse(value).replace(microsecond=0)
            except ValueError:
                continue
    raise WidgetError(f"{here}: value must be a time, a datetime, an ISO string like '08:45' "
                      f"or 'now', got {value!r}")


def _datetime(here: str, name: str, value: Any, day: dt.date, clock: dt.time) -> dt.datetime:
    if value == "now":
        return _minute(dt.datetime.now())
    if isinstance(value, dt.datetime):
        return _minute(value)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, clock)
    if isinstance(value, dt.time):
        return dt.datetime.combine(day, _minute(value))
    if isinstance(value, str):
        text = value.strip()
        for parse in (dt.datetime.fromisoformat,
                      *(lambda t, f=f: dt.datetime.strptime(t, f) for f in
                        ("%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S")),
                      lambda t: dt.datetime.combine(dt.date.fromisoformat(t), clock),
                      lambda t: dt.datetime.combine(day, dt.time.fromisoformat(t))):
            try:
                return _minute(parse(text))
            except ValueError:
                continue
    raise WidgetError(f"{here}: {name} must be a datetime, a date, a time, an ISO string like "
                      f"'2025-11-19 16:45' or 'now', got {value!r}")


def _minute(value: Any) -> Any:
    """Streamlit's datetimes and times: to the minute, without a time zone."""
    return value.replace(second=0, microsecond=0, tzinfo=None)


def _step_seconds(here: str, step: Any, least: int) -> int:
    if isinstance(step, bool) or not isinstance(step, (int, dt.timedelta)):
        raise WidgetError(f"{here}: step must be seconds (an int) or a timedelta, got {step!r}")
    seconds = int(step.total_seconds()) if isinstance(step, dt.timedelta) else step
    if not least <= seconds <= 23 * 3600:
        raise WidgetError(f"{here}: step must be from {least} seconds to 23 hours, got "
                          f"{seconds} seconds")
    return seconds


def _years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (Feb 29 becomes Feb 28), within date's range."""
    year = min(max(day.year + years, dt.MINYEAR), dt.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
