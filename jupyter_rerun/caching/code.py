"""What a function *is*, for cache keys: its code, and what its code reads.

The code digest covers bytecode, constants, names and flags, recursing into nested code
objects (inner functions, comprehensions). Line numbers and source text are not part of it,
so comments and formatting do not change it; editing what the code does does. It is the
same in every process (the bytecode's meaning depends on the Python version, which the
cache key records).

Dependencies are the globals the code reads (LOAD_GLOBAL/LOAD_NAME, found in the bytecode,
including in nested code) and its closure cells:
- a function or class written in the notebook (or in the cached function's own module) by
  its code, recursively (a cycle is cut where it closes);
- a function or class from a library by its qualified name; a module by its name;
- any other value by content, *as it was when the function first saw that object*: the
  digest is remembered by identity, so rebinding a name (`K = 5`, `df = load()`)
  invalidates, while changing an object in place (`log.append(x)`) does not. Pass values
  that change in place as arguments: arguments are hashed by content on every call.
- a value that cannot be hashed (a connection, a lock) by its type alone.
"""

from __future__ import annotations

import builtins
import dis
import sys
import types
from collections.abc import Iterator
from typing import Any

import xxhash

from .hashing import Unhashable, digest, qualified_name

_code_digests: dict[types.CodeType, bytes] = {}
# (namespace id, name) -> (the object seen there first, its digest): shared by every cached
# function, so a redefined function sees a global exactly as its earlier version did
_seen: dict[tuple[int, str], tuple[Any, bytes]] = {}
_global_names: dict[types.CodeType, tuple[str, ...]] = {}
_LOADS = {"LOAD_GLOBAL", "LOAD_NAME"}


def code_digest(code: types.CodeType) -> bytes:
    """The digest of what `code` does (cached per code object)."""
    known = _code_digests.get(code)
    if known is None:
        hasher = xxhash.xxh3_128()
        for part in (code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount,
                     code.co_flags, code.co_name):
            hasher.update(repr(part).encode())
            hasher.update(b"\x00")
        hasher.update(code.co_code)
        for names in (code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars):
            hasher.update(digest(names))
        for constant in code.co_consts:
            hasher.update(code_digest(constant) if isinstance(constant, types.CodeType)
                          else digest(constant))
        known = _code_digests[code] = hasher.digest()
    return known


def global_names(code: types.CodeType) -> tuple[str, ...]:
    """Names `code` (and code nested in it) reads as globals, in first-use order."""
    known = _global_names.get(code)
    if known is None:
        found: dict[str, None] = {}
        for each in _walk(code):
            for instruction in dis.get_instructions(each):
                if instruction.opname in _LOADS:
                    found.setdefault(instruction.argval)
        known = _global_names[code] = tuple(found)
    return known


def _walk(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _walk(constant)


def function_digest(function: Any) -> bytes:
    """A function (or method) by its code and dependencies, without identity memory."""
    function = getattr(function, "__func__", function)
    return Dependencies(function).digest()[0]


class Dependencies:
    """The dependency digest of one function, cheap to recompute on every call.

    Values are re-hashed only when a name is bound to a different object than last time
    (see the module docstring for the rule)."""

    def __init__(self, function: Any) -> None:
        self.function = function
        # every (namespace, name, object) the last digest consulted: while each name still
        # holds the same object (and each closure cell too), the digest is the same
        self._watched: list[tuple[Any, str, Any]] | None = None
        self._last: tuple[bytes, dict[str, bytes]] = (b"", {})

    def digest(self) -> tuple[bytes, dict[str, bytes]]:
        """(digest, {name: digest}) for the function's code and what it reads."""
        watched = self._watched
        if watched is not None and (not watched or all(
                _current(where, name) is value for where, name, value in watched)):
            return self._last
        self._watched = []
        parts: dict[str, bytes] = {}
        whole = self._function(self.function, parts, set(), top=True)
        self._last = (whole, parts)
        return self._last

    def _function(self, function: Any, parts: dict[str, bytes], visiting: set[int],
                  top: bool = False) -> bytes:
        if id(function) in visiting:
            return b"cycle:" + qualified_name(function).encode()
        visiting.add(id(function))
        code = function.__code__
        hasher = xxhash.xxh3_128(code_digest(code))
        namespace = function.__globals__
        for name in global_names(code):
            self._watch(namespace, name, namespace.get(name, _MISSING))
            if name in namespace:
                part = self._value(namespace, name, namespace[name], parts, visiting, function)
            elif hasattr(builtins, name):
                continue
            else:
                part = b"missing"
            hasher.update(name.encode())
            hasher.update(part)
            if top:
                parts[name] = part
        for name, cell in zip(code.co_freevars, function.__closure__ or ()):
            value = _current(cell, None)
            self._watch(cell, None, value)
            if value is _MISSING:  # an empty cell: the closure variable is not bound yet
                continue
            # keyed by the cell: functions made by one outer call share their closure cells
            part = self._value(cell, "<closure>", value, parts, visiting, function)
            hasher.update(name.encode())
            hasher.update(part)
            if top:
                parts[f"closure {name}"] = part
        visiting.discard(id(function))
        return hasher.digest()

    def _watch(self, where: Any, name: str | None, value: Any) -> None:
        if self._watched is not None:
            self._watched.append((where, name, value))

    def _value(self, namespace: Any, name: str, value: Any, parts: dict[str, bytes],
               visiting: set[int], owner: Any) -> bytes:
        if isinstance(value, types.ModuleType):
            return b"module:" + value.__name__.encode()
        if _is_user_code(value, owner):
            if isinstance(value, type):
                return self._class(value, parts, visiting)
            return self._function(getattr(value, "__func__", value), parts, visiting)
        if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
            return b"named:" + qualified_name(value).encode()
        key = (id(namespace), name)
        seen = _seen.get(key)
        if seen is not None and seen[0] is value:
            return seen[1]
        try:
            part = digest(value)
        except Unhashable:
            part = b"type:" + qualified_name(type(value)).encode()
        _seen[key] = (value, part)
        return part

    def _class(self, cls: type, parts: dict[str, bytes], visiting: set[int]) -> bytes:
        hasher = xxhash.xxh3_128(qualified_name(cls).encode())
        for base in cls.__mro__[1:]:
            hasher.update(qualified_name(base).encode())
        for name, member in sorted(vars(cls).items()):
            function = getattr(member, "__func__", None) or getattr(member, "fget", None) or member
            if isinstance(function, types.FunctionType):
                hasher.update(name.encode())
                hasher.update(self._function(function, parts, visiting))
        return hasher.digest()


_MISSING = object()


def _current(where: Any, name: str | None) -> Any:
    """What a watched global name (or closure cell, when name is None) holds now."""
    if name is None:
        try:
            return where.cell_contents
        except ValueError:
            return _MISSING
    return where.get(name, _MISSING)


def _is_user_code(value: Any, owner: Any) -> bool:
    """Written in the notebook, or next to the cached function: followed by code."""
    target = getattr(value, "__func__", value)
    if not isinstance(target, (types.FunctionType, type)):
        return False
    module = getattr(target, "__module__", None)
    return module == "__main__" or module == getattr(owner, "__module__", None) or (
        module is not None and module not in sys.modules)
