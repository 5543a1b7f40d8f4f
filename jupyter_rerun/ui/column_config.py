"""`jr.column_config`: Streamlit's column types for `dataframe` and `data_editor`, with
Streamlit's parameters. Each returns the same plain dict Streamlit's does,

    NumberColumn("Price", format="$ %.2f", min_value=0)
    -> {"label": "Price", ..., "type_config": {"type": "number", "format": "$ %.2f", ...}}

and a `column_config=` mapping takes them, a label string, or None (hide the column).
`AudioColumn`, `VideoColumn` and `MarkdownColumn` show their values as links and text;
`ButtonColumn` draws its buttons, but a click does nothing (the callback is not called).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import ElementError

__all__ = ["AreaChartColumn", "AudioColumn", "BarChartColumn", "ButtonColumn", "CheckboxColumn",
           "Column", "DateColumn", "DatetimeColumn", "ImageColumn", "JsonColumn",
           "LineChartColumn", "LinkColumn", "ListColumn", "MarkdownColumn", "MultiselectColumn",
           "NumberColumn", "ProgressColumn", "SelectboxColumn", "TextColumn", "TimeColumn",
           "VideoColumn"]

ColumnConfig = dict  # {"label", "width", "help", ..., "type_config": {"type": ..., ...}}

_CHART_COLORS = ("auto", "auto-inverse", "red", "blue", "green", "yellow", "violet", "orange",
                 "gray", "grey", "primary")
_CSS_COLOR = re.compile(r"#[0-9a-zA-Z]{3,8}|rgba?\([^)]*\)")


def _config(label: str | None, width: Any, help: str | None, type_config: dict | None = None,
            **common: Any) -> ColumnConfig:
    """One column's configuration, as Streamlit spells it."""
    if width is not None and width not in ("small", "medium", "large") and not (
            isinstance(width, int) and not isinstance(width, bool) and width > 0):
        raise ElementError(f"column width must be 'small', 'medium', 'large' or a number of "
                           f"pixels, got {width!r}")
    alignment = common.get("alignment")
    if alignment not in (None, "left", "center", "right"):
        raise ElementError(f"alignment must be 'left', 'center' or 'right', got {alignment!r}")
    config = {"label": label, "width": width, "help": help, **common}
    if type_config is not None:
        config["type_config"] = type_config
    return config


def _chart_color(color: Any) -> Any:
    if color is not None and color not in _CHART_COLORS and not (
            isinstance(color, str) and _CSS_COLOR.fullmatch(color)):
        raise ElementError(f"color must be one of {', '.join(_CHART_COLORS)}, a hex colour "
                           f"('#ff4b4b') or an rgb()/rgba() colour, got {color!r}")
    return color


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _seconds(step: Any) -> Any:
    return step.total_seconds() if isinstance(step, dt.timedelta) else step


def Column(label: str | None = None, *, width: Any = None, help: str | None = None,
           disabled: bool | None = None, required: bool | None = None, pinned: bool | None = None,
           alignment: str | None = None) -> ColumnConfig:
    """A column with no type of its own: its label, width, help and editing flags."""
    return _config(label, width, help, disabled=disabled, required=required, pinned=pinned,
                   alignment=alignment)


def NumberColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
                 disabled: bool | None = None, required: bool | None = None,
                 pinned: bool | None = None, alignment: str | None = None,
                 default: int | float | None = None, format: str | None = None,
                 min_value: int | float | None = None, max_value: int | float | None = None,
                 step: int | float | None = None) -> ColumnConfig:
    """Numbers, formatted (printf-style "%d ⭐", or "dollar", "percent", "compact", ...)."""
    return _config(label, width, help, {"type": "number", "min_value": min_value,
                                        "max_value": max_value, "format": format, "step": step},
                   disabled=disabled, required=required, pinned=pinned, alignment=alignment,
                   default=default)


def TextColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
               disabled: bool | None = None, required: bool | None = None,
               pinned: bool | None = None, alignment: str | None = None,
               default: str | None = None, max_chars: int | None = None,
               validate: str | None = None) -> ColumnConfig:
    """Text; in the editor at most `max_chars` long and matching the regex `validate`."""
    return _config(label, width, help, {"type": "text", "max_chars": max_chars, "validate": validate},
                   disabled=disabled, required=required, pinned=pinned, alignment=alignment,
                   default=default)


def LinkColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
               disabled: bool | None = None, required: bool | None = None,
               pinned: bool | None = None, alignment: str | None = None,
               default: str | None = None, max_chars: int | None = None,
               validate: str | None = None, display_text: str | None = None) -> ColumnConfig:
    """URLs as links; `display_text` is fixed text or a regex whose group is shown."""
    return _config(label, width, help, {"type": "link", "max_chars": max_chars,
                                        "validate": validate, "display_text": display_text},
                   disabled=disabled, required=required, pinned=pinned, alignment=alignment,
                   default=default)


def CheckboxColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
                   disabled: bool | None = None, required: bool | None = None,
                   pinned: bool | None = None, alignment: str | None = None,
                   default: bool | None = None) -> ColumnConfig:
    """Booleans as checkboxes (toggled by a click in the editor)."""
    return _config(label, width, help, {"type": "checkbox"}, disabled=disabled,
                   required=required, pinned=pinned, alignment=alignment, default=default)


def SelectboxColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
                    disabled: bool | None = None, required: bool | None = None,
                    pinned: bool | None = None, default: Any = None,
                    options: Iterable[Any] | None = None,
                    format_func: Callable[[Any], str] | None = None) -> ColumnConfig:
    """One of `options` (shown through `format_func`), picked from a list in the editor."""
    choices = None if options is None else list(options)
    if choices and format_func is not None:
        choices = [{"value": option, "label": format_func(option)} for option in choices]
    return _config(label, width, help, {"type": "selectbox", "options": choices},
                   disabled=disabled, required=required, pinned=pinned, default=default)


def MultiselectColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
                      disabled: bool | None = None, required: bool | None = None,
                      pinned: bool | None = None, default: Iterable[str] | None = None,
                      options: Iterable[str] | None = None, accept_new_options: bool | None = None,
                      color: Any = None, format_func: Callable[[str], str] | None = None) -> ColumnConfig:
    """Lists of `options` as coloured chips; `color` is one colour or one per option."""
    choices = None
    if options is not None:
        colors = (None if color is None else itertools.repeat(color) if isinstance(color, str)
                  else itertools.cycle(list(color)))
        choices = []
        for option in options:
            choice = {"value": option}
            if format_func is not None:
                choice["label"] = format_func(option)
            if colors is not None:
                choice["color"] = next(colors)
            choices.append(choice)
    return _config(label, width, help, {"type": "multiselect", "options": choices,
                                        "accept_new_options": accept_new_options},
                   disabled=disabled, required=required, pinned=pinned,
                   default=None if default is None else list(default))


def _chart(kind: str) -> Callable[..., ColumnConfig]:
    def chart(label: str | None = None, *, width: Any = None, help: str | None = None,
              pinned: bool | None = None, y_min: int | float | None = None,
              y_max: int | float | None = None, color: Any = None) -> ColumnConfig:
        return _config(label, width, help, {"type": f"{kind}_chart", "y_min": y_min,
                                            "y_max": y_max, "color": _chart_color(color)},
                       pinned=pinned)

    chart.__name__ = chart.__qualname__ = f"{kind.title()}ChartColumn"
    chart.__doc__ = (f"Lists of numbers as a small {kind} chart in each cell, from y_min to y_max "
                     "(default: each cell's own range); color 'auto' is green when the last "
                     "value is at least the first, else red.")
    return chart


LineChartColumn = _chart("line")
BarChartColumn = _chart("bar")
AreaChartColumn = _chart("area")


def _media(kind: str, doc: str) -> Callable[..., ColumnConfig]:
    def media(label: str | None = None, *, width: Any = None, help: str | None = None,
              pinned: bool | None = None, alignment: str | None = None) -> ColumnConfig:
        return _config(label, width, help, {"type": kind}, pinned=pinned, alignment=alignment)

    media.__name__ = media.__qualname__ = f"{kind.title()}Column"
    media.__doc__ = doc
    return media


ImageColumn = _media("image", "Image URLs (or data: URLs) as small images.")
AudioColumn = _media("audio", "Audio URLs, shown as links to play them.")
VideoColumn = _media("video", "Video URLs, shown as links to play them.")
JsonColumn = _media("json", "Dicts, lists and JSON strings as compact JSON.")


def ListColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
               pinned: bool | None = None, disabled: bool | None = None,
               required: bool | None = None, default: Iterable[str] | None = None) -> ColumnConfig:
    """Lists as chips (edited as comma-separated text)."""
    return _config(label, width, help, {"type": "list"}, pinned=pinned, disabled=disabled,
                   required=required, default=None if default is None else list(default))


def DatetimeColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
                   disabled: bool | None = None, required: bool | None = None,
                   pinned: bool | None = None, alignment: str | None = None,
                   default: dt.datetime | None = None, format: str | None = None,
                   min_value: dt.datetime | None = None, max_value: dt.datetime | None = None,
                   step: Any = None, timezone: str | None = None) -> ColumnConfig:
    """Datetimes, formatted ("localized", "iso8601", "distance", "calendar" or a
    momentjs pattern such as "D MMM YYYY, h:mm a")."""
    return _config(label, width, help, {"type": "datetime", "format": format,
                                        "min_value": _iso(min_value), "max_value": _iso(max_value),
                                        "step": _seconds(step), "timezone": timezone},
                   disabled=disabled, required=required, pinned=pinned, alignment=alignment,
                   default=_iso(default))


def TimeColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
               disabled: bool | None = None, required: bool | None = None,
               pinned: bool | None = None, alignment: str | None = None,
               default: dt.time | None = None, format: str | None = None,
               min_value: dt.time | None = None, max_value: dt.time | None = None,
               step: Any = None) -> ColumnConfig:
    """Times of day, formatted like DatetimeColumn."""
    return _config(label, width, help, {"type": "time", "format": format,
                                        "min_value": _iso(min_value), "max_value": _iso(max_value),
                                        "step": _seconds(step)},
                   disabled=disabled, required=required, pinned=pinned, alignment=alignment,
                   default=_iso(default))


def DateColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
               disabled: bool | None = None, required: bool | None = None,
               pinned: bool | None = None, alignment: str | None = None,
               default: dt.date | None = None, format: str | None = None,
               min_value: dt.date | None = None, max_value: dt.date | None = None,
               step: int | None = None) -> ColumnConfig:
    """Dates, formatted like DatetimeColumn."""
    return _config(label, width, help, {"type": "date", "format": format,
                                        "min_value": _iso(min_value), "max_value": _iso(max_value),
                                        "step": step},
                   disabled=disabled, required=required, pinned=pinned, alignment=alignment,
                   default=_iso(default))


def ProgressColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
                   pinned: bool | None = None, format: str | None = None,
                   min_value: int | float | None = None, max_value: int | float | None = None,
                   step: int | float | None = None, color: Any = None) -> ColumnConfig:
    """Numbers as progress bars from min_value (0) to max_value (100), labelled by format."""
    return _config(label, width, help, {"type": "progress", "format": format,
                                        "min_value": min_value, "max_value": max_value,
                                        "step": step, "color": _chart_color(color)},
                   pinned=pinned)


def MarkdownColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
                   disabled: bool | None = None, required: bool | None = None,
                   pinned: bool | None = None, alignment: str | None = None,
                   default: str | None = None) -> ColumnConfig:
    """Markdown text (bold, italics, code and links are rendered)."""
    return _config(label, width, help, {"type": "markdown"}, disabled=disabled,
                   required=required, pinned=pinned, alignment=alignment, default=default)


@dataclass
class ButtonColumnResult:
    """A ButtonColumn given a key: its configuration and callback."""

    config: ColumnConfig
    on_click: Callable[..., Any] | None = None
    args: Any = None
    kwargs: Any = None
    key: str | None = None


def ButtonColumn(label: str | None = None, *, width: Any = None, help: str | None = None,
                 pinned: bool | None = None, alignment: str | None = None,
                 type: str = "secondary", on_click: Callable[..., Any] | None = None,
                 args: Any = None, kwargs: Any = None, key: str | None = None) -> Any:
    """Each cell's text on a button (read-only). Accepted for Streamlit's code; a click
    does not call `on_click` here."""
    config = _config(label, width, help, {"type": "button", "button_type": type},
                     pinned=pinned, alignment=alignment, disabled=True)
    if key is not None:
        return ButtonColumnResult(config, on_click, args, kwargs, key)
    if on_click is not None or args is not None or kwargs is not None:
        raise ElementError("ButtonColumn(on_click=...) needs a key: give it key='...'")
    return config
