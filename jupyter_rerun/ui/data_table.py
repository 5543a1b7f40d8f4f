"""`table`: a static table, rendered whole in the kernel as HTML (Streamlit's is for small
data and renders every row too). Cells and headers may hold Streamlit markdown; a pandas
Styler keeps its styles."""

from __future__ import annotations

import copy
import math
from html import escape
from typing import Any

from .. import widgets
from ..errors import ElementError
from .element import Handle, show
from .markdown import to_html
from .tabular import is_styler, pandas, to_frame

# forms whose column names pandas made up: their header row is hidden by default
_UNNAMED = frozenset({"key_value", "rows", "values", "numpy_list", "numpy_matrix", "set", "tuple",
                      "pandas_array", "arrow_array"})


def table(data: Any = None, *, border: Any = True, width: Any = "stretch", height: Any = "content",
          hide_index: bool | None = None, hide_header: bool | None = None,
          alt: str | None = None) -> Handle:
    """A static table of `data` (anything `dataframe` takes), every row shown. `border`:
    True, False or "horizontal"."""
    if border not in (True, False, "horizontal"):
        raise ElementError(f"jr.table(border={border!r}): use True, False or 'horizontal'")
    for name, value, words in (("width", width, ("stretch", "content")),
                               ("height", height, ("content", "stretch"))):
        if value not in words and not (isinstance(value, int) and not isinstance(value, bool) and value > 0):
            raise ElementError(f"jr.table({name}={value!r}): use {' or '.join(map(repr, words))} "
                               "or a number of pixels")
    frame, form = to_frame(data, "jr.table")
    if hide_index is None:
        hide_index = isinstance(frame.index, pandas().RangeIndex)
    if hide_header is None:
        hide_header = form in _UNNAMED
    body = (_styled(data, hide_index, hide_header) if is_styler(data)
            else _html(frame, hide_index, hide_header))
    mode = "all" if border is True else "horizontal" if border == "horizontal" else "none"
    classes = f"jr-table-box jr-table-border-{mode}" + (" jr-table-content" if width == "content" else "")
    style = (f"width:{width}px;" if isinstance(width, int) else "") + (
        f"max-height:{height}px;" if isinstance(height, int) else "")
    label = f' aria-label="{escape(alt.strip())}"' if isinstance(alt, str) and alt.strip() else ""
    html = f'<div class="{classes}" style="{style}"{label}>{body}</div>'
    return show("table", {"value": html}, make=lambda props: widgets.html(props["value"]))


def _html(frame: Any, hide_index: bool, hide_header: bool) -> str:
    index = [] if hide_index else list(range(frame.index.nlevels))
    rows = []
    if not hide_header:
        names = [] if hide_index else ["" if n is None else str(n) for n in frame.index.names]
        heads = [f"<th>{_cell_text(name)}</th>" for name in names]
        heads += [f'<th scope="col">{_cell_text(_label(column))}</th>' for column in frame.columns]
        rows.append(f"<thead><tr>{''.join(heads)}</tr></thead>")
    body = []
    labels = frame.index.tolist()
    for position, values in enumerate(frame.itertuples(index=False, name=None)):
        label = labels[position] if isinstance(labels[position], tuple) else (labels[position],)
        cells = [f'<th scope="row">{_cell(label[level])[1]}</th>' for level in index]
        for value in values:
            kind, text = _cell(value)
            cells.append(f'<td class="{kind}">{text}</td>' if kind else f"<td>{text}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    rows.append(f"<tbody>{''.join(body)}</tbody>")
    return f'<table class="jr-table">{"".join(rows)}</table>'


def _label(column: Any) -> str:
    return " / ".join(map(str, column)) if isinstance(column, tuple) else str(column)


def _cell(value: Any) -> tuple[str, str]:
    """(class, HTML) of one value: numbers right-aligned, missing values as None."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pandas().NaT:
        return "jr-table-missing", "None"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "", str(bool(value))
    if isinstance(value, (int, float)) or type(value).__module__ == "numpy":
        return "jr-table-num", escape(_number(value))
    return "", _cell_text(value)


def _number(value: Any) -> str:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if math.isfinite(value) else str(value)
    return str(value)


def _cell_text(value: Any) -> str:
    return to_html(value, inline=True) if isinstance(value, str) else escape(str(value))


def _styled(styler: Any, hide_index: bool, hide_header: bool) -> str:
    """A Styler's own HTML (its styles scoped to its table's id), on a copy of it."""
    styler = copy.deepcopy(styler)
    if hide_index:
        styler.hide(axis="index")
    if hide_header:
        styler.hide(axis="columns")
    return styler.to_html(table_attributes='class="jr-table"')
