"""The arguments `dataframe` and `data_editor` share, checked as Streamlit checks them:
width, height, row height, `on_select` / `on_change`, and the data an editor can edit."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..errors import ElementError
from .grid_source import INDEX
from .tabular import form_of, pandas, to_frame


def reaction(element: str, name: str, value: Any, modes: tuple[str, ...]) -> Callable[..., Any] | None:
    """`on_select` / `on_change`: one of `modes`, None (= "rerun"), or a callback."""
    if value is None or value in modes:
        return None
    if callable(value):
        return value
    raise ElementError(f"{element}({name}={value!r}): use {' or '.join(map(repr, modes))}, or "
                       "a function to call before the rerun")


def grid_options(element: str, width: Any, height: Any, use_container_width: bool | None,
             row_height: Any, placeholder: Any, alt: Any, **more: Any) -> dict:
    if use_container_width is not None:
        width = "stretch" if use_container_width else width if isinstance(width, int) else "content"
    if not (width in ("stretch", "content") or pixels(width)):
        raise ElementError(f"{element}(width={width!r}): use 'stretch', 'content' or a number "
                           "of pixels")
    if not (height in ("auto", "content", "stretch") or pixels(height)):
        raise ElementError(f"{element}(height={height!r}): use 'auto', 'content', 'stretch' or "
                           "a number of pixels")
    if row_height is not None and not pixels(row_height):
        raise ElementError(f"{element}(row_height={row_height!r}): use a number of pixels")
    alt = alt.strip() if isinstance(alt, str) and alt.strip() else None
    return {"width": width, "height": "auto" if height == "stretch" else height,
            "row_height": row_height, "placeholder": placeholder, "alt": alt, **more}


def pixels(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def order(column_order: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if column_order is None else tuple(str(name) for name in column_order)


def editable_frame(data: Any) -> tuple[Any, str]:
    """`data` as a frame to edit, with the checks and header fixes Streamlit's editor makes:
    names as unique strings, no column called "_index", an index type it can edit."""
    if form_of(data) == "unknown":
        raise ElementError(f"jr.data_editor() cannot edit a {type(data).__name__}: pass a pandas "
                           "or polars DataFrame, a pyarrow Table, a numpy array, a list or a dict")
    frame, form = to_frame(data, "jr.data_editor")
    pd = pandas()
    if type(frame.index) not in (pd.RangeIndex, pd.Index, pd.DatetimeIndex, pd.CategoricalIndex):
        raise ElementError(f"jr.data_editor() cannot edit data with a {type(frame.index).__name__}: "
                           "reset it (data.reset_index()) or use a plain index")
    if isinstance(frame.columns, pd.MultiIndex) or not all(isinstance(c, str) for c in frame.columns):
        frame = frame.set_axis([c if isinstance(c, str) else "_".join(map(str, c)) if isinstance(c, tuple)
                                else str(c) for c in frame.columns], axis=1)
    duplicated = list(frame.columns[frame.columns.duplicated()])
    if duplicated:
        raise ElementError(f"jr.data_editor(): column names must be unique, these repeat: "
                           f"{duplicated}; rename them first")
    if INDEX in frame.columns:
        raise ElementError(f"jr.data_editor(): the column name {INDEX!r} is the index's; rename "
                           "that column")
    return frame, form
