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
from dataclasses import dataclass
from typing import Any

from ..caching.hashing import digest
from ..errors import ElementError
from ..rerun.context import current_run
from ..session import same_value, session_state
from ..widgets.grid import Grid
from . import column_config  # noqa: F401  (jr.column_config)
from .column_specs import Layout, column_specs, disabled_names, mapping
from .data_arguments import editable_frame, grid_options, order, reaction
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
from .tabular import pandas, to_frame

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
    callback = reaction(element, "on_select", on_select, ("ignore", "rerun"))
    selecting = on_select != "ignore"
    modes = selection_modes(selection_mode) if selecting else frozenset()
    if selection_default is not None and not selecting:
        raise ElementError("jr.dataframe(selection_default=...) needs selections on: pass "
                           "on_select='rerun' or a callback")
    frame, form = to_frame(data, element)
    if hide_index is None and modes & ROW_MODES and isinstance(frame.index, pandas().RangeIndex):
        hide_index = True  # Streamlit hides a selectable range index
    options = grid_options(element, width, height, use_container_width, row_height, placeholder, alt,
                       selection=front_modes(modes) if selecting else None,
                       sortable=not modes & COLUMN_MODES)
    grid = _build(data, frame, mapping(element, column_config), options, Layout(
        form=form, hide_index=hide_index, column_order=order(column_order)))
    grid.props["modes"] = sorted(modes)
    if not selecting:
        return _draw("dataframe", grid, key=key)
    return _selectable(grid, key, modes, callback, selection_default)


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
    callback = reaction(element, "on_change", on_change, ("rerun", "ignore"))
    if num_rows not in _NUM_ROWS:
        raise ElementError(f"jr.data_editor(num_rows={num_rows!r}): use one of "
                           f"{', '.join(map(repr, _NUM_ROWS))}")
    frame, form = editable_frame(data)
    range_index = isinstance(frame.index, pandas().RangeIndex)
    if hide_index is None and range_index and num_rows in ("dynamic", "add"):
        hide_index = True  # Streamlit's: a new row's range index value is not the user's to give
    configs = mapping(element, column_config)
    if not range_index:
        configs.setdefault(INDEX, {})["required"] = True
    options = grid_options(element, width, height, use_container_width, row_height, placeholder, alt,
                       selection=None, sortable=num_rows in ("fixed", "delete"),
                       editor={"num_rows": num_rows})
    grid = _build(data, frame, configs, options, Layout(
        form=form, hide_index=hide_index, column_order=order(column_order), editor=True,
        disabled=disabled_names(disabled), range_index=range_index))
    state = _editing(grid, key, num_rows, on_change, callback, args, kwargs)
    kinds = {column.name: column.data_kind for column in grid.source.columns}
    return _result(apply_edits(frame, state, kinds), form)


# -- the grid element, over the one element mechanism ----------------------------------------
@dataclass
class _Grid:
    """What one grid shows: its data, columns and settings, and the props they make."""

    source: Source
    specs: list[dict]
    options: dict
    extras: list[int]  # where a Styler's text and CSS columns are in the source
    props: dict


def _build(data: Any, frame: Any, configs: dict, options: dict, layout: Layout) -> _Grid:
    extra, places = styled(data, frame)
    source = Source.of(frame, extra)
    specs = column_specs(source, configs, layout)
    attach(specs, places, source.index_count, editable_too=not layout.editor)
    extras = list(range(len(source.columns) - len(extra), len(source.columns)))
    return _Grid(source, specs, options, extras,
                 {"data": source.fingerprint, "columns": specs, "options": options})


def _selectable(grid: _Grid, key: Any, modes: frozenset[str], callback: Any,
                selection_default: Any) -> DataframeState:
    """Draw a dataframe whose selection is input; return this run's selection."""
    columns = [column.name for column in grid.source.columns[grid.source.index_count:]]

    def state_of(value: Any) -> DataframeState:
        return selection_state(value, modes, grid.source.nrows, columns)

    def restarts(previous: dict) -> bool:
        return previous["modes"] != grid.props["modes"] or (
            key is None and not _same(previous, grid.props))

    first = session_state[str(key)] if key is not None and str(key) in session_state else selection_default
    handle = _draw("dataframe", grid, key=key, events=("selection",),
                   read=lambda model: state_of(model.selection), on_change=callback,
                   initial={"selection": as_json(state_of(first))},
                   reset=lambda previous: {"selection": as_json(state_of(None))} if restarts(previous) else {})
    return _selection(handle, key, state_of, restarts)


def _editing(grid: _Grid, key: Any, num_rows: str, on_change: Any, callback: Any, args: Any,
             kwargs: Any) -> DataEditorState:
    """Draw a data editor; return this run's edits. Edits of columns the user may not
    edit are dropped (the front end is not trusted)."""
    shape = [(spec["id"], spec["kind"], spec["editable"]) for spec in grid.specs]
    grid.props["shape"] = digest((shape, grid.source.index_fingerprint))
    names = {spec["id"] for spec in grid.specs if spec["editable"]}
    nrows = grid.source.nrows

    def restarts(previous: dict) -> bool:
        if key is not None and num_rows == "fixed":
            return previous["shape"] != grid.props["shape"] or previous["options"] != grid.props["options"]
        return not _same(previous, grid.props)

    handle = _draw("data_editor", grid, key=key, events=() if on_change == "ignore" else ("edits",),
                   read=lambda model: edits_of(model.edits, nrows, names),
                   on_change=callback, args=args, kwargs=kwargs,
                   reset=lambda previous: {"edits": {}} if restarts(previous) else {})
    return _edits(handle, key, nrows, names, restarts)


def _draw(kind: str, grid: _Grid, *, key: Any, events: tuple[str, ...] = (), read: Any = None,
          on_change: Any = None, args: Any = None, kwargs: Any = None,
          initial: dict | None = None, reset: Callable[[dict], dict] | None = None) -> Handle:
    """Show a grid: a new model, or the one drawn before, updated in one message."""
    def make(_props: Any) -> Grid:
        model = Grid(grid.source, grid.specs, grid.options, grid.extras, **(initial or {}))
        model.drawn = grid.props
        return model

    def update(model: Grid, _props: Any, _previous: Any) -> None:
        previous, model.drawn = model.drawn, grid.props
        model.redraw(grid.source, grid.specs, grid.options, grid.extras,
                     reset=reset(previous) if reset else None)

    if events and (run := current_run()) is not None:
        run.drew_widget(kind)
    return show(kind, grid.props, make, update, key=key, events=events, read=read,
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


def _same(previous: dict, props: dict) -> bool:
    from .element import same_props

    return same_props(previous, props)


def _result(frame: Any, form: str) -> Any:
    from .tabular import from_frame

    return from_frame(frame, form)
