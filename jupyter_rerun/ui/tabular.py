"""Whatever Streamlit's data elements accept, as a pandas DataFrame, and back again.

    frame, form = to_frame(data, "jr.dataframe")   # pandas, polars, pyarrow, numpy, lists, dicts
    from_frame(edited, form)                        # data_editor's result, in the input's type

`form` names the input's shape ("pandas", "polars", "records", "columns", ...): it decides
whether the index is shown by default (Streamlit hides the index pandas adds to a list or a
dict, which has none of its own) and what `data_editor` returns. A value that is not
tabular (a number, a string, an object) is a one-line ElementError naming what to pass.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ..errors import ElementError

PANDAS_HINT = "pip install pandas pyarrow"

# Forms without an index of their own: the RangeIndex pandas gives them is hidden.
NO_INDEX = frozenset({"values", "tuple", "set", "numpy_list", "numpy_matrix", "records", "rows",
                      "columns", "pandas_array", "pandas_index", "polars", "polars_series",
                      "polars_lazy", "arrow_table", "arrow_array"})


def pandas() -> Any:
    """pandas, or a one-line error with the install command."""
    try:
        import pandas
    except ImportError:
        raise ElementError(f"Streamlit's data elements need pandas: {PANDAS_HINT}") from None
    return pandas


def is_styler(data: Any) -> bool:
    return type(data).__name__ == "Styler" and type(data).__module__.startswith("pandas")


def form_of(data: Any) -> str:
    """The shape of `data`, one of the names in this module's docstring (or "unknown")."""
    pd = pandas()
    module = type(data).__module__.split(".")[0]
    name = type(data).__name__
    if data is None:
        return "empty"
    if isinstance(data, pd.DataFrame):
        return "pandas"
    if isinstance(data, pd.Series):
        return "series"
    if isinstance(data, pd.Index):
        return "pandas_index"
    if is_styler(data):
        return "styler"
    if isinstance(data, pd.api.extensions.ExtensionArray):
        return "pandas_array"
    if module == "numpy" and name == "ndarray":
        return "numpy_list" if data.ndim == 1 else "numpy_matrix"
    if module == "pyarrow":
        return {"Table": "arrow_table", "ChunkedArray": "arrow_array"}.get(
            name, "arrow_array" if hasattr(data, "to_pylist") and hasattr(data, "type") else "unknown")
    if module == "polars":
        return {"DataFrame": "polars", "Series": "polars_series", "LazyFrame": "polars_lazy"}.get(
            name, "unknown")
    return _python_form(data)


def _python_form(data: Any) -> str:
    if isinstance(data, (list, tuple, set, frozenset)):
        first = next(iter(data), None)
        if isinstance(first, Mapping):
            return "records"
        if isinstance(first, (list, tuple, set, frozenset)):
            return "rows"
        return {tuple: "tuple", set: "set", frozenset: "set"}.get(type(data), "values")
    if isinstance(data, Mapping):
        first = next(iter(data.values()), None)
        if isinstance(first, Mapping):
            return "column_dicts"
        if isinstance(first, (list, tuple)) or type(first).__name__ in ("ndarray", "Series"):
            return "columns"
        return "key_value"
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return "key_value"
    if isinstance(data, tuple) and hasattr(data, "_asdict"):
        return "key_value"
    return "unknown"


def to_frame(data: Any, element: str, *, copy: bool = False) -> tuple[Any, str]:
    """`data` as a pandas DataFrame (not copied unless `copy`) and its form."""
    pd = pandas()
    form = form_of(data)
    if form == "unknown":
        frame = _convertible(data, element)
    elif form == "empty":
        frame = pd.DataFrame()
    elif form == "pandas":
        frame = data.copy() if copy else data
    elif form == "styler":
        frame = data.data.copy() if copy else data.data
    elif form in ("series", "pandas_index", "pandas_array"):
        frame = pd.DataFrame(data)
    elif form in ("numpy_list", "numpy_matrix"):
        frame = _named(pd.DataFrame(data)) if data.ndim else pd.DataFrame()
    elif form == "arrow_table":
        frame = data.to_pandas()
    elif form == "arrow_array":
        frame = _named(pd.DataFrame(data.to_pandas()))
    elif form == "polars":
        frame = data.to_pandas()
    elif form == "polars_series":
        frame = data.to_pandas().to_frame()
    elif form == "polars_lazy":
        frame = data.collect().to_pandas()
    elif form == "key_value":
        frame = _key_value(data)
    else:
        frame = _convertible(data, element)
    if not isinstance(frame, pd.DataFrame):
        raise _not_tabular(data, element)
    return frame, form


def _key_value(data: Any) -> Any:
    """{key: value} (or a dataclass, a named tuple): one row per key, column "value"."""
    pd = pandas()
    if dataclasses.is_dataclass(data):
        data = dataclasses.asdict(data)
    elif hasattr(data, "_asdict"):
        data = data._asdict()
    return _named(pd.DataFrame.from_dict(dict(data), orient="index"))


def _convertible(data: Any, element: str) -> Any:
    """Other objects, as Streamlit tries them: `.to_pandas()`, the Arrow stream protocol,
    then the DataFrame constructor (lists, dicts, iterables)."""
    pd = pandas()
    if isinstance(data, (str, bytes, int, float, complex, bool)) or data is Ellipsis:
        raise _not_tabular(data, element)
    if callable(getattr(data, "to_pandas", None)):
        return pd.DataFrame(data.to_pandas())
    if callable(getattr(data, "__arrow_c_stream__", None)):
        import pyarrow

        return pyarrow.RecordBatchReader.from_stream(data).read_all().to_pandas()
    try:
        return _named(pd.DataFrame(data))
    except (ValueError, TypeError):
        if isinstance(data, Mapping):
            return _key_value(data)
        raise _not_tabular(data, element) from None


def _named(frame: Any) -> Any:
    """A frame pandas made from values alone: its one column 0 is called "value"."""
    if len(frame.columns) == 1 and frame.columns[0] == 0:
        return frame.rename(columns={0: "value"})
    return frame


def _not_tabular(data: Any, element: str) -> ElementError:
    return ElementError(
        f"{element}() cannot show a {type(data).__name__} ({_short(data)}): pass a pandas or "
        "polars DataFrame, a pyarrow Table, a numpy array, a list or a dict, e.g. "
        f"{element}({{'x': [1, 2, 3]}})")


def _short(data: Any) -> str:
    text = repr(data)
    return text if len(text) <= 40 else text[:39] + "…"


def from_frame(frame: Any, form: str) -> Any:
    """An edited frame in the form its input had (data_editor's return value)."""
    if form in ("empty", "pandas", "styler", "pandas_index", "pandas_array", "unknown"):
        return frame
    if form == "numpy_list":
        import numpy

        return numpy.ndarray(0) if frame.empty else frame.iloc[:, 0].to_numpy()
    if form == "numpy_matrix":
        import numpy

        return numpy.ndarray(0) if frame.empty else frame.to_numpy()
    if form in ("series",):
        return _first_column(frame)
    if form in ("arrow_table", "arrow_array"):
        import pyarrow

        return (pyarrow.Table.from_pandas(frame) if form == "arrow_table"
                else pyarrow.Array.from_pandas(_first_column(frame)))
    if form in ("polars", "polars_lazy", "polars_series"):
        import polars

        return polars.from_pandas(_first_column(frame) if form == "polars_series" else frame)
    return _python_value(_nones(frame), form)


def _python_value(frame: Any, form: str) -> Any:
    if form == "records":
        return frame.to_dict(orient="records")
    if form == "rows":
        return frame.to_numpy().tolist()
    if form == "column_dicts":
        return frame.to_dict(orient="dict")
    if form == "columns":
        return frame.to_dict(orient="list")
    if form == "key_value":
        return {} if frame.empty else frame.iloc[:, 0].to_dict()
    values = _first_column(frame).tolist() if len(frame.columns) else []
    return {"tuple": tuple, "set": set}.get(form, list)(values)


def _first_column(frame: Any) -> Any:
    if len(frame.columns) != 1:
        raise ElementError(f"this data has {len(frame.columns)} columns, but its input was "
                           "one column: pass a DataFrame to edit several columns")
    return frame.iloc[:, 0]


def _nones(frame: Any) -> Any:
    """Missing values as None (NaN, NaT and pd.NA are not plain Python values)."""
    pd = pandas()
    return frame.astype(object).where(frame.notna(), None) if len(frame) else frame
