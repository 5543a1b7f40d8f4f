"""Content digests for cache keys: exact, deterministic, type-tagged, xxh3-128.

A digest is a persisted format (it names entries in shared stores), so it must mean the
same in every process: no builtin `hash()` (salted per process for str), every value's
bytes prefixed by a type tag so `True`, `1`, `1.0`, `"1"` and `b"1"` differ, containers
whose equality ignores order (dict, set) hashed order-independently, and large arrays hashed
over every byte (never sampled: a one-element edit must change the key). Exact means no
value is normalised into another: `Decimal("1.0")` and `Decimal("1.00")` differ (they print
and compute differently). Code is hashed by what it does (code.py): a function by its code
and what it reads, a class or an instance of a class written in the notebook by its class's
content as well as its own state. `tests/test_hashing.py` pins digests so they never drift
silently.

    digest(value) -> 16 bytes
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import math
import struct
import sys
import types
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import xxhash

from ..errors import RerunError

# Bump when any encoding changes: old entries then simply miss. tests/pinned_digests.json
# records the FORMAT its digests were made with, so a changed digest without a bump fails.
# 2: Decimals exact (1.0 != 1.00); notebook classes and their instances by class content;
# functions with their defaults and what they wrap; patterns, views, descriptors, files,
# widgets by content.
FORMAT = 2

# keys: a type, or its qualified name ("__main__.Model"), so a method can name its own class
HashFuncs = Mapping[Any, Callable[[Any], Any]]


class Unhashable(TypeError):
    """No deterministic content for this value (a lock, a connection, a generator...)."""

    def __init__(self, value: Any) -> None:
        super().__init__(f"cannot hash a {qualified_name(type(value))}")
        self.kind = type(value)


class HashFuncError(RerunError):
    """A function given in hash_funcs raised; its exception is the `__cause__`."""

    def __init__(self, message: str, hash_func: Any = None, kind: type | None = None) -> None:
        super().__init__(message)
        self.hash_func, self.kind = hash_func, kind


def digest(value: Any, hash_funcs: HashFuncs | None = None) -> bytes:
    """The 16-byte digest of `value`'s content. Raises Unhashable."""
    hasher = xxhash.xxh3_128()
    _Writer(hasher, hash_funcs).write(value)
    return hasher.digest()


def qualified_name(kind: Any) -> str:
    """`module.QualName` of a class or function: its name in digests and messages."""
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
        if self._hash_funcs:
            custom = self._custom(type(value))
            if custom is not None:
                self._write_custom(custom, value)
                return
        self._write_default(value)

    def _write_custom(self, custom: Callable[[Any], Any], value: Any) -> None:
        kind = type(value)
        try:
            result = custom(value)
        except Exception as error:  # the user's function: reported once, naming it
            name = getattr(custom, "__qualname__", repr(custom))
            raise HashFuncError(f"hash_funcs function {name}() raised {type(error).__name__} "
                                f"on a {qualified_name(kind)}: {error}", custom, kind) from error
        self.tag(b"h")
        self.text(qualified_name(kind))
        if type(result) is kind:  # `lambda v: v` means "as usual": never call it again on it
            self._write_default(result)
        else:
            self.write(result)

    def _write_default(self, value: Any) -> None:
        kind = type(value)
        writer = EXACT.get(kind)
        if writer is not None and kind not in CONTAINERS:
            writer(self, value)
            return
        key = id(value)
        if key in self._path:  # a container that contains itself
            self.tag(b"@")
            self.number(len(self._path) - self._path[key])
            return
        self._path[key] = len(self._path)
        try:
            (writer or objects.write)(self, value)
        finally:
            del self._path[key]

    def _custom(self, kind: type) -> Callable[[Any], Any] | None:
        for base in kind.__mro__:
            found = self._hash_funcs.get(base) or self._hash_funcs.get(qualified_name(base))
            if found is not None:
                return found
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


# -- built-in types, dispatched on the exact type (objects.py writes the rest) -----------------
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


EXACT: dict[type, Callable[[_Writer, Any], None]] = {
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
    decimal.Decimal: lambda w, v: (w.tag(b"R"), w.text(str(v))),  # exact: 1.0 is not 1.00
    fractions.Fraction: lambda w, v: (w.tag(b"Q"), w.number(v.numerator), w.number(v.denominator)),
    uuid.UUID: lambda w, v: (w.tag(b"U"), w.raw(v.bytes)),
    dt.datetime: lambda w, v: (w.tag(b"t"), w.text(v.isoformat()), w.text(str(v.tzinfo))),
    dt.date: lambda w, v: (w.tag(b"d"), w.text(v.isoformat())),
    dt.time: lambda w, v: (w.tag(b"o"), w.text(v.isoformat()), w.text(str(v.tzinfo))),
    dt.timedelta: lambda w, v: (w.tag(b"l"), w.number(v.days), w.number(v.seconds),
                                w.number(v.microseconds)),
    type(Ellipsis): lambda w, v: w.tag(b"..."),
    types.ModuleType: lambda w, v: (w.tag(b"m"), w.text(v.__name__)),
    types.MappingProxyType: lambda w, v: w.mapping(b"V", v),
    type({}.keys()): lambda w, v: w.unordered(b"K", v),  # compare as sets
    type({}.items()): lambda w, v: w.unordered(b"J", v),
    type({}.values()): lambda w, v: w.sequence(b"X", v),  # in the dict's order
}


CONTAINERS = frozenset({tuple, list, dict, set, frozenset, types.MappingProxyType,
                         type({}.keys()), type({}.items()), type({}.values())})


def written_in_notebook(module: str | None) -> bool:
    """Whether code of this module is the notebook's (or cannot be imported, like it)."""
    return module == "__main__" or module not in sys.modules


# the writers of everything else import this module's names above: imported last
from . import objects  # noqa: E402
