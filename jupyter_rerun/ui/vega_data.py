"""Chart data: anything table-like to a pandas frame, and a frame to column buffers.

A dataset travels to the front end as one buffer per column, never as JSON of every row:

    {"rows": n, "digest": hex, "columns": [{"name": str, "kind": kind, "values": bytes, ...}]}

kinds: "number" (float64, NaN for missing), "time" (float64 milliseconds since the epoch,
UTC; NaN for missing), "wall-time" (the same for times without a timezone: the front end
shows them as written, whatever the browser's timezone, as Streamlit does), "boolean" (uint8:
0, 1, 2 for missing), "text" (int32 codes into labels, -1 for missing; the labels utf-8 in
"labels" with int32 "offsets").
The digest covers every byte, so an unchanged dataset is never sent again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..caching.hashing import digest
from ..errors import ElementError

Dataset = dict[str, Any]


def to_frame(data: Any, copy: bool = True) -> Any:
    """A pandas DataFrame of `data` (pandas, polars, pyarrow, numpy, dicts, lists, ...), as
    Streamlit's charts accept; None is an empty frame."""
    import numpy as np
    import pandas as pd

    if data is None:
        return pd.DataFrame()
    if isinstance(data, pd.DataFrame):
        return data.copy() if copy else data
    if isinstance(data, (pd.Series, pd.Index)):
        return pd.DataFrame(data)
    if type(data).__name__ == "Styler" and isinstance(getattr(data, "data", None), pd.DataFrame):
        return data.data.copy()
    if isinstance(data, np.ndarray):
        return pd.DataFrame() if data.ndim == 0 else _value_column(pd.DataFrame(data))
    for method in ("to_pandas", "toPandas", "df"):
        if callable(getattr(data, method, None)) and not isinstance(data, (Mapping, list, tuple)):
            frame = getattr(data, method)()
            return frame.to_frame() if isinstance(frame, pd.Series) else pd.DataFrame(frame)
    if callable(getattr(data, "__dataframe__", None)):
        return pd.api.interchange.from_dataframe(data)
    return _from_python(data)


def _from_python(data: Any) -> Any:
    import pandas as pd

    try:
        return _value_column(pd.DataFrame(data))
    except (ValueError, TypeError) as error:
        if isinstance(data, Mapping):  # a dict of scalars: one row per key
            return pd.DataFrame.from_dict(dict(data), orient="index")
        raise ElementError(f"cannot draw a chart of a {type(data).__name__}: pass a "
                           f"DataFrame, a dict of columns or a list of rows ({error})") from None


def _value_column(frame: Any) -> Any:
    """A lone unnamed column (pandas calls it 0) is named "value", as in Streamlit."""
    if len(frame.columns) == 1 and frame.columns[0] == 0:
        return frame.rename(columns={0: "value"})
    return frame


def encode(frame: Any) -> Dataset:
    """The dataset of `frame`'s columns (its index is not sent: charts reset it first)."""
    columns = [_column(str(name), frame.iloc[:, i]) for i, name in enumerate(frame.columns)]
    parts = [(c["name"], c["kind"], c["values"], c.get("labels", b""), c.get("offsets", b""))
             for c in columns]
    return {"rows": len(frame), "digest": digest((len(frame), parts)).hex(), "columns": columns}


def _column(name: str, series: Any) -> dict[str, Any]:
    import numpy as np
    import pandas as pd

    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        flags = series.astype("boolean")
        values = np.where(flags.isna().to_numpy(), 2, flags.fillna(False).to_numpy(dtype=bool))
        return {"name": name, "kind": "boolean", "values": values.astype("u1").tobytes()}
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_complex_dtype(dtype):
        return {"name": name, "kind": "number", "values": _floats(series.astype("float64"))}
    if pd.api.types.is_timedelta64_dtype(dtype):
        return {"name": name, "kind": "number", "values": _floats(series.dt.total_seconds() * 1000)}
    times = _as_times(series)
    if times is not None:
        milliseconds, zoned = times
        return {"name": name, "kind": "time" if zoned else "wall-time", "values": _floats(milliseconds)}
    return _text(name, series)


def _floats(series: Any) -> bytes:
    import numpy as np

    return np.ascontiguousarray(series.to_numpy(dtype="float64", na_value=np.nan), dtype="<f8").tobytes()


def _as_times(series: Any) -> tuple[Any, bool] | None:
    """(milliseconds since the epoch, whether the times had a timezone) of a datetime
    column, or of an object column of dates and datetimes; None for anything else."""
    import pandas as pd

    if isinstance(series.dtype, pd.PeriodDtype):
        series = series.dt.to_timestamp()
    elif not pd.api.types.is_datetime64_any_dtype(series.dtype):
        first = series.dropna().iloc[:1]
        if series.dtype != object or first.empty or not isinstance(first.iloc[0], dt.date):
            return None
        try:
            series = pd.to_datetime(series)
        except (ValueError, TypeError):
            return None
    zoned = getattr(series.dt, "tz", None) is not None
    if zoned:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    nanos = series.astype("datetime64[ns]").to_numpy().view("int64").astype("float64")
    return pd.Series(nanos / 1e6).where(series.notna().to_numpy()), zoned


def _text(name: str, series: Any) -> dict[str, Any]:
    """Strings (and anything else, as its str()) as codes into a table of labels."""
    import numpy as np
    import pandas as pd

    missing = series.isna().to_numpy()
    try:
        codes, labels = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # unhashable values (lists, dicts): by their text
        codes, labels = pd.factorize(series.astype(str).where(~missing), use_na_sentinel=True)
    encoded = [str(label).encode("utf-8") for label in labels]
    offsets = np.cumsum([0, *map(len, encoded)], dtype="<i4")
    codes = np.where(missing, -1, codes).astype("<i4")
    return {"name": name, "kind": "text", "values": codes.tobytes(),
            "labels": b"".join(encoded), "offsets": offsets.tobytes()}


def thin(frame: Any, x: str, y: str, series: str | None, buckets: int) -> Any:
    """Keep, for each line (`series`) and each of `buckets` equal slices of the x range,
    the rows with the smallest and the largest y, plus each line's first and last row: a
    line drawn through them looks the same at any width below `buckets` pixels."""
    import numpy as np
    import pandas as pd

    xs, ys = _numbers(frame[x]), _numbers(frame[y])
    if xs is None or ys is None or np.isnan(xs).all():
        return frame  # categories along x, or text values: nothing to thin by
    low, high = np.nanmin(xs), np.nanmax(xs)
    span = (high - low) or 1.0
    slot = np.clip(np.nan_to_num((xs - low) / span * buckets).astype("int64"), 0, buckets - 1)
    keys = pd.DataFrame({"slot": slot, "y": ys})
    if series is not None:
        keys["line"] = pd.factorize(frame[series])[0]
    grouped = keys.dropna(subset=["y"]).groupby(["line", "slot"] if series else ["slot"])["y"]
    keep = np.unique(np.concatenate([grouped.idxmin().to_numpy(), grouped.idxmax().to_numpy(),
                                     _ends(keys, series)]))
    return frame.iloc[np.sort(keep)]


def _numbers(series: Any) -> Any:
    """Float positions of a numeric or datetime column, or None."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return series.to_numpy().astype("datetime64[ns]").view("int64").astype("float64")
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        return series.to_numpy(dtype="float64", na_value=np.nan)
    return None


def _ends(keys: Any, series: str | None) -> Any:
    import numpy as np

    if series is None:
        return np.array([0, len(keys) - 1])
    positions = keys.reset_index(drop=True).groupby("line").indices.values()
    return np.concatenate([[p[0], p[-1]] for p in positions])
