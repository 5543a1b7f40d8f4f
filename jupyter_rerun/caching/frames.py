"""Content digests of pandas objects: every value, dtypes, index and column names.

Numeric, boolean and datetime columns are hashed over their raw bytes; string columns
through pandas' vectorised (fixed-key, so deterministic) per-element hash; columns of
arbitrary objects (lists, dicts, mixed types) element by element with type tags. Nothing
is sampled: a one-cell edit changes the digest.
"""

from __future__ import annotations

from typing import Any

_SMALL = 256


def write(w: Any, value: Any) -> bool:
    """Write `value` to the hashing writer `w` if it is a pandas object; say whether it was."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        w.tag(b"pD")
        _index(w, value.columns)
        _index(w, value.index)
        for _label, column in value.items():  # by position: labels may repeat
            _array(w, column.array)
    elif isinstance(value, pd.Series):
        w.tag(b"pS")
        w.write(value.name)
        _index(w, value.index)
        _array(w, value.array)
    elif isinstance(value, pd.Index):
        _index(w, value)
    elif isinstance(value, pd.Categorical):
        _array(w, value)
    elif isinstance(value, (pd.Timestamp, pd.Timedelta, pd.Period)):
        w.tag(b"pT")
        w.text(type(value).__name__)
        w.text(value.isoformat() if hasattr(value, "isoformat") else str(value))
        w.text(str(getattr(value, "tz", None)))
    elif value is pd.NaT or value is pd.NA:
        w.tag(b"pN")
        w.text(repr(value))
    else:
        return False
    return True


def _index(w: Any, index: Any) -> None:
    import pandas as pd

    w.tag(b"pI")
    w.text(type(index).__name__)
    w.write(list(index.names))
    if isinstance(index, pd.RangeIndex):
        w.sequence(b"T", (index.start, index.stop, index.step))
    elif isinstance(index, pd.MultiIndex):
        w.sequence(b"T", (index.levels[i] for i in range(index.nlevels)))
        for codes in index.codes:
            w.write(codes)
    else:
        _array(w, index.array)


def _array(w: Any, array: Any) -> None:
    """An ExtensionArray (what `Series.array` gives) or a numpy array."""
    import numpy as np
    import pandas as pd

    dtype = array.dtype
    w.tag(b"pA")
    w.text(str(dtype))
    if isinstance(dtype, pd.CategoricalDtype):
        w.write(np.asarray(array.codes))
        _index(w, dtype.categories)
        w.write(bool(dtype.ordered))
        return
    plain = isinstance(array, (np.ndarray, pd.arrays.NumpyExtensionArray))
    numpy_dtype = dtype if isinstance(dtype, np.dtype) else getattr(dtype, "numpy_dtype", None)
    if plain and isinstance(numpy_dtype, np.dtype) and not numpy_dtype.hasobject:
        w.write(np.asarray(array))  # a view of the column's bytes: no copy
        return
    if isinstance(dtype, pd.DatetimeTZDtype):
        w.write(np.asarray(array.asi8))
        return
    if isinstance(numpy_dtype, np.dtype) and numpy_dtype.kind in "mM":
        # pandas' DatetimeArray and TimedeltaArray: their raw datetime64 bytes (NaT is a
        # value of its own there), not one Timestamp object per element (9 s per 1e6 rows)
        w.write(np.asarray(array, dtype=numpy_dtype))
        return
    if len(array) <= _SMALL:  # a few labels: element by element is cheaper than pandas' hashing
        w.sequence(b"pa", array.tolist() if hasattr(array, "tolist") else list(array))
        return
    missing = np.asarray(pd.isna(array), dtype=bool) if array.ndim == 1 else None
    if missing is not None:
        w.write(missing)
    if hasattr(dtype, "numpy_dtype") and not dtype.numpy_dtype.hasobject:  # Int64, boolean...
        w.write(array.to_numpy(dtype=dtype.numpy_dtype, na_value=0))
        return
    values = np.asarray(array, dtype=object)
    if missing is not None and missing.any():
        values = values.copy()
        values[missing] = None
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        # every value is a str (or missing, recorded above): pandas' fixed-key siphash
        # per element, in C; a collision needs every differing element to collide
        hashed = pd.util.hash_array(np.where(missing, "", values) if missing is not None
                                    else values, categorize=False)
        w.write(np.asarray(hashed))
        return
    for item in values:  # lists, dicts, mixed types: exact, with type tags
        w.write(item)
