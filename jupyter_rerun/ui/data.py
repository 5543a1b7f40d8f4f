"""Data elements: dataframe, data_editor, table, metric — and `jr.column_config`.

`dataframe` and `data_editor` draw one grid model each (widgets/grid.py): the kernel keeps
the data and the front end asks for the rows it shows, so a 1,000,000-row frame costs its
first rows, not its size. A rerun with the same data sends nothing (the data's
fingerprint is in the props); new data is one message with the first rows.

Identity and the user's state follow Streamlit: without a key, a dataframe's selection and
an editor's edits start over when any argument changes; with a key, a selection survives
new data (not a new `selection_mode`), and a fixed-rows editor's edits survive new values
of the same shape (columns, types, row count, index).

Accepted and not honoured, as they make no sense in a notebook: `lazy` (rows are always
sent as they are needed), `height="stretch"` (the default height is used).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..caching.hashing import digest
from ..errors import ElementError
from ..rerun.context import current_run
from ..session import same_value, session_state
from ..widgets.grid import Grid
from . import column_config  # noqa: F401  (jr.column_config)
from .column_specs import Layout, column_specs, disabled_names, mapping
from .data_editor import apply_edits, edits_of
from .data_state import (
    COLUMN_MODES, ROW_MODES, DataEditorState, DataframeState, as_json, front_modes,
    selection_modes, selection_state,
)
from .data_table import table
from .element import Handle, show
from .grid_source import INDEX, Source
from .metric import metric
from .styler import attach, styled
from .tabular import form_of, pandas, to_frame

__all__ = ["dataframe", "data_editor", "table", "metric"]

_NUM_ROWS = ("fixed", "dynamic", "add", "delete")


def dataframe(data: Any = None, width: Any = "stretch", height: Any = "auto", *,
              use_container_width: bool | None = None, hide_index: bool | None = None,
              column_order: Iterable[str] | None = None, column_config: Any = None,
              key: Any = None, on_select: Any = "ignore",
              selection_mode: str | Iterable[str] = "multi-row", selection_default: Any = None,
              row_height: int | None = None, placeholder: str | None = None,
              lazy: bool | None = None, alt: str | None = None) -> Any:
    """An interactive table: scrolls any number of rows, sorts by a header click (in the
    kernel), and with `on_select="rerun"` (or a callback) returns the user's selection,
    {"selection": {"rows": [...], "columns": [...], "cells": [...]}}."""
    element = "jr.dataframe"
    callback = _reaction(element, "on_select", on_select, ("ignore", "rerun"))
    selecting = on_select != "ignore"
    modes = selection_modes(selection_mode) if selecting else frozenset()
    if selection_default is not None and not selecting:
        raise ElementError("jr.dataframe(selection_default=...) needs selections on: pass "
                           "on_select='rerun' or a callback")
    frame, form = to_frame(data, element)
    extra, places = styled(data, frame)
    source = Source.of(frame, extra)
    if hide_index is None and modes & ROW_MODES and isinstance(frame.index, pandas().RangeIndex):
        hide_index = True  # Streamlit hides a selectable range index
    specs = column_specs(source, mapping(element, column_config), Layout(
        form=form, hide_index=hide_index, column_order=_order(column_order)))
    attach(specs, places, source.index_count, editable_too=True)
    extras = _extras(source, extra)
    options = _options(element, width, height, use_container_width, row_height, placeholder, alt,
                       selection=front_modes(modes) if selecting else None,
                       sortable=not modes & COLUMN_MODES)
    props = {"data": source.fingerprint, "columns": specs, "options": options,
             "modes": sorted(modes)}
    if not selecting:
        return _draw("dataframe", source, specs, options, props, extras, key=key)
    columns = [column.name for column in source.columns[source.index_count:]]

    def state_of(value: Any) -> DataframeState:
        return selection_state(value, modes, source.nrows, columns)

    def restarts(previous: dict) -> bool:
        return previous["modes"] != props["modes"] or (key is None and not _same(previous, props))

    first = session_state[str(key)] if key is not None and str(key) in session_state else selection_default
    handle = _draw("dataframe", source, specs, options, props, extras, key=key, events=("selection",),
                   read=lambda model: state_of(model.selection), on_change=callback,
                   initial={"selection": as_json(state_of(first))},
                   reset=lambda previous: {"selection": as_json(state_of(None))} if restarts(previous) else {})
    return _selection(handle, key, state_of, restarts)


def data_editor(data: Any, *, width: Any = "stretch", height: Any = "auto",
                use_container_width: bool | None = None, hide_index: bool | None = None,
                column_order: Iterable[str] | None = None, column_config: Any = None,
                num_rows: str = "fixed", disabled: bool | Iterable[Any] = False, key: Any = None,
                on_change: Any = "rerun", args: Any = None, kwargs: Any = None,
                row_height: int | None = None, placeholder: str | None = None,
                alt: str | None = None) -> Any:
    """An editable table; returns the edited data in the input's type (a DataFrame, a
    list, a dict, ...). `session_state[key]` holds the edits, {"edited_rows": {...},
    "added_rows": [...], "deleted_rows": [...]}. `num_rows="dynamic"` lets the user add
    and delete rows."""
    element = "jr.data_editor"
    callback = _reaction(element, "on_change", on_change, ("rerun", "ignore"))
    if num_rows not in _NUM_ROWS:
        raise ElementError(f"jr.data_editor(num_rows={num_rows!r}): use one of "
                           f"{', '.join(map(repr, _NUM_ROWS))}")
    if form_of(data) == "unknown":
        raise ElementError(f"jr.data_editor() cannot edit a {type(data).__name__}: pass a pandas "
                           "or polars DataFrame, a pyarrow Table, a numpy array, a list or a dict")
    frame, form = to_frame(data, element)
    frame = _editable_frame(frame)
    extra, places = styled(data, frame)
    range_index = isinstance(frame.index, pandas().RangeIndex)
    if hide_index is None and range_index and num_rows in ("dynamic", "add"):
        hide_index = True  # Streamlit's: a new row's range index value is not the user's to give
    configs = mapping(element, column_config)
    if not range_index:
        configs.setdefault(INDEX, {})["required"] = True
    source = Source.of(frame, extra)
    specs = column_specs(source, configs, Layout(
        form=form, hide_index=hide_index, column_order=_order(column_order), editor=True,
        disabled=disabled_names(disabled), range_index=range_index))
    attach(specs, places, source.index_count, editable_too=False)
    options = _options(element, width, height, use_container_width, row_height, placeholder, alt,
                       selection=None, sortable=num_rows in ("fixed", "delete"),
                       editor={"num_rows": num_rows})
    shape = [(spec["id"], spec["kind"], spec["editable"]) for spec in specs]
    props = {"data": source.fingerprint, "columns": specs, "options": options,
             "shape": digest((shape, source.index_fingerprint))}
    names = {spec["id"] for spec in specs if spec["editable"]}  # edits of other columns are dropped

    def restarts(previous: dict) -> bool:
        if key is not None and num_rows == "fixed":
            return previous["shape"] != props["shape"] or previous["options"] != props["options"]
        return not _same(previous, props)

    handle = _draw("data_editor", source, specs, options, props, _extras(source, extra), key=key,
                   events=() if on_change == "ignore" else ("edits",),
                   read=lambda model: edits_of(model.edits, source.nrows, names),
                   on_change=callback, args=args, kwargs=kwargs, initial={},
                   reset=lambda previous: {"edits": {}} if restarts(previous) else {})
    state = _edits(handle, key, source.nrows, names, restarts)
    kinds = {column.name: column.data_kind for column in source.columns}
    return _result(apply_edits(frame, state, kinds), form)


# -- the grid element, over the one element mechanism ----------------------------------------
def _draw(kind: str, source: Source, specs: list[dict], options: dict, props: dict,
          extras: list[int], *, key: Any, events: tuple[str, ...] = (), read: Any = None,
          on_change: Any = None, args: Any = None, kwargs: Any = None,
          initial: dict | None = None, reset: Callable[[dict], dict] | None = None) -> Handle:
    """Show a grid: a new model, or the one drawn before, updated in one message."""
    def make(_props: Any) -> Grid:
        model = Grid(source, specs, options, extras, **(initial or {}))
        model.drawn = props
        return model

    def update(model: Grid, _props: Any, _previous: Any) -> None:
        previous, model.drawn = model.drawn, props
        model.redraw(source, specs, options, extras, reset=reset(previous) if reset else None)

    if events and (run := current_run()) is not None:
        run.drew_widget(kind)
    return show(kind, props, make, update, key=key, events=events, read=read,
                on_change=on_change, args=args, kwargs=kwargs)


def _selection(handle: Handle, key: Any, state_of: Callable[[Any], DataframeState],
               restarts: Callable[[dict], bool]) -> DataframeState:
    """This run's selection: the user's, one that code put in session_state[key], or none
    if the dataframe starts over; kept in step with session_state[key]."""
    element = handle.element
    model = element.model
    name = None if key is None else str(key)
    if restarts(model.drawn):
        state = state_of(None)  # the update about to be sent clears it in the front end
    elif name is not None and name in session_state and element.synced is not None and not \
            same_value(session_state[name], element.synced):
        state = state_of(session_state[name])  # set by code: the grid shows it
        _set_from_kernel(model, "selection", as_json(state))
    else:
        state = state_of(model.selection)
    _keep_in_state(element, name, state)
    return state


def _edits(handle: Handle, key: Any, nrows: int, names: set[str],
           restarts: Callable[[dict], bool]) -> DataEditorState:
    element = handle.element
    model = element.model
    if restarts(model.drawn):
        state = edits_of({}, nrows, names)
    else:
        state = edits_of(model.edits, nrows, names)
    _keep_in_state(element, None if key is None else str(key), state)
    return state


def _keep_in_state(element: Any, name: str | None, state: Any) -> None:
    """session_state[key] holds the element's state (a copy of its own, as for widgets)."""
    element.synced = state
    if name is None:
        return
    if name not in session_state or not same_value(session_state[name], state):
        session_state[name] = type(state)(state)
    run = current_run()
    if run is not None:
        run.locked_keys.add(name)


def _set_from_kernel(model: Grid, trait: str, value: dict) -> None:
    from .. import widgets

    if getattr(model, trait) != value:
        with widgets.from_kernel(model):
            setattr(model, trait, value)


def _extras(source: Source, extra: list) -> list[int]:
    """Where the extra (Styler) columns are in the source: after the data's."""
    return list(range(len(source.columns) - len(extra), len(source.columns)))


def _same(previous: dict, props: dict) -> bool:
    from .element import same_props

    return same_props(previous, props)


# -- arguments --------------------------------------------------------------------------------
def _reaction(element: str, name: str, value: Any, modes: tuple[str, ...]) -> Callable[..., Any] | None:
    """`on_select` / `on_change`: one of `modes`, None (= "rerun"), or a callback."""
    if value is None or value in modes:
        return None
    if callable(value):
        return value
    raise ElementError(f"{element}({name}={value!r}): use {' or '.join(map(repr, modes))}, or "
                       "a function to call before the rerun")


def _options(element: str, width: Any, height: Any, use_container_width: bool | None,
             row_height: Any, placeholder: Any, alt: Any, **more: Any) -> dict:
    if use_container_width is not None:
        width = "stretch" if use_container_width else width if isinstance(width, int) else "content"
    if not (width in ("stretch", "content") or _pixels(width)):
        raise ElementError(f"{element}(width={width!r}): use 'stretch', 'content' or a number "
                           "of pixels")
    if not (height in ("auto", "content", "stretch") or _pixels(height)):
        raise ElementError(f"{element}(height={height!r}): use 'auto', 'content', 'stretch' or "
                           "a number of pixels")
    if row_height is not None and not _pixels(row_height):
        raise ElementError(f"{element}(row_height={row_height!r}): use a number of pixels")
    alt = alt.strip() if isinstance(alt, str) and alt.strip() else None
    return {"width": width, "height": "auto" if height == "stretch" else height,
            "row_height": row_height, "placeholder": placeholder, "alt": alt, **more}


def _pixels(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _order(column_order: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if column_order is None else tuple(str(name) for name in column_order)


def _editable_frame(frame: Any) -> Any:
    """The checks and header fixes Streamlit's editor makes: names as unique strings, no
    column called "_index", an index type it can edit."""
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
    return frame


def _result(frame: Any, form: str) -> Any:
    from .tabular import from_frame

    return from_frame(frame, form)
