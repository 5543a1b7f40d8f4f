"""What `slider` needs to slide over dates, times and datetimes (see numbers.py): their
kind, Streamlit's default bounds, step and format, and their wall-clock microseconds, the
numbers our StepSlider slides over (the browser reads them as UTC: no zone to convert)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import WidgetError

FIFTEEN_MINUTES = dt.timedelta(minutes=15)
_EPOCH = dt.datetime(1970, 1, 1)
_TIME_BASE = dt.date(2000, 1, 1)  # a time slides as this day's wall clock
_SAFE_MICROS = 2**53 - 1  # what a browser's number holds exactly


def kind_of(value: Any) -> str | None:
    """'datetime', 'date' or 'time' for a value a slider can slide over as time, else None."""
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    return None


def slider_defaults(kind: str, first: Any) -> tuple[Any, Any, dt.timedelta, str]:
    """Streamlit's bounds, step and format for a slider over `kind` (first: its first
    value): the whole day for times, two weeks either side of the value for dates."""
    if kind == "time":
        return dt.time.min.replace(tzinfo=first.tzinfo), dt.time.max.replace(tzinfo=first.tzinfo), \
            FIFTEEN_MINUTES, "HH:mm"
    fortnight = dt.timedelta(days=14)
    low, high = first, first
    try:
        low = first - fortnight
    except OverflowError:
        pass
    try:
        high = first + fortnight
    except OverflowError:
        pass
    return low, high, dt.timedelta(days=1), "YYYY-MM-DD"


def micros(value: Any, kind: str) -> int:
    """The wall-clock time of `value` in microseconds from 1970, as if it were UTC."""
    if kind == "time":
        moment = dt.datetime.combine(_TIME_BASE, value.replace(tzinfo=None))
    elif kind == "date":
        moment = dt.datetime.combine(value, dt.time())
    else:
        moment = value.replace(tzinfo=None)
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(number: float, kind: str, zone: Any) -> Any:
    moment = _EPOCH + dt.timedelta(microseconds=round(number))
    if kind == "date":
        return moment.date()
    if kind == "time":
        return moment.time().replace(tzinfo=zone)
    return moment.replace(tzinfo=zone)


def step_micros(step: dt.timedelta) -> int:
    return (step.days * 86_400 + step.seconds) * 1_000_000 + step.microseconds


def check_slidable(here: str, name: str, value: Any, kind: str) -> int:
    number = micros(value, kind)
    if abs(number) > _SAFE_MICROS:
        raise WidgetError(f"{here}: {name} {value} is too far from 1970 to slide over exactly; "
                          "use dates between 1685-07-30 and 2255-06-03")
    return number
