"""How `cache_data` keeps values so each hit returns a copy the caller may change.

Values are stored pickled (protocol 5) and unpickled on each hit. Functions and classes
defined in the notebook are kept by value, as they were defined, never by a name that may
hold something else by the next hit (cloudpickle, for them and for what plain pickle cannot
do, such as lambdas). A notebook function comes back with its own code, defaults and
closure, reading the notebook's globals as they are then: what running its cell again
gives. pandas objects under pandas >= 3 are kept as they are instead: pandas 3 guarantees
copy-on-write, so a shallow copy per hit is isolated from the cache (a write copies the
data first; `to_numpy()` on shared data is read-only) and costs no copy of the data.
Columns of arbitrary objects are excluded: copy-on-write does not protect a list inside a
cell.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import types
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
    buffer = io.BytesIO()
    try:
        _PlainPickler(buffer, protocol=5).dump(value)
        return buffer.getvalue()
    except (_ByValue, pickle.PicklingError, TypeError, AttributeError):
        pass  # a notebook function or class, a lambda: cloudpickle pickles those by value
    try:
        buffer = io.BytesIO()
        _notebook_pickler()(buffer, protocol=5).dump(value)
        return buffer.getvalue()
    except Exception as error:  # whatever cloudpickle refuses, reported with the fix
        raise UnpicklableResultError(
            f"{function_name}() returned a {type(value).__module__}.{type(value).__qualname__}, "
            f"which cannot be pickled ({error}); cache_data returns a copy of its result on "
            f"every hit, so it must be picklable. To share one object instead (a connection, "
            f"a model), use @jr.cache_resource") from None


class _ByValue(Exception):
    """Plain pickle met a function or class of the notebook, which it would keep by name."""


class _PlainPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, (types.FunctionType, type)) and obj.__module__ == "__main__":
            raise _ByValue
        return NotImplemented


_pickler: Any = None


def _notebook_pickler() -> Any:
    """cloudpickle's pickler, but a notebook function reads the live notebook's globals."""
    global _pickler
    if _pickler is None:
        import cloudpickle

        class NotebookPickler(cloudpickle.Pickler):
            def reducer_override(self, obj: Any) -> Any:
                if isinstance(obj, types.FunctionType) and obj.__module__ == "__main__":
                    if obj.__globals__.get("__name__") == "__main__":
                        return _function_reduction(obj)
                    # a library's wrapper over a notebook function (jr.cache_data's): by name
                    return _main_attribute, (obj.__qualname__,)
                return super().reducer_override(obj)

        _pickler = NotebookPickler
    return _pickler


# A notebook function's globals: the notebook (`__main__`) wherever it is loaded; a namespace
# of its own (a test's) only in the process that pickled it.
_PROCESS = os.urandom(8).hex()
_namespaces: dict[int, dict] = {}


class _EmptyCell:
    """A closure cell with nothing in it yet."""


def _function_reduction(function: types.FunctionType) -> tuple:
    namespace = function.__globals__
    main = sys.modules.get("__main__")
    token = None
    if main is None or namespace is not vars(main):
        token = (_PROCESS, id(namespace))
        _namespaces[id(namespace)] = namespace
    cells = [_cell_value(cell) for cell in function.__closure__ or ()]
    state = (function.__defaults__, function.__kwdefaults__, function.__qualname__,
             function.__doc__, dict(function.__annotations__), dict(vars(function)), cells)
    # a skeleton first and its state after it is memoised: a closure may hold the function
    return (_skeleton, (function.__code__, token, function.__name__, len(cells)), state,
            None, None, _fill)


def _cell_value(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:
        return _EmptyCell()


def _skeleton(code: types.CodeType, token: Any, name: str, cells: int) -> types.FunctionType:
    namespace = _namespaces.get(token[1]) if token is not None and token[0] == _PROCESS else None
    if namespace is None:
        namespace = vars(sys.modules["__main__"])
    closure = tuple(types.CellType() for _ in range(cells)) or None
    return types.FunctionType(code, namespace, name, None, closure)


def _fill(function: types.FunctionType, state: tuple) -> None:
    defaults, kwdefaults, qualname, doc, annotations, attributes, cells = state
    function.__defaults__, function.__kwdefaults__ = defaults, kwdefaults
    function.__qualname__, function.__doc__ = qualname, doc
    function.__annotations__ = annotations
    vars(function).update(attributes)
    for cell, value in zip(function.__closure__ or (), cells):
        if not isinstance(value, _EmptyCell):
            cell.cell_contents = value


def _main_attribute(qualified: str) -> Any:
    found: Any = sys.modules["__main__"]
    for part in qualified.split("."):
        found = getattr(found, part)
    return found


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
