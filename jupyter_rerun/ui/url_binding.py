"""`bind="query-params"`: a keyed widget's value in the page's address, as Streamlit has it.

    jr.slider("Days", 1, 30, 7, key="days", bind="query-params")   # ...?days=14

The key names the query parameter. When the widget is first drawn in a session, a value in
the address (`?days=14`) is its starting value, as a shared link asks; after that the
widget and `session_state[key]` lead as for any widget. Each run writes the widget's value
back (`jr.query_params`, which on a Voila page changes the address in the browser's bar);
a value equal to the widget's default is taken out of the address, and so is one the
widget cannot take (not a number, not one of its options, out of its range).

Values are written as Streamlit writes them: `true`/`false`, numbers without a trailing
`.0`, ISO dates and times, an option by its label (`format_func`), and several values (a
multiselect, a range) as the key repeated (`?days=3&days=9`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import WidgetError
from ..url_query import query_params
from .input_args import index_of, labelled


@dataclass
class UrlForm:
    """How one widget's value is written in the address, and read back (ValueError: it
    cannot be)."""

    dump: Callable[[Any], str | list[str]]
    load: Callable[[list[str]], Any]


def options_form(choices: Sequence[Any], format_func: Callable[[Any], Any], *,
                 many: bool = False, new_ones: bool = False) -> UrlForm:
    """An option by its label; `many`: a list of them; `new_ones`: a label that is no
    option is a new one (accept_new_options)."""

    @functools.cache  # on first use: a widget that is not bound never formats them again
    def labels() -> list[str]:
        return [text for text, _ in labelled(choices, format_func)]

    def label(choice: Any) -> str:
        try:
            return labels()[index_of("", choices, choice)]
        except WidgetError:  # a typed new option
            return str(choice)

    def option(text: str) -> Any:
        if text in labels():
            return choices[labels().index(text)]
        if new_ones:
            return text
        raise ValueError(f"{text!r} is not one of the options")

    if many:
        return UrlForm(lambda chosen: [label(choice) for choice in chosen],
                       lambda texts: [option(text) for text in texts if text])
    return UrlForm(label, lambda texts: option(texts[-1]))


def form_of(value: Any) -> UrlForm:
    """The form of a value of this type (a tuple or list: of its items' type)."""
    if isinstance(value, (tuple, list)):
        items = form_of(value[0]) if value else _TEXT
        kind = type(value)
        return UrlForm(lambda chosen: [items.dump(item) for item in chosen],
                       lambda texts: kind(items.load([text]) for text in texts if text))
    for kind, form in _SCALARS:
        if isinstance(value, kind):
            return form
    return _TEXT


def _number(value: float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _bool(text: str) -> bool:
    if text.lower() not in ("true", "false"):
        raise ValueError(f"{text!r} is not true or false")
    return text.lower() == "true"


def _time_text(value: dt.time | dt.datetime) -> str:
    return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")


_TEXT = UrlForm(str, lambda texts: texts[-1])
_SCALARS: list[tuple[type | tuple[type, ...], UrlForm]] = [  # bool before int, datetime before date
    (bool, UrlForm(lambda value: "true" if value else "false", lambda texts: _bool(texts[-1]))),
    (int, UrlForm(str, lambda texts: int(texts[-1]))),
    (float, UrlForm(_number, lambda texts: float(texts[-1]))),
    (dt.datetime, UrlForm(_time_text, lambda texts: dt.datetime.fromisoformat(texts[-1]))),
    (dt.date, UrlForm(dt.date.isoformat, lambda texts: dt.date.fromisoformat(texts[-1]))),
    (dt.time, UrlForm(_time_text, lambda texts: dt.time.fromisoformat(texts[-1]))),
]


def check_bind(where: str, bind: Any, key: str | None) -> bool:
    """True if the widget is bound (its `bind` value was checked by input_args.compatible);
    Streamlit's error for a bound widget without a key."""
    if bind is None:
        return False
    if key is None:
        raise WidgetError(f"{where}: bind='query-params' needs a key=, which names the query "
                          "parameter")
    return True


def _left_out(value: Any, default: Any) -> bool:
    """The address holds no parameter for an empty value or the default."""
    return value is None or value == default or (isinstance(value, (list, tuple)) and not value)


def seed(form: UrlForm, key: str, check: Callable[[Any], Any], default: Any) -> Any:
    """The value the address gives a widget drawn for the first time, or None; a value it
    cannot take (or its default) leaves the address."""
    texts = query_params.get_all(key)
    if not texts:
        return None
    try:
        value = check(form.load(texts))
    except (ValueError, TypeError, IndexError, WidgetError):
        value = None
    if _left_out(value, default):
        del query_params[key]
        return None
    return value


def publish(form: UrlForm, key: str, value: Any, default: Any) -> None:
    """Write the widget's value in the address (its default: no parameter)."""
    shown = query_params.get_all(key)
    if _left_out(value, default):
        if shown:
            del query_params[key]
        return
    text = form.dump(value)
    if (text if isinstance(text, list) else [text]) != shown:
        query_params[key] = text
