"""Content digests for cache keys: exact, deterministic, type-tagged, xxh3-128.

A digest is a persisted format (it names entries in shared stores), so it must mean the
same in every process: no builtin `hash()` (salted per process for str), every value's
bytes prefixed by a type tag so `True`, `1`, `1.0`, `"1"` and `b"1"` differ, containers
whose equality ignores order (dict, set) hashed order-independently, and large arrays hashed
over every byte (never sampled: a one-element edit must change the key).
`tests/test_hashing.py` pins digests so they never drift silently.

    digest(value) -> 16 bytes
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import fractions
import math
import pathlib
import struct
import types
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import xxhash

FORMAT = 1  # bump when any encoding below changes: old entries then simply miss

HashFuncs = Mapping[type, Callable[[Any], Any]]


class Unhashable(TypeError):
    """No deterministic content for this value (a lock, a connection, a generator...)."""

    def __init__(self, value: Any) -> None:
        super().__init__(f"cannot hash a {qualified_name(type(value))}")
        self.kind = type(value)


def digest(value: Any, hash_funcs: HashFuncs | None = None) -> bytes:
    """The 16-byte digest of `value`'s content. Raises Unhashable."""
    hasher = xxhash.xxh3_128()
    _Writer(hasher, hash_funcs).write(value)
    return hasher.digest()


def qualified_name(kind: Any) -> str:
    return f"{getattr(kind, '__module__', '?')}.{getattr(kind, '__qualname__', repr(kind))}"


_pack_length = struct.Struct("<Q").pack
_pack_double = struct.Struct("<d").pack


class _Writer:
    """Feeds a value's canonical bytes to an xxh3 hasher."""

    def __init__(self, hasher: Any, hash_funcs: HashFuncs | None) -> None:
        self._update = hasher.update
        self._hash_funcs = dict(hash_funcs or {})
        self._path: dict[int, int] = {}  # id -> depth, for containers being written (cycles)

    # -- primitives -------------------------------------------------------------------------
    def tag(self, tag: bytes) -> None:
        self._update(tag)

    def raw(self, data: Any) -> None:
        """A length-prefixed run of bytes (anything with the buffer protocol)."""
        view = memoryview(data).cast("B")
        self._update(_pack_length(view.nbytes))
        self._update(view)

    def text(self, value: str) -> None:
        self.raw(value.encode("utf-8", "surrogatepass"))

    def number(self, value: int) -> None:
        self.raw(value.to_bytes((value.bit_length() + 8) // 8, "little", signed=True))

    # -- dispatch ---------------------------------------------------------------------------
    def write(self, value: Any) -> None:
        kind = type(value)
        if self._hash_funcs:
            custom = self._custom(kind)
            if custom is not None:
                self.tag(b"h")
                self.text(qualified_name(kind))
                self.write(custom(value))
                return
        writer = _EXACT.get(kind)
        if writer is not None and kind not in _CONTAINERS:
            writer(self, value)
            return
        key = id(value)
        if key in self._path:  # a container that contains itself
            self.tag(b"@")
            self.number(len(self._path) - self._path[key])
            return
        self._path[key] = len(self._path)
        try:
            (writer or _write_other)(self, value)
        finally:
            del self._path[key]

    def _custom(self, kind: type) -> Callable[[Any], Any] | None:
        if kind in self._hash_funcs:
            return self._hash_funcs[kind]
        for base in kind.__mro__[1:]:
            if base in self._hash_funcs:
                return self._hash_funcs[base]
        return None

    def sequence(self, tag: bytes, items: Any) -> None:
        items = list(items)
        self.tag(tag)
        self.number(len(items))
        if items and all(type(item) is str for item in items) and not self._hash_funcs:
            # the same bytes as writing each string, in one update (column names, labels)
            encoded = [item.encode("utf-8", "surrogatepass") for item in items]
            self._update(b"".join(b"S" + _pack_length(len(e)) + e for e in encoded))
            return
        for item in items:
            self.write(item)

    def unordered(self, tag: bytes, items: Any) -> None:
        """Members hashed one by one, digests sorted: the order of iteration is irrelevant."""
        digests = sorted(self._sub_digest(item) for item in items)
        self.tag(tag)
        self.number(len(digests))
        for item_digest in digests:
            self._update(item_digest)

    def mapping(self, tag: bytes, value: Mapping[Any, Any]) -> None:
        self.unordered(tag, value.items())

    def _sub_digest(self, value: Any) -> bytes:
        hasher = xxhash.xxh3_128()
        writer = _Writer(hasher, self._hash_funcs)
        writer._path = self._path
        writer.write(value)
        return hasher.digest()


# -- built-in types, dispatched on the exact type ------------------------------------------------
def _float(w: _Writer, value: float) -> None:
    w.tag(b"F")
    w._update(b"nan" if math.isnan(value) else _pack_double(value))


def _complex(w: _Writer, value: complex) -> None:
    w.tag(b"C")
    _float(w, value.real)
    _float(w, value.imag)


def _memoryview(w: _Writer, value: memoryview) -> None:
    w.tag(b"M")
    w.text(value.format)
    w.sequence(b"s", value.shape or ())
    w.raw(value.tobytes())


_EXACT: dict[type, Callable[[_Writer, Any], None]] = {
    type(None): lambda w, v: w.tag(b"N"),
    bool: lambda w, v: w.tag(b"B1" if v else b"B0"),
    int: lambda w, v: (w.tag(b"I"), w.number(v)),
    float: _float,
    complex: _complex,
    str: lambda w, v: (w.tag(b"S"), w.text(v)),
    bytes: lambda w, v: (w.tag(b"Y"), w.raw(v)),
    bytearray: lambda w, v: (w.tag(b"A"), w.raw(v)),
    memoryview: _memoryview,
    tuple: lambda w, v: w.sequence(b"T", v),
    list: lambda w, v: w.sequence(b"L", v),
    dict: lambda w, v: w.mapping(b"D", v),
    set: lambda w, v: w.unordered(b"E", v),
    frozenset: lambda w, v: w.unordered(b"Z", v),
    range: lambda w, v: (w.tag(b"G"), w.number(v.start), w.number(v.stop), w.number(v.step)),
    decimal.Decimal: lambda w, v: (w.tag(b"R"), w.text(str(v.normalize()) if v.is_finite() else str(v))),
    fractions.Fraction: lambda w, v: (w.tag(b"Q"), w.number(v.numerator), w.number(v.denominator)),
    uuid.UUID: lambda w, v: (w.tag(b"U"), w.raw(v.bytes)),
    dt.datetime: lambda w, v: (w.tag(b"t"), w.text(v.isoformat()), w.text(str(v.tzinfo))),
    dt.date: lambda w, v: (w.tag(b"d"), w.text(v.isoformat())),
    dt.time: lambda w, v: (w.tag(b"o"), w.text(v.isoformat()), w.text(str(v.tzinfo))),
    dt.timedelta: lambda w, v: (w.tag(b"l"), w.number(v.days), w.number(v.seconds),
                                w.number(v.microseconds)),
    type(Ellipsis): lambda w, v: w.tag(b"..."),
    types.ModuleType: lambda w, v: (w.tag(b"m"), w.text(v.__name__)),
}


_CONTAINERS = frozenset({tuple, list, dict, set, frozenset})
_LIBRARY_MODULES = frozenset({"numpy", "pandas", "PIL", "pyarrow", "polars"})


def _write_other(w: _Writer, value: Any) -> None:
    """Subclasses, dataclasses, library types, functions; else the pickle protocol's
    reduction, hashed with this writer (so sets inside stay order-independent)."""
    module = type(value).__module__.split(".")[0]
    library = _library(module) if module in _LIBRARY_MODULES else None
    if library is not None and library(w, value):
        return
    if isinstance(value, enum.Enum):
        w.tag(b"e")
        w.text(qualified_name(type(value)))
        w.text(value.name)
    elif isinstance(value, type):
        w.tag(b"c")
        w.text(qualified_name(value))
    elif isinstance(value, (types.FunctionType, types.MethodType)):
        from .code import function_digest

        w.tag(b"f")
        w._update(function_digest(value))
    elif isinstance(value, (types.BuiltinFunctionType, types.BuiltinMethodType)):
        w.tag(b"b")
        w.text(f"{getattr(value, '__module__', None)}.{value.__qualname__}")
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
    elif isinstance(value, (dict, list, tuple, set, frozenset, str, bytes, int, float)):
        base = next(b for b in type(value).__mro__ if b in _EXACT)
        w.tag(b"x")  # a subclass: its class, then its content as the base type
        w.text(qualified_name(type(value)))
        _EXACT[base](w, value)
        if getattr(value, "__dict__", None):
            w.mapping(b"D", vars(value))
    else:
        _reduced(w, value)


def _reduced(w: _Writer, value: Any) -> None:
    try:
        reduced = value.__reduce_ex__(5)
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
def _library(module: str) -> Callable[[_Writer, Any], bool] | None:
    from . import libraries

    return libraries.WRITERS.get(module)
