"""Content digests of every value that is not a builtin type hashing.py writes directly:
code, library types, descriptors, open files, widgets; else the pickle protocol's reduction.

A class written in the notebook counts by its content (code.py), so an instance of one
counts its class's code as well as its own state: `Model(2)` before and after an edit of
`Model.predict` are different values to a cache. Widgets count by their value, open files
by path, mode, position and modification time (as in Streamlit).
"""

from __future__ import annotations

import copyreg
import dataclasses
import enum
import functools
import io
import os
import pathlib
import sys
import tempfile
import types
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from .hashing import EXACT, Unhashable, qualified_name, written_in_notebook

_LIBRARY_MODULES = frozenset({"numpy", "pandas", "PIL", "pyarrow", "polars"})

# a descriptor or partial by what it wraps: the functions behind a property count by their code
WRAPPER_PARTS: dict[type, tuple[str, ...]] = {
    property: ("fget", "fset", "fdel"),
    classmethod: ("__func__",),
    staticmethod: ("__func__",),
    functools.cached_property: ("func",),
    functools.partialmethod: ("func", "args", "keywords"),
    functools.partial: ("func", "args", "keywords"),
}
_BUILTIN_DESCRIPTORS = (types.GetSetDescriptorType, types.MemberDescriptorType,
                        types.WrapperDescriptorType, types.MethodDescriptorType,
                        types.ClassMethodDescriptorType)
_NAMES = (str, bytes, int)  # what an open file's name is: a path, or a file descriptor
_SUBCLASSABLE = (dict, list, tuple, set, frozenset, str, bytes, int, float)


def write(w: Any, value: Any) -> None:
    """Write `value`'s canonical bytes to the hashing writer `w`. Raises Unhashable."""
    from . import code

    module = type(value).__module__
    notebook = written_in_notebook(module)
    if notebook:  # an instance of a notebook class: its class's code counts
        w.tag(b"k")
        w._update(code.class_digest(type(value)))
    top = module.split(".")[0]
    library = _library(top) if top in _LIBRARY_MODULES else None
    if library is not None and library(w, value):
        return
    if isinstance(value, type):
        w.tag(b"c")
        w.text(qualified_name(value))
        if written_in_notebook(value.__module__):
            w._update(code.class_digest(value))
    elif isinstance(value, (types.FunctionType, types.MethodType)) or (
            not notebook and code.wrapped(value) is not None):  # lru_cache and the like
        w.tag(b"f")
        w._update(code.function_digest(value))
    elif isinstance(value, (types.BuiltinFunctionType, types.BuiltinMethodType)):
        w.tag(b"b")
        w.text(f"{getattr(value, '__module__', None)}.{value.__qualname__}")
    elif not (_plain_data(w, value) or _runtime(w, value)):
        _reduced(w, value)


def _plain_data(w: Any, value: Any) -> bool:
    """Enums, dataclasses, paths, OrderedDicts and subclasses of builtins."""
    if isinstance(value, enum.Enum):
        w.tag(b"e")
        w.text(qualified_name(type(value)))
        w.text(value.name)
    elif dataclasses.is_dataclass(value):
        w.tag(b"a")
        w.text(qualified_name(type(value)))
        w.sequence(b"T", ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value)))
    elif isinstance(value, pathlib.PurePath):
        w.tag(b"P")
        w.text(type(value).__name__ + ":" + value.as_posix())
    elif isinstance(value, OrderedDict):
        w.tag(b"O")
        w.sequence(b"T", value.items())  # OrderedDicts compare in order
    elif isinstance(value, _SUBCLASSABLE):
        base = next(b for b in type(value).__mro__ if b in EXACT)
        w.tag(b"x")  # a subclass: its class, then its content as the base type
        w.text(qualified_name(type(value)))
        EXACT[base](w, value)
        if getattr(value, "__dict__", None):
            w.mapping(b"D", vars(value))
    else:
        return False
    return True


def _runtime(w: Any, value: Any) -> bool:
    """Descriptors, open files and widgets: what pickle refuses but has content."""
    parts = wrapper_parts(value)
    if parts is not None:
        w.tag(b"j")
        w.text(qualified_name(type(value)))
        w.sequence(b"T", (getattr(value, name) for name in parts))
    elif isinstance(value, _BUILTIN_DESCRIPTORS):
        w.tag(b"jb")
        w.text(qualified_name(value.__objclass__) + "." + value.__name__)
    elif isinstance(value, tempfile._TemporaryFileWrapper):  # NamedTemporaryFile()
        _file(w, value.file, value.name)
    elif isinstance(value, (io.BytesIO, io.StringIO)) and isinstance(getattr(value, "name", None), str):
        # an in-memory file with a name (jr.file_uploader's UploadedFile), as Streamlit
        # hashes one: by its name, position and content (its upload id would miss a re-upload)
        w.tag(b"v")  # a tag of its own
        w.text(f"{qualified_name(type(value))}:{value.name}")
        w.number(value.tell())
        w.write(value.getvalue())
    elif isinstance(value, io.IOBase) and isinstance(getattr(value, "name", None), _NAMES):
        _file(w, value, value.name)  # an open file (in-memory ones go by content, below)
    else:
        content = widget_content(value)
        if content is None:
            return False
        if not content:
            raise Unhashable(value)
        w.tag(b"w")
        w.text(qualified_name(type(value)))
        w.sequence(b"T", content)
    return True


def wrapper_parts(value: Any) -> tuple[str, ...] | None:
    """The attributes a descriptor or partial wraps (a property: fget, fset, fdel), or None."""
    for kind, names in WRAPPER_PARTS.items():
        if isinstance(value, kind):
            return names
    return None


def widget_content(value: Any) -> tuple[tuple[str, Any], ...] | None:
    """What an ipywidget counts as, as (trait, value) pairs; None for what is not a widget.
    (Imports nothing: a widget exists only once ipywidgets is imported.)"""
    ipywidgets = sys.modules.get("ipywidgets")
    if ipywidgets is None or not isinstance(value, ipywidgets.Widget):
        return None
    from .. import widgets

    return widgets.content(value)


def _file(w: Any, handle: Any, name: Any) -> None:
    """An open file by what reading it next gives: path, mode, position, modification time."""
    w.tag(b"u")
    where = name if isinstance(name, int) else os.fsdecode(name)  # a path, or a descriptor
    w.text(f"{qualified_name(type(handle))}:{getattr(handle, 'mode', '')}:{where}")
    if handle.closed:
        w.tag(b"-")
        return
    try:
        position, status = handle.tell(), os.fstat(handle.fileno())
    except (OSError, ValueError) as error:  # a pipe or socket: no position to key on
        raise Unhashable(handle) from error
    w.number(position)
    w.number(status.st_mtime_ns)
    w.number(status.st_size)


def _reduced(w: Any, value: Any) -> None:
    # as pickle does: a reducer registered with copyreg first (re.Pattern has one)
    reducer = copyreg.dispatch_table.get(type(value))
    try:
        reduced = reducer(value) if reducer is not None else value.__reduce_ex__(5)
    except Exception as error:  # what pickle refuses (locks, sockets, generators...)
        raise Unhashable(value) from error
    if isinstance(reduced, str):  # a global by name
        w.tag(b"g")
        w.text(f"{type(value).__module__}.{reduced}")
        return
    constructor, args, *rest = reduced + (None,) * (6 - len(reduced))
    state, items, pairs, _setter = rest[:4]
    if getattr(constructor, "__name__", "") in ("__newobj__", "__newobj_ex__", "_reconstructor"):
        constructor, args = (args[0], args[1:]) if args else (constructor, args)
    w.tag(b"r")
    w.text(qualified_name(constructor))
    w.write(args if args is None or type(args) is tuple else tuple(args))
    w.write(state)
    if items is not None:
        w.sequence(b"L", items)
    if pairs is not None:
        w.mapping(b"D", dict(pairs))


# -- libraries, looked up by the value's top-level module (never imported here) ------------------
def _library(module: str) -> Callable[[Any, Any], bool] | None:
    from . import libraries

    return libraries.WRITERS.get(module)
