"""The Vega-Lite specs of the built-in charts (line, area, bar, scatter), as Streamlit makes
them from a table and `x`, `y`, `color`, `size`, `stack`, `sort`: the same columns, the same
encodings, written here as plain dicts (no Altair needed).

`chart_spec(...)` returns the spec, whose data is `{"name": DATA}`, and the frame to send.
Like Streamlit, a frame is drawn in "long" form: `x=None` takes the index (a column named
"index -- streamlit-generated", shown untitled), several y columns are melted into one value
column and one colour column, and column names Vega-Lite would read as paths (".", "[", "]",
"\\") are given aliases while the titles keep the user's names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ElementError
from . import vega_colors as colors
from . import vega_encodings as enc
from .vega_data import to_frame
from .vega_encodings import COLOR, INDEX, VALUE

DATA = "table"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
ALIAS = "col -- streamlit-generated-"
MARKS = {"line": "line", "area": "area", "bar": "bar", "scatter": "circle"}


@dataclass
class Columns:
    """The columns a chart draws, by their names in the (prepared) frame."""

    x: str | None
    ys: list[str]
    color: str | None = None
    size: str | None = None
    sort: str | None = None
    y: str | None = None
    titles: dict[str, str] = field(default_factory=dict)  # alias -> the user's name

    def title(self, name: str) -> str:
        return self.titles.get(name, name)


def chart_spec(kind: str, data: Any, *, x: Any = None, y: Any = None, x_label: str | None = None,
               y_label: str | None = None, color: Any = None, size: Any = None,
               width: Any = "stretch", height: Any = "content", stack: Any = None,
               sort: Any = False, horizontal: bool = False) -> tuple[dict[str, Any], Any]:
    """(spec, frame) of a built-in chart; `kind` is line, area, bar or scatter."""
    frame = to_frame(data)
    x_column = _x_column(frame, x)
    ys = _y_columns(frame, y, x_column)
    color_column, color_value = _column_or_value(frame, color)
    size_column, size_value = _column_or_value(frame, size)
    sort_column = _sort_column(frame, sort) if kind == "bar" else None
    frame, cols = _prepare(frame, Columns(x_column, ys, color_column, size_column, sort_column))
    if kind != "scatter" and size is not None:
        raise ElementError(f"size= is for scatter_chart; {kind}_chart has no point size")
    encoding = _encoding(frame, cols, kind, horizontal, stack, sort, (x, y, x_label, y_label),
                         (color_value, color), size_value)
    sizes = {"width": width if isinstance(width, int) else 0,
             "height": height if isinstance(height, int) else 0}
    view = {"mark": {"type": MARKS[kind]}, "encoding": encoding}
    if kind == "line" and cols.x is not None:
        spec = _hover_layers(view, cols.x, len(frame), sizes)
    else:
        spec = {**view, **sizes, "params": [_zoom("param_1")]}
    spec.update({"data": {"name": DATA}, "$schema": SCHEMA,
                 "autosize": {"type": "fit", "contains": "padding"}})
    return spec, frame


def _encoding(frame: Any, cols: Columns, kind: str, horizontal: bool, stack: Any, sort: Any,
              axes: tuple, colour: tuple, size_value: Any) -> dict[str, Any]:
    """The encodings, in the order Streamlit adds them: axes (with stack and sort), offsets
    for side-by-side bars, opacity, colour, size, tooltips."""
    bar, sideways = kind == "bar", kind == "bar" and horizontal
    x_enc, y_enc = enc.axes(frame, cols, kind, horizontal, *axes)
    if stack is not None:  # "layered" is Vega-Lite's stack=False
        (x_enc if sideways else y_enc)["stack"] = False if stack == "layered" else stack
    if bar:
        enc.sort(y_enc if sideways else x_enc, sort, cols)
    encoding: dict[str, Any] = {"x": x_enc, "y": y_enc}
    if stack is False and cols.color is not None:  # bars side by side
        grouped = {"field": cols.color} if bar else {}
        encoding["xOffset"] = {} if sideways else grouped
        encoding["yOffset"] = grouped if sideways else {}
    if cols.color and (kind == "area" or stack == "layered"):
        encoding["opacity"] = {"value": 0.7}
    color_enc = enc.color(frame, cols, *colour)
    if color_enc is not None:
        encoding["color"] = color_enc
    if kind == "scatter":
        encoding["size"] = enc.size(frame, cols, size_value)
    if cols.x is not None and cols.y is not None:
        encoding["tooltip"] = enc.tooltip(frame, cols)
    return encoding


def _hover_layers(view: dict[str, Any], x: str, rows: int, sizes: dict[str, int]) -> dict[str, Any]:
    """A line chart: the line, invisible points that find the point nearest the pointer,
    and that point, drawn (Streamlit's hover tooltips)."""
    line = {**view, "name": "view_1"}
    finder = {"mark": {"type": "point", "opacity": 0}, "encoding": view["encoding"], "name": "view_2"}
    shown = {"mark": {"type": "point", "filled": True, "size": 65}, "encoding": view["encoding"],
             "transform": [{"filter": {"param": "param_1", "empty": False}}]}
    nearest = {"name": "param_1", "views": ["view_2"], "select": {
        "type": "point", "clear": "mouseleave", "fields": [x], "nearest": True,
        "on": "mousemove{16}" if rows > 1000 else "mousemove"}}
    return {"layer": [line, finder, shown], "config": {"legend": {"symbolType": "stroke"}},
            **sizes, "params": [nearest, {**_zoom("param_2"), "views": ["view_1"]}]}


def _zoom(name: str) -> dict[str, Any]:
    """Pan and zoom by dragging and scrolling (Altair's .interactive())."""
    return {"name": name, "select": {"type": "interval", "encodings": ["x", "y"]}, "bind": "scales"}


# -- which columns ------------------------------------------------------------------------
def _missing_column(frame: Any, name: Any) -> ElementError:
    names = ", ".join(str(c) for c in frame.columns)
    return ElementError(f'the data has no column named "{name}": pick one of {names or "(none)"}')


def _x_column(frame: Any, x: Any) -> str | None:
    if x is None:
        return None
    if not isinstance(x, str):
        raise ElementError(f"x must be a column name or None (the index), not {type(x).__name__} {x!r}")
    if x not in frame.columns:
        raise _missing_column(frame, x)
    return x


def _y_columns(frame: Any, y: Any, x: str | None) -> list[Any]:
    if y is None:
        ys = list(frame.columns)
    elif isinstance(y, str):
        ys = [y]
    else:
        ys = [str(name) for name in (y.tolist() if hasattr(y, "tolist") else list(y))]
    for name in ys:
        if name not in frame.columns:
            raise _missing_column(frame, name)
    if x in ys and (not y or x not in y):
        ys.remove(x)
    return ys


def _column_or_value(frame: Any, value: Any) -> tuple[str | None, Any]:
    if isinstance(value, str) and value in frame.columns:
        return value, None
    return None, value


def _sort_column(frame: Any, sort: Any) -> str | None:
    if sort is True or sort is False:
        return None
    if not isinstance(sort, str):
        raise ElementError(f"sort must be True, False or a column name (with '-' for descending), not {sort!r}")
    name = sort.removeprefix("-")
    if name not in frame.columns:
        raise _missing_column(frame, name)
    return name


# -- the frame ------------------------------------------------------------------------------
def _prepare(frame: Any, cols: Columns) -> tuple[Any, Columns]:
    """Index to a column, unused columns dropped, colour tuples to CSS, names to strings
    (aliased where Vega-Lite would read them as paths), several y columns melted."""
    if cols.x is None and cols.ys:
        cols.x = INDEX if frame.index.name is None else str(frame.index.name)
        frame = frame.rename_axis(cols.x).reset_index()
    names = list(dict.fromkeys(n for n in (cols.x, cols.color, cols.size, cols.sort, *cols.ys)
                               if n is not None))
    frame = frame[names].copy() if names else frame.iloc[:, :0].copy()
    if cols.color is not None and len(frame) and colors.is_tuple(frame[cols.color].iat[0]):
        frame[cols.color] = frame[cols.color].map(colors.css)
    frame, cols = _aliased(frame, cols)
    if len(cols.ys) == 1:
        cols.y = cols.ys[0]
    elif len(cols.ys) > 1 and cols.x is not None:
        frame = _melted(frame, cols)
    return frame, cols


def _aliased(frame: Any, cols: Columns) -> tuple[Any, Columns]:
    special = (".", "[", "]", "\\")
    names = [str(c) for c in frame.columns]
    plain = {n for n in names if not any(ch in n for ch in special)}
    first: dict[str, str] = {}
    queues: dict[str, list[str]] = {}
    final = []
    for index, name in enumerate(names):
        if not any(ch in name for ch in special):
            final.append(name)
            continue
        alias, counter = f"{ALIAS}{index}", 0
        while alias in plain or alias in cols.titles:
            counter += 1
            alias = f"{ALIAS}{index}-{counter}"
        cols.titles[alias] = name
        first.setdefault(name, alias)
        queues.setdefault(name, []).append(alias)
        final.append(alias)
    frame.columns = final

    def one(name: Any) -> str | None:
        return None if name is None else first.get(str(name), str(name))

    def each(name: Any) -> str:
        queue = queues.get(str(name))
        return queue.pop(0) if queue else first.get(str(name), str(name))

    cols.x, cols.color, cols.size, cols.sort = one(cols.x), one(cols.color), one(cols.size), one(cols.sort)
    cols.ys = [each(name) for name in cols.ys]
    return frame, cols


def _melted(frame: Any, cols: Columns) -> Any:
    import pandas as pd
    from pandas.api.types import infer_dtype

    keep = list(dict.fromkeys(n for n in (cols.x, cols.size, cols.sort) if n))
    long = pd.melt(frame, id_vars=keep, value_vars=cols.ys, var_name=COLOR, value_name=VALUE)
    values = long[VALUE]
    if values.dtype == object and "mixed" in infer_dtype(values) and values.nunique() > 100:
        raise ElementError("the chart's columns mix too many kinds of values: choose the "
                           "columns to draw with y=[...]")
    if cols.titles:
        long[COLOR] = long[COLOR].map(lambda name: cols.titles.get(name, name))
        cols.ys = [cols.titles.get(name, name) for name in cols.ys]
    cols.y, cols.color = VALUE, COLOR
    return _as_text_where_mixed(long)


def _as_text_where_mixed(frame: Any) -> Any:
    """Columns of mixed values (numbers and text, after melting) become text, as Streamlit
    makes them (so they are drawn as categories)."""
    from pandas.api.types import infer_dtype, is_list_like

    for name in frame.columns:
        column = frame[name]
        if column.dtype != object:
            continue
        kind = infer_dtype(column, skipna=True)
        first = column.dropna().iloc[0] if kind == "mixed" and column.notna().any() else None
        if kind in ("mixed-integer", "complex") or (kind == "mixed" and not is_list_like(first)):
            frame[name] = column.astype("string")
    return frame
