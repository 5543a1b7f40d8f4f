"""The encodings of the built-in charts (see vega_builtin): axes, colour, size, tooltips,
and the Vega-Lite type each column is drawn as."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..errors import ElementError
from . import vega_colors as colors

if TYPE_CHECKING:
    from .vega_builtin import Columns

SUFFIX = " -- streamlit-generated"
INDEX, VALUE, COLOR = "index" + SUFFIX, "value" + SUFFIX, "color" + SUFFIX
MISSING = "DOES_NOT_EXIST" + SUFFIX  # an axis without a field vanishes when there is no data
COLOR_LEGEND = {"titlePadding": 5, "offset": 5, "orient": "bottom"}
SIZE_LEGEND = {"titlePadding": 0.5, "offset": 5, "orient": "bottom"}


def vega_type(series: Any) -> str:
    """quantitative, ordinal, nominal or temporal, from what the column holds."""
    from pandas.api.types import infer_dtype

    kind = infer_dtype(series)
    if kind in ("floating", "mixed-integer-float", "integer", "mixed-integer", "complex"):
        return "quantitative"
    if kind == "categorical" and series.cat.ordered:
        return "ordinal"
    if kind in ("datetime", "datetime64", "timedelta", "timedelta64", "date", "time", "period"):
        return "temporal"
    return "nominal"


def _holds_dates(frame: Any, name: str | None) -> bool:
    return name is not None and len(frame[name]) > 0 and isinstance(frame[name].iat[0], dt.date)


def axes(frame: Any, cols: Columns, kind: str, horizontal: bool, x_from_user: Any,
         y_from_user: Any, x_label: str | None, y_label: str | None) -> tuple[dict, dict]:
    """(x, y) encodings; a horizontal bar chart swaps them (its values run along x)."""
    sideways = kind == "bar" and horizontal
    if sideways:
        return (_axis(frame, cols, cols.y, y_from_user, y_label, "x", kind, sideways),
                _axis(frame, cols, cols.x, x_from_user, x_label, "y", kind, sideways))
    return (_axis(frame, cols, cols.x, x_from_user, x_label, "x", kind, sideways),
            _axis(frame, cols, cols.y, y_from_user, y_label, "y", kind, sideways))


def _axis(frame: Any, cols: Columns, column: str | None, from_user: Any, label: str | None,
          channel: str, kind: str, sideways: bool) -> dict[str, Any]:
    """One positional encoding. The columns the chart made (the index, melted values) are
    drawn untitled; a column is titled only when the user named it."""
    if column is None:
        name, title = MISSING, ""
    elif column == (INDEX if channel == "x" else VALUE):
        name, title = column, ""
    else:
        name, title = column, "" if from_user is None else cols.title(column)
    if label is not None:
        title = label
    if channel == "y" and sideways and not _holds_dates(frame, column):
        vtype = "ordinal"  # categories down the side
    elif column is None:
        vtype = "quantitative"
    elif channel == "x" and kind == "bar" and not sideways and not _holds_dates(frame, column):
        vtype = "ordinal"  # categories along the bottom
    else:
        vtype = vega_type(frame[column])
    encoding = {"field": name, "title": title, "type": vtype, "scale": {},
                "axis": _axis_config(frame, column, grid=(channel == "x") == sideways)}
    if channel == "x" and column is not None and vega_type(frame[column]) == "ordinal":
        encoding["sort"] = frame[column].cat.categories.tolist()  # as Altair adds for x
    return encoding


def _axis_config(frame: Any, column: str | None, grid: bool) -> dict[str, Any]:
    from pandas.api.types import is_integer_dtype

    if column is not None and is_integer_dtype(frame[column]):
        return {"tickMinStep": 1, "grid": grid}  # whole numbers: no ticks between them
    return {"grid": grid}


def sort(encoding: dict[str, Any], sort_from_user: Any, cols: Columns) -> None:
    """A bar chart's category order: Vega-Lite's (True), the data's (False), or a column's."""
    if sort_from_user is False:
        encoding["sort"] = None
    elif isinstance(sort_from_user, str):
        name = sort_from_user.removeprefix("-")
        name = next((alias for alias, user in cols.titles.items() if user == name), name)
        order = "descending" if sort_from_user.startswith("-") else "ascending"
        encoding["sort"] = {"field": name, "order": order}


def color(frame: Any, cols: Columns, value: Any, from_user: Any) -> dict[str, Any] | None:
    """A fixed colour, a colour per y column, or a colour column (its values, when they are
    colours, drawn as they are and left out of the legend)."""
    if value not in (None, [], ()):
        return _fixed_color(cols, value, from_user)
    if cols.color is None:
        return None
    melted = cols.color == COLOR
    encoding: dict[str, Any] = {"field": cols.color, "legend": dict(COLOR_LEGEND),
                                "type": "nominal" if melted else vega_type(frame[cols.color])}
    if melted:
        encoding["title"] = " "  # an empty title would hide the y axis (a Vega-Lite quirk)
        return encoding
    if cols.color in cols.titles:
        encoding["title"] = cols.titles[cols.color]
    column = frame[cols.color]
    if len(column) and colors.is_color(column.iat[0]):
        encoding["scale"] = {"range": [colors.css(c) for c in column.unique()]}
        encoding["legend"] = None
    return encoding


def _fixed_color(cols: Columns, value: Any, from_user: Any) -> dict[str, Any]:
    if colors.is_color(value) or colors.is_name(value):
        if len(cols.ys) != 1:
            raise _color_count([value], cols.ys)
        return {"value": colors.css(value) if colors.is_color(value) else value}
    if isinstance(value, (list, tuple)):
        if len(value) != len(cols.ys):
            raise _color_count(value, cols.ys)
        resolved = [c if colors.is_name(c) else colors.css(c) for c in value]
        if len(resolved) == 1:
            return {"value": resolved[0]}
        encoding = {"scale": {"domain": list(cols.ys), "range": resolved},
                    "legend": dict(COLOR_LEGEND), "type": "nominal", "title": " "}
        return {"field": cols.color, **encoding} if cols.color is not None else encoding
    raise ElementError(f"color={from_user!r} is not a colour: give a hex string like '#ffaa00', "
                       "an RGB(A) tuple, a column name, or a list of colours, one per y column")


def _color_count(values: Any, ys: list[str]) -> ElementError:
    return ElementError(f"color={list(values)!r} gives {len(values)} colour(s) for {len(ys)} y "
                        f"column(s) {ys}: give one colour per y column")


def size(frame: Any, cols: Columns, value: Any) -> dict[str, Any]:
    """A scatter chart's point size: a column (with a legend) or a number (default 100)."""
    if cols.size is not None:
        return {"field": cols.size, "title": cols.title(cols.size), "legend": dict(SIZE_LEGEND),
                "type": vega_type(frame[cols.size])}
    if value is None:
        return {"value": 100}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    raise ElementError(f"size={value!r} is neither a column of the data nor a number: give "
                       "a column name or a size like 20")


def tooltip(frame: Any, cols: Columns) -> list[dict]:
    """What hovering a mark shows: x, y, the colour and the size column, each titled with
    the user's name."""
    assert cols.x is not None and cols.y is not None
    tips = [_tip(frame, cols, cols.x, INDEX, "index"), _tip(frame, cols, cols.y, VALUE, "value")]
    if cols.color:  # even when its values are colours: Streamlit means not to, but does
        tips.append(_tip(frame, cols, cols.color, COLOR, "color"))
    if cols.size:
        tips.append(_tip(frame, cols, cols.size, "", ""))
    return tips


def _tip(frame: Any, cols: Columns, name: str, generated: str, title: str) -> dict[str, Any]:
    if name == generated and name == INDEX:
        return {"field": name, "title": title, "type": vega_type(frame[name])}
    if name == generated:
        return {"field": name, "title": title, "type": "quantitative" if name == VALUE else "nominal"}
    tip = {"field": name, "type": vega_type(frame[name])}
    if name in cols.titles:
        tip["title"] = cols.titles[name]
    return tip
