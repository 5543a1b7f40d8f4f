"""How `cache_data` keeps values so each hit returns a copy the caller may change.

Values are stored pickled (protocol 5; cloudpickle for what plain pickle cannot do, such as
lambdas and classes defined in the notebook) and unpickled on each hit. pandas objects under
pandas >= 3 are kept as they are instead: pandas 3 guarantees copy-on-write, so a shallow
copy per hit is isolated from the cache (a write copies the data first; `to_numpy()` on
shared data is read-only) and costs no copy of the data. Columns of arbitrary objects are
excluded: copy-on-write does not protect a list inside a cell.
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass
from typing import Any

from ..errors import RerunError


class UnpicklableResultError(RerunError, TypeError):
    """A cache_data function returned something that cannot be copied by pickling."""


@dataclass
class Stored:
    """One cached value: pickled bytes, or a pandas object shared copy-on-write."""

    blob: bytes | None
    frame: Any
    size: int


def freeze(value: Any, function_name: str) -> Stored:
    if copy_on_write_safe(value):
        return Stored(None, value.copy(deep=False), int(value.memory_usage(deep=False).sum()))
    blob = dumps(value, function_name)
    return Stored(blob, None, len(blob))


def thaw(stored: Stored) -> Any:
    if stored.frame is not None:
        return stored.frame.copy(deep=False)
    return pickle.loads(stored.blob)  # type: ignore[arg-type]


def blob_of(stored: Stored, function_name: str) -> bytes:
    """The pickled bytes (made on demand for a shared pandas object)."""
    if stored.blob is None:
        stored.blob = dumps(stored.frame, function_name)
    return stored.blob


def dumps(value: Any, function_name: str) -> bytes:
    try:
        return pickle.dumps(value, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        pass  # e.g. a lambda or a notebook class inside: cloudpickle pickles those by value
    import cloudpickle

    try:
        return cloudpickle.dumps(value, protocol=5)
    except Exception as error:  # whatever cloudpickle refuses, reported with the fix
        raise UnpicklableResultError(
            f"{function_name}() returned a {type(value).__module__}.{type(value).__qualname__}, "
            f"which cannot be pickled ({error}); cache_data returns a copy of its result on "
            f"every hit, so it must be picklable. To share one object instead (a connection, "
            f"a model), use @jr.cache_resource") from None


def copy_on_write_safe(value: Any) -> bool:
    pandas = sys.modules.get("pandas")
    if pandas is None or int(pandas.__version__.split(".")[0]) < 3:
        return False
    if isinstance(value, pandas.DataFrame):
        dtypes = list(value.dtypes)
    elif isinstance(value, pandas.Series):
        dtypes = [value.dtype]
    else:
        return False
    return all(getattr(dtype, "kind", "O") != "O" or isinstance(dtype, pandas.StringDtype)
               for dtype in dtypes) and value.index.dtype != object
