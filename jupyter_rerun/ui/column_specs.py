"""What the grid's front end is told about each column it shows: label, column type,
width, format, options, whether the user may edit it — from the data and `column_config`,
as Streamlit decides them.

    specs = column_specs(source, mapping("jr.dataframe", column_config), Layout(...))

Columns are found in `column_config` by name, by position (0 is the first index column) or,
for the index, as "_index". A column type the data cannot be edited as is a one-line error
naming the three fixes Streamlit names.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ElementError
from .column_config import ButtonColumnResult
from .grid_columns import CategoryColumn
from .grid_source import INDEX, Source

WIDTHS = {"small": 75, "medium": 200, "large": 400}

_DEFAULT_TYPE = {"integer": "number", "float": "number", "decimal": "number",
                 "timedelta": "number", "boolean": "checkbox", "string": "text", "date": "date",
                 "time": "time", "datetime": "datetime", "list": "list", "dict": "json"}
_SHOWN_ONLY = {"line_chart", "bar_chart", "area_chart", "image", "progress", "json", "audio",
               "video", "button"}
_EDITABLE_KINDS = {"integer", "float", "decimal", "timedelta", "boolean", "string", "date",
                   "time", "datetime", "list", "empty"}
# which data kinds each editable column type can write (Streamlit's compatibility table)
_COMPATIBLE = {
    "text": {"string", "empty"}, "link": {"string", "empty"}, "markdown": {"string", "empty"},
    "number": {"integer", "float", "decimal", "string", "timedelta", "empty"},
    "checkbox": {"boolean", "string", "integer", "empty"},
    "selectbox": {"string", "boolean", "integer", "float", "empty"},
    "date": {"date", "datetime", "empty"}, "time": {"time", "datetime", "empty"},
    "datetime": {"datetime", "date", "time", "empty"},
    "list": {"list", "string", "empty"}, "multiselect": {"list", "string", "empty"},
}


@dataclass(frozen=True)
class Layout:
    """The element's arguments that decide which columns show, and how."""

    form: str = "pandas"  # tabular.form_of(data): some forms hide the index by default
    hide_index: bool | None = None
    column_order: tuple[str, ...] | None = None
    editor: bool = False
    disabled: Any = False  # True, or names/positions of columns the user may not edit
    range_index: bool = True
    extra: dict = field(default_factory=dict)


def mapping(element: str, column_config: Mapping[Any, Any] | None) -> dict[Any, dict]:
    """`column_config` as {column: config dict}: None hides a column, a string labels it."""
    if column_config is None:
        return {}
    if not isinstance(column_config, Mapping):
        raise ElementError(f"{element}(column_config=...) takes a dict of column name -> "
                           f"column type, label or None, got {type(column_config).__name__}")
    result = {}
    for column, config in column_config.items():
        if config is None:
            result[column] = {"hidden": True}
        elif isinstance(config, str):
            result[column] = {"label": config}
        elif isinstance(config, ButtonColumnResult):
            result[column] = copy.deepcopy(config.config)
        elif isinstance(config, Mapping):
            result[column] = copy.deepcopy(dict(config))
        else:
            raise ElementError(f"{element}(column_config=...): the configuration of column "
                               f"{column!r} is a {type(config).__name__}; use a "
                               "jr.column_config type, a label string or None")
    return result


def column_specs(source: Source, configs: Mapping[Any, dict], layout: Layout) -> list[dict]:
    """The shown columns, in order (index and pinned columns first), as the front end
    draws them."""
    names = [column.name for column in source.columns]
    index_hidden = _index_hidden(configs, layout)
    shown = [] if index_hidden else list(range(source.index_count))
    data = range(source.index_count, len(names))
    if layout.column_order is not None:
        by_name = {names[i]: i for i in data}
        shown += [by_name[name] for name in layout.column_order if name in by_name]
    else:
        shown += list(data)
    specs = [spec for spec in (_spec(source, i, configs, layout) for i in shown) if spec]
    return sorted(specs, key=lambda spec: not spec["pinned"])


def _index_hidden(configs: Mapping[Any, dict], layout: Layout) -> bool:
    from .tabular import NO_INDEX

    if layout.hide_index is not None:
        return bool(layout.hide_index)
    hidden = configs.get(INDEX, {}).get("hidden")
    return bool(hidden) if hidden is not None else layout.form in NO_INDEX


def _config_of(source: Source, position: int, configs: Mapping[Any, dict]) -> dict:
    name = source.columns[position].name
    key = INDEX if position < source.index_count else name
    found: dict = {}
    for candidate in (position, key):
        if candidate in configs:
            found.update({k: v for k, v in configs[candidate].items() if v is not None})
    return found


def _spec(source: Source, position: int, configs: Mapping[Any, dict], layout: Layout) -> dict | None:
    column = source.columns[position]
    config = _config_of(source, position, configs)
    is_index = position < source.index_count
    if config.get("hidden") and not is_index:
        return None
    type_config = dict(config.get("type_config") or {})
    kind = type_config.pop("type", None) or _default_type(column)
    options = _options(type_config.pop("options", None), column)
    if kind == "number" and column.data_kind == "timedelta" and not type_config.get("format"):
        type_config["format"] = "duration"
    width = config.get("width")
    return {"id": INDEX if is_index else column.name, "source": position, "type": kind,
            "wire": column.wire, "kind": column.data_kind, "index": is_index,
            "label": str(config.get("label", _label(source, position))),
            "width": WIDTHS.get(width, width), "chars": None if width else column.widest(),
            "help": config.get("help"),
            "pinned": bool(config.get("pinned", is_index)), "alignment": config.get("alignment"),
            "editable": _editable(column, position, kind, config, layout, is_index),
            "required": bool(config.get("required", False)), "default": config.get("default"),
            "options": options, "config": {k: v for k, v in type_config.items() if v is not None}}


def _label(source: Source, position: int) -> str:
    if position < source.index_count:
        return source.index_names[position]
    return source.columns[position].name


def _default_type(column: Any) -> str:
    if isinstance(column, CategoryColumn):
        return "selectbox"
    return _DEFAULT_TYPE.get(column.data_kind, "text")


def _options(options: Any, column: Any) -> list[dict] | None:
    """Selectbox and multiselect options as [{value, label?, color?}]."""
    if options is None and isinstance(column, CategoryColumn):
        options = [label.decode() for label in column.labels]
    if options is None:
        return None
    return [dict(option) if isinstance(option, Mapping) else {"value": option} for option in options]


def _editable(column: Any, position: int, kind: str, config: dict, layout: Layout,
              is_index: bool) -> bool:
    if not layout.editor or layout.disabled is True or config.get("disabled"):
        return False
    if is_index and layout.range_index:
        return False
    disabled = () if layout.disabled is False else layout.disabled
    if (INDEX if is_index else column.name) in disabled or position in disabled:
        return False
    if kind in _SHOWN_ONLY or column.data_kind not in _EDITABLE_KINDS:
        return False
    if kind in _COMPATIBLE and column.data_kind not in _COMPATIBLE[kind]:
        raise ElementError(
            f"jr.data_editor(): the {kind} column {column.name!r} cannot edit its "
            f"{column.data_kind} data: choose a compatible column type, disable the column "
            f"(disabled=[{column.name!r}]) or convert its data")
    return True


def disabled_names(disabled: bool | Iterable[Any]) -> Any:
    """`disabled=` as True/False or a tuple of names and positions."""
    return disabled if isinstance(disabled, bool) else tuple(disabled)
