"""Argument checks and conversions the input functions share: options, widths, icons, and
the Streamlit 1.67 parameters accepted for compatibility (bind, persist_state, ...).

Each check raises a one-line WidgetError that names the argument, what it got and the fix,
and is no stricter than Streamlit: what Streamlit accepts passes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Optional

from ..errors import ElementError, WidgetError

Callback = Optional[Callable[..., Any]]


def where(function: str, label: Any) -> str:
    return f"jr.{function}({label!r})"


def one_of(where: str, name: str, value: Any, choices: Sequence[Any]) -> Any:
    if isinstance(value, str) or value is None:
        if value in choices:
            return value
    words = [repr(choice) for choice in choices]
    listed = ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else words[0]
    raise WidgetError(f"{where}: {name} must be {listed}, got {value!r}")


def compatible(where: str, *, bind: Any = None, persist_state: Any = None) -> None:
    """Streamlit's `bind` (acted on in entries.draw: url_binding.py) and `persist_state`
    (checked, not acted on: a notebook's widgets live in its kernel for the whole session)."""
    one_of(where, "bind", bind, (None, "query-params"))
    one_of(where, "persist_state", persist_state, (None, "page", "session"))


def width_layout(where: str, width: Any, *, content: bool) -> dict[str, str]:
    """The layout of Streamlit's `width`: "stretch" (the column's width), "content" (the
    control's own width, where Streamlit allows it) or pixels (at most the column's)."""
    if isinstance(width, bool) or not isinstance(width, (int, str)) or (
            isinstance(width, int) and width <= 0) or (
            isinstance(width, str) and width not in (("stretch", "content") if content else ("stretch",))):
        kinds = "'stretch', 'content'" if content else "'stretch'"
        raise WidgetError(f"{where}: width must be {kinds} or a positive number of pixels, "
                          f"got {width!r}")
    if width == "stretch":
        return {"width": "100%", "max_width": "100%"}
    if width == "content":  # in a column (a flex box) it must not stretch
        return {"width": "auto", "max_width": "100%", "align_self": "flex-start"}
    return {"width": f"{width}px", "max_width": "100%", "align_self": "flex-start"}


def icon_html(where: str, icon: Any) -> str:
    """One emoji or ':material/name:' as HTML ("" for none), Streamlit's `icon=`."""
    from . import icons

    try:
        return icons.icon_html(icon)
    except ElementError as error:
        raise WidgetError(f"{where}: {error}") from None


def options_list(where: str, options: Any) -> list[Any]:
    """Streamlit's reading of `options`: any iterable (a DataFrame's first column, a
    Series' values, a dict's keys); one string or one other value is a single option;
    None is none."""
    if options is None:
        return []
    if hasattr(options, "columns") and hasattr(options, "iloc"):  # a DataFrame
        options = options.iloc[:, 0] if len(options.columns) else []
    if hasattr(options, "tolist") and not isinstance(options, (str, bytes)):  # Series, array
        options = options.tolist()
    if isinstance(options, (str, bytes)) or not isinstance(options, (Iterable, Mapping)):
        return [options]
    choices = list(options)
    if choices:
        try:
            bool(choices[0] == choices[0])
        except ValueError:
            raise WidgetError(f"{where}: options must compare with == to True or False; "
                              f"{type(choices[0]).__name__} does not, use indices as options "
                              "and format_func to show them") from None
    return choices


def labelled(choices: Sequence[Any], format_func: Callable[[Any], Any]) -> list[tuple[str, Any]]:
    return [(str(format_func(choice)), choice) for choice in choices]


def unique(labels: list[str]) -> list[str]:
    """Labels made distinct where two options format alike ('a', 'a (2)')."""
    seen: dict[str, int] = {}
    distinct = []
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
        distinct.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return distinct


def index_of(where: str, choices: Sequence[Any], item: Any) -> int:
    for index, choice in enumerate(choices):
        try:
            if choice == item:
                return index
        except (ValueError, TypeError):
            continue
    raise WidgetError(f"{where}: {item!r} is not one of the options {choices!r}")


def defaults_list(where: str, choices: Sequence[Any], default: Any) -> list[Any]:
    """A multiple choice's `default` as a list of options (one value is a list of one);
    each must be an option."""
    if default is None:
        return []
    chosen = options_list(where, default) if not isinstance(default, (list, tuple)) else list(default)
    for item in chosen:
        index_of(where, choices, item)
    return chosen


def index_checked(where: str, index: Any, count: int) -> int | None:
    if index is None:
        return None
    if not isinstance(index, int):
        raise WidgetError(f"{where}: index must be None or an int, got {type(index).__name__} "
                          f"{index!r}")
    if count and not 0 <= index < count:
        raise WidgetError(f"{where}: index must be None or an int from 0 to {count - 1} "
                          f"(there are {count} options), got {index!r}")
    return index
